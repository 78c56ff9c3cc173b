package wildrydes.lab.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import wildrydes.lab.producer.Reading;

/** The producer ends each record with a newline (as the workshop's later client does); the consumer prints both forms alike. */
class RecordFormatterTest {
    private static final Reading READING = new Reading("Shadowfax", "2017-06-05 09:17:08.189", 42.264444250051326,
            -71.97582884770408, 175, 110, 150);

    private static String print(OutputFormat format, byte[] data) {
        return new RecordFormatter(format, false).format("shardId-000000000000", "1", "Shadowfax", Instant.EPOCH, data);
    }

    @Test
    void theProducersRecordIsTheJsonObjectAndANewline() {
        assertThat(new String(READING.toBytes(), StandardCharsets.UTF_8)).isEqualTo(READING.toJson() + "\n");
    }

    @Test
    void prettyAndLinePrintTheSameJsonWithOrWithoutTheTrailingNewline() {
        byte[] withNewline = READING.toBytes();
        byte[] without = READING.toJson().getBytes(StandardCharsets.UTF_8);
        for (OutputFormat format : new OutputFormat[] {OutputFormat.PRETTY, OutputFormat.LINE}) {
            assertThat(print(format, withNewline)).isEqualTo(print(format, without));
        }
        assertThat(print(OutputFormat.LINE, withNewline)).isEqualTo(READING.toJson());
        assertThat(print(OutputFormat.PRETTY, withNewline)).startsWith("{\n    \"Name\": \"Shadowfax\",").endsWith("\n}");
        assertThat(print(OutputFormat.RAW, withNewline)).as("raw drops the record's own newline: one line each")
                .isEqualTo(READING.toJson());
    }
}
