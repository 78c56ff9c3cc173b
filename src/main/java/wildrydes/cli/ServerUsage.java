package wildrydes.cli;

import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code wildrydes server} as picocli shows it: in the command list of {@code wildrydes --help},
 * for {@code wildrydes help server} and for {@code server --help}. Made from {@link ServerOption},
 * for showing only: the server's command line is parsed by {@link OptionParser}, without picocli.
 */
final class ServerUsage {
    static final String[] DESCRIPTION = {
        "Runs the Kinesis Data Streams compatible server until Ctrl+C or SIGTERM.",
        "Data survives restarts and crashes: every acknowledged write is fsynced first (group-committed)."
    };

    private ServerUsage() {
    }

    /** The command as picocli describes it; to be added to {@code wildrydes} as its subcommand {@code server}. */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("server").versionProvider(new Version());
        spec.usageMessage().description(DESCRIPTION).sortOptions(false);
        for (ServerOption option : ServerOption.ALL) {
            OptionSpec.Builder builder = OptionSpec.builder(option.optionName()).description(option.description());
            if (option.isFlag()) {
                builder.type(boolean.class).arity("0");
            } else {
                builder.type(String.class).paramLabel(option.paramLabel());
            }
            spec.addOption(builder.build());
        }
        spec.mixinStandardHelpOptions(true); // after the options: -h and -V come last, as with the annotations
        return spec;
    }

    /** Prints the help of {@code wildrydes server}. */
    static void print(PrintStream out) {
        Main.commandLine().getSubcommands().get("server").usage(out);
    }

    /** Prints what {@code wildrydes server --version} prints. */
    static void printVersion(PrintStream out) {
        for (String line : new Version().getVersion()) {
            out.println(line);
        }
    }
}
