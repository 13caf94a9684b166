package io.slotgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slotgate} command line. */
@Command(name = "slotgate", mixinStandardHelpOptions = true, version = "slotgate 0.1.0",
        description = "An availability cache in front of Cal.com API v2.",
        subcommands = {ServeCommand.class, EmulateCommand.class, FindCommand.class, SimulateCommand.class,
                CacheCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("slotgate: " + e.getMessage());
            return 2;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                    + " (see --help)");
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
