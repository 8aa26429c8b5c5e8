package vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Augmentation and spoof synthesis: look at what a policy does to real images. */
@Command(name = "augment", mixinStandardHelpOptions = true,
        description = "Augmentation policies and synthesised print / replay attacks.",
        subcommands = {AugmentPreviewCommand.class})
final class AugmentCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
