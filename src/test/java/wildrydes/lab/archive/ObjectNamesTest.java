package wildrydes.lab.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectNamesTest {
    private static final UUID ID = UUID.fromString("0b4d3a8e-1f2c-4d5e-9a6b-7c8d9e0f1a2b");

    @Test
    void aKeyIsTheHourFoldersThenNameVersionTimeAndUuidInUtcAsFirehoseWritesThem() {
        Instant arrival = Instant.parse("2026-12-03T23:59:58.750Z");
        assertThat(ObjectNames.key("wildrydes", arrival, ID, ""))
                .isEqualTo("wildrydes/2026/12/03/23/wildrydes-1-2026-12-03-23-59-58-0b4d3a8e-1f2c-4d5e-9a6b-7c8d9e0f1a2b");
        assertThat(ObjectNames.key("wildrydes", arrival, ID, ".gz")).endsWith("-7c8d9e0f1a2b.gz");
        assertThat(ObjectNames.key("rides-parquet", Instant.parse("2027-01-01T00:00:00Z"), ID, ".parquet"))
                .isEqualTo("rides-parquet/2027/01/01/00/rides-parquet-1-2027-01-01-00-00-00-" + ID + ".parquet");
    }

    @Test
    void conversionFailuresGoUnderTheirOwnPrefix() {
        assertThat(ObjectNames.conversionFailedKey("wildrydes", Instant.parse("2026-12-03T10:15:00Z"), ID))
                .isEqualTo("wildrydes/format-conversion-failed/2026/12/03/10/wildrydes-1-2026-12-03-10-15-00-" + ID);
    }

    @Test
    void objectNamesAreRecognisedAndOtherFilesAreNot() {
        String name = ObjectNames.fileName("wild.rydes-2", Instant.parse("2026-12-03T10:15:00Z"), ID, "");
        assertThat(ObjectNames.isObject(name)).isTrue();
        assertThat(ObjectNames.isObject(name + ".gz")).isTrue();
        assertThat(ObjectNames.isObject(name + ".parquet")).isTrue();
        assertThat(ObjectNames.isObject(name + ".tmp")).isFalse();
        assertThat(ObjectNames.isObject("." + name)).isFalse();
        assertThat(ObjectNames.isObject("notes.txt")).isFalse();
    }
}
