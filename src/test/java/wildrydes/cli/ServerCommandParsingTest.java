package wildrydes.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import wildrydes.server.ServerConfig;
import wildrydes.server.TlsSettings;

/**
 * The server's one option parser: what each option sets, what it refuses (in picocli's words,
 * as every other command answers), and the help picocli shows, made from the same table.
 */
class ServerCommandParsingTest {

    private static ServerCommand parse(String... args) throws OptionParser.UsageException {
        ServerCommand command = new ServerCommand();
        assertThat(OptionParser.parse(List.of(args), ServerOption.ALL, command)).as("outcome of %s", List.of(args))
                .isEqualTo(OptionParser.Outcome.RUN);
        return command;
    }

    private static String refusal(String... args) {
        try {
            OptionParser.parse(List.of(args), ServerOption.ALL, new ServerCommand());
        } catch (OptionParser.UsageException e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed " + List.of(args));
    }

    private static ServerConfig config(String host, int port, String region, String accountId, long stateChangeMillis,
                                       Path dataDir, boolean inMemory, boolean fsync, int shardLimit, boolean enforceLimits,
                                       double faultRate) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit,
                Clock.systemUTC(), enforceLimits, faultRate);
    }

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        ServerCommand command = parse();
        assertThat(command.problem()).isNull();
        assertThat(command.config()).isEqualTo(ServerConfig.defaults());
        assertThat(command.tls()).isEqualTo(new TlsSettings(4568, null, null));
    }

    @Test
    void everyOptionSetsWhatItSays() throws Exception {
        ServerCommand all = parse("--host", "0.0.0.0", "--port", "0", "--region", "eu-west-1", "--account-id", "123456789012",
                "--state-change-ms", "0", "--data-dir", "/tmp/data", "--no-fsync", "--shard-limit", "5000",
                "--enforce-limits", "--fault-rate", "0.25", "--tls-port", "0", "--tls-cert", "/tmp/c.pem", "--tls-key", "/tmp/k.pem");
        assertThat(all.problem()).isNull();
        assertThat(all.config()).isEqualTo(config("0.0.0.0", 0, "eu-west-1", "123456789012", 0, Path.of("/tmp/data"), false,
                false, 5000, true, 0.25));
        assertThat(all.tls()).isEqualTo(new TlsSettings(0, Path.of("/tmp/c.pem"), Path.of("/tmp/k.pem")));

        ServerCommand equalsForm = parse("--port=4999", "--in-memory", "--no-tls", "--data-dir=/tmp/x=y");
        assertThat(equalsForm.config()).isEqualTo(ServerConfig.defaults().withPort(4999).withDataDir(Path.of("/tmp/x=y"))
                .withInMemory());
        assertThat(equalsForm.tls()).isNull();

        ServerCommand bench = parse("--port", "24999", "--tls-port", "0", "--data-dir", "/tmp/d", "--shard-limit", "5000",
                "--state-change-ms", "0");
        assertThat(bench.config()).isEqualTo(config(ServerConfig.DEFAULT_HOST, 24999, "us-east-1", "000000000000", 0,
                Path.of("/tmp/d"), false, true, 5000, false, 0));
        assertThat(bench.tls()).isEqualTo(new TlsSettings(0, null, null));

        assertThat(parse("--tls-cert", "/tmp/c.pem").problem()).isEqualTo("give --tls-cert and --tls-key together.");
        assertThat(parse("--fault-rate", "-1").problem()).isEqualTo("--fault-rate must be between 0 and 1.");
        assertThat(parse("--in-memory=false", "--no-tls=TRUE").config().inMemory()).isFalse();
        assertThat(parse("--port", "+8089", "--").config().port()).isEqualTo(8089);
    }

    @Test
    void helpAndVersionWinOverEverythingElseOnTheLine() throws Exception {
        Map<List<String>, OptionParser.Outcome> lines = Map.of(
                List.of("--help"), OptionParser.Outcome.HELP, List.of("-h"), OptionParser.Outcome.HELP,
                List.of("--nope", "--help"), OptionParser.Outcome.HELP, List.of("--port", "1", "-hV"), OptionParser.Outcome.HELP,
                List.of("--version"), OptionParser.Outcome.VERSION, List.of("-V"), OptionParser.Outcome.VERSION);
        for (Map.Entry<List<String>, OptionParser.Outcome> line : lines.entrySet()) {
            assertThat(OptionParser.parse(line.getKey(), ServerOption.ALL, new ServerCommand())).as("%s", line.getKey())
                    .isEqualTo(line.getValue());
        }
    }

    @Test
    void refusesWhatItDoesNotKnowOrCannotConvertInPicocliWords() {
        assertThat(refusal("--nope")).isEqualTo("Unknown option: '--nope'");
        assertThatThrownBy(() -> OptionParser.parse(List.of("--nope"), ServerOption.ALL, new ServerCommand()))
                .isInstanceOfSatisfying(OptionParser.UsageException.class, e -> assertThat(e.suggestions())
                        .containsExactly("--no-fsync", "--no-tls"));
        assertThat(refusal("--port")).isEqualTo("Missing required parameter for option '--port' (<port>)");
        assertThat(refusal("--port", "x")).isEqualTo("Invalid value for option '--port': 'x' is not an int");
        assertThat(refusal("--port=")).isEqualTo("Invalid value for option '--port': '' is not an int");
        assertThat(refusal("--port", "0x10")).isEqualTo("Invalid value for option '--port': '0x10' is not an int");
        assertThat(refusal("--state-change-ms", "soon")).isEqualTo("Invalid value for option '--state-change-ms': 'soon' is not a long");
        assertThat(refusal("--fault-rate", "half")).isEqualTo("Invalid value for option '--fault-rate': 'half' is not a double");
        assertThat(refusal("--port", "1", "--port", "2")).isEqualTo("option '--port' (<port>) should be specified only once");
        assertThat(refusal("--in-memory", "--in-memory")).isEqualTo("option '--in-memory' should be specified only once");
        assertThat(refusal("--in-memory=yes")).isEqualTo("Invalid value for option '--in-memory': 'yes' is not a boolean");
        assertThat(refusal("--host", "--port")).isEqualTo("Expected parameter for option '--host' but found '--port'");
        assertThat(refusal("positional")).isEqualTo("Unmatched argument at index 1: 'positional'");
        assertThat(refusal("@args.txt")).isEqualTo("Unmatched argument at index 1: '@args.txt'");
        assertThat(refusal("--in-memory", "--", "more")).isEqualTo("Unmatched argument at index 3: 'more'");
    }

    @Test
    void helpShowsEveryOptionOfTheTableAndNothingElse() {
        Set<String> shown = new HashSet<>();
        Set<String> shownFlags = new HashSet<>();
        for (OptionSpec option : Main.commandLine().getSubcommands().get("server").getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            shown.addAll(List.of(option.names()));
            if (option.arity().max() == 0) {
                shownFlags.addAll(List.of(option.names()));
            }
        }
        Set<String> declared = new HashSet<>();
        Set<String> declaredFlags = new HashSet<>();
        for (ServerOption option : ServerOption.ALL) {
            declared.add(option.optionName());
            if (option.isFlag()) {
                declaredFlags.add(option.optionName());
            }
        }
        assertThat(shown).isEqualTo(declared);
        assertThat(shownFlags).isEqualTo(declaredFlags);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServerUsage.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: wildrydes server [-hV] [--enforce-limits] [--in-memory] [--no-fsync]")
                .contains(ServerUsage.DESCRIPTION[0]);
        for (ServerOption option : ServerOption.ALL) {
            assertThat(help).contains(option.optionName() + (option.isFlag() ? " " : "=" + option.paramLabel()));
        }
    }

    @Test
    void everyOptionOfTheTableIsParsed() throws Exception {
        for (ServerOption option : ServerOption.ALL) {
            List<String> line = option.isFlag() ? List.of(option.optionName()) : List.of(option.optionName(), "1");
            ServerCommand command = new ServerCommand();
            assertThat(OptionParser.parse(line, ServerOption.ALL, command)).as("%s", line).isEqualTo(OptionParser.Outcome.RUN);
        }
        assertThatThrownBy(() -> OptionParser.parse(List.of("--port", "1", "--nope"), ServerOption.ALL, new ServerCommand()))
                .isInstanceOf(OptionParser.UsageException.class);
    }
}
