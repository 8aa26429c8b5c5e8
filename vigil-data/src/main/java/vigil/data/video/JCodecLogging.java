package vigil.data.video;

import java.util.Arrays;
import org.jcodec.common.logging.LogLevel;
import org.jcodec.common.logging.Logger;
import org.jcodec.common.logging.Message;

/**
 * Sends JCodec's log messages to {@link System.Logger} ("org.jcodec": stderr by default) instead of
 * stdout, where JCodec prints them unless a sink is installed first; a warning about a corrupt
 * macroblock in stdout would break `vigil blink --json`. Only WARN and ERROR are passed on.
 */
final class JCodecLogging {
    private static final System.Logger LOG = System.getLogger("org.jcodec");

    private JCodecLogging() {
    }

    static {
        // JCodec passes on a message only when its level is strictly above the global one: INFO
        // lets WARN and ERROR through.
        Logger.setLevel(LogLevel.INFO);
        Logger.addSink(JCodecLogging::post);
    }

    /** Installs the sink (once, by class initialisation); call before the first JCodec use. */
    static void install() {
        // The static initialiser does the work.
    }

    private static void post(Message m) {
        System.Logger.Level level = m.getLevel() == LogLevel.ERROR ? System.Logger.Level.ERROR
                : m.getLevel() == LogLevel.WARN ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        Object[] args = m.getArgs();
        LOG.log(level, m.getMessage() + (args == null || args.length == 0 ? "" : " " + Arrays.toString(args)));
    }
}
