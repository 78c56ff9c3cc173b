package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OutputRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wholeNumbersAreWrittenWithoutAFractionAndFieldsKeepTheirOrder() {
        ObjectNode row = JSON.createObjectNode().put("Name", "Shadowfax").put("StatusTime", "2018-03-18 03:20:00.000")
                .put("Distance", 362.0).put("MinMagicPoints", 170).put("Average", 150.5).put("Zero", -0.0);
        OutputRow out = OutputRows.of(row, 0);
        assertThat(out.partitionKey()).isEqualTo("Shadowfax");
        assertThat(out.text()).isEqualTo("{\"Name\":\"Shadowfax\",\"StatusTime\":\"2018-03-18 03:20:00.000\",\"Distance\":362,"
                + "\"MinMagicPoints\":170,\"Average\":150.5,\"Zero\":-0.0}");
    }

    @Test
    void thePartitionKeyIsTheColumnsTextOrNull() {
        assertThat(OutputRows.of(JSON.createObjectNode().put("a", 1.5).put("n", 7), 1).partitionKey()).isEqualTo("7");
        assertThat(OutputRows.of(JSON.createObjectNode().putNull("Name"), 0).partitionKey()).isEqualTo("null");
        assertThat(OutputRows.of(JSON.createObjectNode().put("Name", ""), 0).partitionKey()).isEqualTo("null");
        assertThat(OutputRows.of(JSON.createObjectNode().put("Name", "x".repeat(300)), 0).partitionKey()).hasSize(256);
    }
}
