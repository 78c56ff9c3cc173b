package wildrydes.cli;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wildrydes} command line. */
@Command(name = "wildrydes", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Wild Rydes Streaming: a durable Kinesis Data Streams compatible server and the Wild Rydes lab tools.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("server")) {
            // The server's start-up is measured: its command line is parsed without picocli (see ServerCommand).
            System.exit(ServerCommand.run(Arrays.asList(args).subList(1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }

    /** Every command, as picocli lists and runs them; {@code server} is only shown here, it runs from {@link #main}. */
    static CommandLine commandLine() {
        CommandLine main = new CommandLine(new Main());
        main.addSubcommand("server", new CommandLine(ServerUsage.spec()));
        main.addSubcommand(new DemoCommand());
        main.addSubcommand(new ProducerCommand());
        main.addSubcommand(new ConsumerCommand());
        main.addSubcommand(new ArchiveCommand());
        main.addSubcommand(new QueryCommand());
        main.addSubcommand(new ProcessCommand());
        main.addSubcommand(new CommandLine.HelpCommand());
        return main.setCaseInsensitiveEnumValuesAllowed(true); // last: it reaches only the subcommands added by then
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
