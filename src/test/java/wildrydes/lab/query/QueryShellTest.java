package wildrydes.lab.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.archive.ObjectNames;

/** The interactive prompt fed typed lines: statements over several lines, errors that do not end it, dot commands. */
class QueryShellTest {
    @TempDir
    Path lake;

    @Test
    void statementsSpanLinesErrorsAreOneLineAndThePromptGoesOn() throws Exception {
        Path object = lake.resolve(ObjectNames.key("wildrydes", Instant.parse("2026-12-03T10:00:00Z"), UUID.randomUUID(), ""));
        Files.createDirectories(object.getParent());
        Files.writeString(object, "{\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-12-03 10:00:00.000\",\"Distance\":120}\n");
        String typed = String.join("\n", ".tables", "SELECT Name,", "  Distance", "FROM wildrydes;", "SELEC 1;", ".mode csv",
                "SELECT Name FROM wildrydes; SELECT 2 AS two;", ".nope", ".quit", "SELECT 'never';");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path history = lake.resolve("history");
        try (LakeSession session = LakeSession.open(lake, 1)) {
            new QueryShell(session, new BufferedReader(new StringReader(typed)), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), OutputMode.TABLE, history).run();
        }
        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("wildrydes: 1 objects (json)").contains("      ...> ")
                .contains(" Shadowfax |    120.0").contains("mode csv").contains("Name\r\nShadowfax\r\n").contains("two\r\n2\r\n")
                .doesNotContain("never");
        var said = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(said).hasSize(5);
        assertThat(said.get(0)).matches("\\(1 row in \\d+\\.\\d{3} s\\)");
        assertThat(said.get(1)).isEqualTo("Error: Parser Error: syntax error at or near \"SELEC\" (line 1, column 1)");
        assertThat(said.get(2)).matches("\\(1 row in \\d+\\.\\d{3} s\\)");
        assertThat(said.get(3)).matches("\\(1 row in \\d+\\.\\d{3} s\\)");
        assertThat(said.get(4)).isEqualTo("Error: unknown command .nope (.help lists them)");
        assertThat(Files.readAllLines(history)).containsExactly("SELECT Name,   Distance FROM wildrydes;", "SELEC 1;",
                "SELECT Name FROM wildrydes; SELECT 2 AS two;");
    }
}
