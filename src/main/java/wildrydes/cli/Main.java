package wildrydes.cli;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wildrydes} command line. */
@Command(name = "wildrydes", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Wild Rydes Streaming: a durable Kinesis Data Streams compatible server and the Wild Rydes lab tools.",
        subcommands = {ServerCommand.class, DemoCommand.class, ProducerCommand.class, ConsumerCommand.class, AggregateCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("server")) {
            // The server's start-up is measured: a plain server command line skips picocli.
            ServerCommand server = ServerCommand.parseQuickly(Arrays.asList(args).subList(1, args.length));
            if (server != null) {
                System.exit(run(server));
            }
        }
        System.exit(commandLine().execute(args));
    }

    /** Runs a command parsed without picocli, exiting as picocli's execute() would. */
    private static int run(ServerCommand command) {
        try {
            return command.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            e.printStackTrace();
            return 1;
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
