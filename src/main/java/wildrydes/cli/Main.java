package wildrydes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wildrydes} command line. */
@Command(name = "wildrydes", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Wild Rydes Streaming: a durable Kinesis Data Streams compatible server and the Wild Rydes lab tools.",
        subcommands = {ServerCommand.class, DemoCommand.class, ProducerCommand.class, ConsumerCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
