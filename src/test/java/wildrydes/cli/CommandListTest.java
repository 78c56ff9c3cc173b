package wildrydes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli tree of {@code wildrydes}: every command listed, in order, with the same settings. */
class CommandListTest {

    @Test
    void listsTheServerFirstAndEveryCommandTakesEnumValuesInAnyCase() {
        CommandLine main = Main.commandLine();
        assertThat(main.getSubcommands().keySet()).containsExactly("server", "demo", "producer", "consumer", "archive", "query", "process", "help");
        assertThat(main.isCaseInsensitiveEnumValuesAllowed()).isTrue();
        main.getSubcommands().forEach((name, command) -> assertThat(command.isCaseInsensitiveEnumValuesAllowed())
                .as("case-insensitive enum values for %s", name).isTrue());
    }
}
