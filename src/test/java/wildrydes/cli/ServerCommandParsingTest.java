package wildrydes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The server's own quick option parsing gives what picocli gives, and leaves everything else to picocli. */
class ServerCommandParsingTest {

    private static ServerCommand picocli(String... args) {
        List<String> line = new ArrayList<>(List.of("server"));
        line.addAll(List.of(args));
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(line.toArray(String[]::new));
        return parsed.subcommand().commandSpec().commandLine().getCommand();
    }

    private static void assertSameAsPicocli(String... args) {
        ServerCommand quick = ServerCommand.parseQuickly(List.of(args));
        ServerCommand slow = picocli(args);
        assertThat(quick).as("quick parse of %s", List.of(args)).isNotNull();
        assertThat(quick.problem()).isEqualTo(slow.problem());
        assertThat(quick.config()).as("config from %s", List.of(args)).isEqualTo(slow.config());
        if (quick.problem() == null) {
            assertThat(quick.tls()).as("TLS settings from %s", List.of(args)).isEqualTo(slow.tls());
        }
    }

    @Test
    void defaultsAreThoseOfPicocli() {
        assertSameAsPicocli();
    }

    @Test
    void everyOptionGivesWhatPicocliGives() {
        assertSameAsPicocli("--host", "0.0.0.0", "--port", "0", "--region", "eu-west-1", "--account-id", "123456789012",
                "--state-change-ms", "0", "--data-dir", "/tmp/data", "--no-fsync", "--shard-limit", "5000",
                "--enforce-limits", "--fault-rate", "0.25", "--tls-port", "0", "--tls-cert", "/tmp/c.pem", "--tls-key", "/tmp/k.pem");
        assertSameAsPicocli("--port=4999", "--in-memory", "--no-tls", "--data-dir=/tmp/x=y");
        assertSameAsPicocli("--port", "24999", "--tls-port", "0", "--data-dir", "/tmp/d", "--shard-limit", "5000",
                "--state-change-ms", "0");
        assertSameAsPicocli("--tls-cert", "/tmp/c.pem"); // the problem (no key) is found after parsing, either way
    }

    @Test
    void leavesToPicocliWhatItDoesNotKnowOrCannotConvert() {
        for (List<String> line : List.of(List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"),
                List.of("--port"), List.of("--port", "x"), List.of("--port", "1", "--port", "2"), List.of("--nope"),
                List.of("--in-memory=true"), List.of("@args.txt"), List.of("--fault-rate", "-1"), List.of("--host", "--port"),
                List.of("positional"), List.of("--"))) {
            assertThat(ServerCommand.parseQuickly(line)).as("quick parse of %s", line).isNull();
        }
    }

    @Test
    void knowsEveryOptionOfTheCommandButHelpAndVersion() {
        Set<String> picocliNames = new HashSet<>();
        Set<String> picocliFlags = new HashSet<>();
        for (OptionSpec option : Main.commandLine().getSubcommands().get("server").getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            picocliNames.addAll(List.of(option.names()));
            if (option.arity().max() == 0) {
                picocliFlags.addAll(List.of(option.names()));
            }
        }
        Set<String> quick = new HashSet<>(ServerCommand.VALUED);
        quick.addAll(ServerCommand.FLAGS);
        assertThat(quick).isEqualTo(picocliNames);
        assertThat(ServerCommand.FLAGS).isEqualTo(picocliFlags);
    }
}
