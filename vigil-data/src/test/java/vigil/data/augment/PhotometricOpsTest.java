package vigil.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;

/** Photometric ops: each one's defining property, against hand-computed values. */
class PhotometricOpsTest {
    private final BgrImage natural = TestImages.natural(40, 30, 3);

    @Test
    void brightnessScalesEveryValue() {
        BgrImage out = new Brightness.Params(1.5f).apply(natural);
        assertEquals(Math.min(255, Math.round(natural.get(5, 6, 1) * 1.5f)), out.get(5, 6, 1));
        assertEquals(Math.min(255, Math.round(natural.get(30, 2, 0) * 1.5f)), out.get(30, 2, 0));
    }

    @Test
    void contrastScalesSpreadAroundTheMean() {
        BgrImage out = new Contrast.Params(0.5f).apply(natural);
        assertEquals(0.5 * TestImages.std(natural, 1), TestImages.std(out, 1), 0.3);
        BgrImage flat = TestImages.flat(8, 8, 90, 90, 90);
        assertArrayEquals(flat.data(), new Contrast.Params(1.7f).apply(flat).data());
    }

    @Test
    void saturationZeroGivesGreyAndGreyStaysGrey() {
        BgrImage out = new Saturation.Params(0).apply(natural);
        for (int p = 0; p < out.data().length; p += 3) {
            assertEquals(out.data()[p], out.data()[p + 1]);
            assertEquals(out.data()[p], out.data()[p + 2]);
        }
        BgrImage grey = TestImages.flat(4, 4, 77, 77, 77);
        assertArrayEquals(grey.data(), new Saturation.Params(1.8f).apply(grey).data());
    }

    @Test
    void hueShiftOf120TakesRedToGreenAndLeavesGrey() {
        BgrImage red = TestImages.flat(2, 2, 0, 0, 200);
        BgrImage out = new Hue.Params(120).apply(red);
        assertArrayEquals(new int[] {0, 200, 0}, new int[] {out.get(0, 0, 0), out.get(0, 0, 1), out.get(0, 0, 2)});
        BgrImage grey = TestImages.flat(2, 2, 50, 50, 50);
        assertArrayEquals(grey.data(), new Hue.Params(77).apply(grey).data());
        // A full turn is the identity up to rounding.
        BgrImage turned = new Hue.Params(180).apply(new Hue.Params(180).apply(natural));
        assertTrue(TestImages.psnr(natural, turned) > 45);
    }

    @Test
    void channelOffsetAddsPerChannelAndSaturates() {
        BgrImage out = new ChannelOffset.Params(10, -20, 300).apply(TestImages.flat(2, 2, 100, 100, 100));
        assertArrayEquals(new int[] {110, 80, 255}, new int[] {out.get(1, 1, 0), out.get(1, 1, 1), out.get(1, 1, 2)});
    }

    @Test
    void gammaKeepsBlackAndWhiteAndBendsMidtones() {
        BgrImage in = new BgrImage(3, 1, new byte[] {0, 0, 0, (byte) 128, (byte) 128, (byte) 128, (byte) 255, (byte) 255, (byte) 255});
        BgrImage out = new Gamma.Params(2).apply(in);
        assertEquals(0, out.get(0, 0, 0));
        assertEquals(Math.round(255 * Math.pow(128 / 255.0, 2)), out.get(1, 0, 0));
        assertEquals(255, out.get(2, 0, 0));
    }

    @Test
    void greyWritesBt601LumaToAllChannels() {
        BgrImage out = new Grey.Params().apply(TestImages.flat(1, 1, 10, 100, 200));
        int luma = Math.round(0.114f * 10 + 0.587f * 100 + 0.299f * 200);
        assertArrayEquals(new int[] {luma, luma, luma}, new int[] {out.get(0, 0, 0), out.get(0, 0, 1), out.get(0, 0, 2)});
    }

    @Test
    void darkenNeverBrightensAndDimsShadowsMost() {
        BgrImage out = new Darken.Params(0.7f, 1.4f).apply(natural);
        for (int i = 0; i < out.data().length; i++) {
            assertTrue((out.data()[i] & 0xff) <= (natural.data()[i] & 0xff), "value " + i + " brightened");
        }
        BgrImage ramp = new BgrImage(2, 1, new byte[] {40, 40, 40, (byte) 220, (byte) 220, (byte) 220});
        BgrImage dark = new Darken.Params(0.7f, 1.4f).apply(ramp);
        assertTrue(dark.get(0, 0, 0) / 40.0 < dark.get(1, 0, 0) / 220.0, "shadows keep a smaller fraction");
    }

    @Test
    void warmTemperatureRaisesRedLowersBlueKeepsGreen() {
        BgrImage out = new ColourTemperature.Params(0.1f).apply(TestImages.flat(1, 1, 100, 100, 100));
        assertArrayEquals(new int[] {90, 100, 110}, new int[] {out.get(0, 0, 0), out.get(0, 0, 1), out.get(0, 0, 2)});
    }
}
