package vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `vigil` command: one subcommand per job. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Face liveness in pure Java: engine, models and tools.",
        subcommands = {DemoCommand.class, CheckCommand.class, ConformanceCommand.class, ExampleCommand.class,
            RecordsCommand.class, MetricsCommand.class, TrainCommand.class, EvalCommand.class,
            BenchCommand.class, AugmentCommand.class, SelectCommand.class, BlinkCommand.class, QatCommand.class,
            QuantizeCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parse) -> {
                    cmd.getErr().println("vigil " + cmd.getCommandName() + ": " + e.getMessage());
                    return 2;
                })
                .execute(args);
        System.exit(code);
    }
}
