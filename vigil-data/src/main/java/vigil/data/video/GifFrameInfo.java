package vigil.data.video;

import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a GIF frame's metadata says about how to draw it: where its rectangle sits on the logical
 * screen, how long it shows (hundredths of a second), and what happens to its rectangle before the
 * next frame is drawn (disposal method, from the Graphic Control Extension).
 */
record GifFrameInfo(int left, int top, int width, int height, int delayCentiseconds, Disposal disposal) {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    enum Disposal {
        /** Leave the frame in place (GIF's "none" and "do not dispose" draw the same). */
        KEEP,
        /** Clear the frame's rectangle to the background colour. */
        RESTORE_BACKGROUND,
        /** Put back what the rectangle held before this frame was drawn. */
        RESTORE_PREVIOUS
    }

    static GifFrameInfo of(IIOMetadata metadata) {
        Node root = metadata.getAsTree(FORMAT);
        int left = 0;
        int top = 0;
        int width = 0;
        int height = 0;
        int delay = 0;
        Disposal disposal = Disposal.KEEP;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            NamedNodeMap a = n.getAttributes();
            switch (n.getNodeName()) {
                case "ImageDescriptor" -> {
                    left = intAttr(a, "imageLeftPosition");
                    top = intAttr(a, "imageTopPosition");
                    width = intAttr(a, "imageWidth");
                    height = intAttr(a, "imageHeight");
                }
                case "GraphicControlExtension" -> {
                    delay = intAttr(a, "delayTime");
                    disposal = switch (a.getNamedItem("disposalMethod").getNodeValue()) {
                        case "restoreToBackgroundColor" -> Disposal.RESTORE_BACKGROUND;
                        case "restoreToPrevious" -> Disposal.RESTORE_PREVIOUS;
                        default -> Disposal.KEEP;
                    };
                }
                default -> {
                }
            }
        }
        return new GifFrameInfo(left, top, width, height, delay, disposal);
    }

    static int intAttr(NamedNodeMap attributes, String name) {
        Node n = attributes.getNamedItem(name);
        return n == null ? 0 : Integer.parseInt(n.getNodeValue());
    }
}
