package wildrydes.lab.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultPrinterTest {
    @TempDir
    Path lake;

    private String print(OutputMode mode, String sql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LakeSession session = LakeSession.open(lake, 1)) {
            LakeSession.Outcome outcome = session.run(sql, mode, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(outcome.hasResult()).isTrue();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final String ROWS = "SELECT * FROM (VALUES ('Shadowfax', 12345.5, TIMESTAMP '2026-12-03 10:15:00.25'), "
            + "('Bucephalus, \"the\" horse', 7, NULL)) AS t(Name, Distance, StatusTime)";

    @Test
    void aTableAlignsColumnsAndRightAlignsNumbers() {
        assertThat(print(OutputMode.TABLE, ROWS)).isEqualTo("""
                 Name                    | Distance | StatusTime
                -------------------------+----------+-------------------------
                 Shadowfax               |  12345.5 | 2026-12-03 10:15:00.250
                 Bucephalus, "the" horse |      7.0 | NULL
                """);
    }

    @Test
    void csvQuotesWhatNeedsItAndLeavesNullEmpty() {
        assertThat(print(OutputMode.CSV, ROWS)).isEqualTo("Name,Distance,StatusTime\r\nShadowfax,12345.5,2026-12-03 10:15:00.250\r\n"
                + "\"Bucephalus, \"\"the\"\" horse\",7.0,\r\n");
    }

    @Test
    void jsonLinesKeepColumnOrderAndTypes() {
        assertThat(print(OutputMode.JSON, ROWS).lines()).containsExactly(
                "{\"Name\":\"Shadowfax\",\"Distance\":12345.5,\"StatusTime\":\"2026-12-03 10:15:00.250\"}",
                "{\"Name\":\"Bucephalus, \\\"the\\\" horse\",\"Distance\":7.0,\"StatusTime\":null}");
    }
}
