package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.ShardPosition;
import wildrydes.lab.tail.TailRecord;

class ReadingParserTest {
    static RecordBatch batch(String... data) {
        List<TailRecord> records = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            records.add(new TailRecord("shardId-000000000000", Integer.toString(100 + i), 0, false, true, "k", null,
                    Instant.ofEpochMilli(1_000_000 + i), data[i].getBytes(StandardCharsets.UTF_8)));
        }
        return new RecordBatch("shardId-000000000000", records, 0, ShardPosition.after(Integer.toString(99 + data.length)));
    }

    @Test
    void readsTheProducersReadingsBothEditions() {
        ParsedBatch b = new ReadingParser(TimeMode.ARRIVAL, ZoneOffset.UTC).parse(batch(
                "{\"Name\":\"Shadowfax\",\"StatusTime\":\"2017-06-05 09:17:08.189\",\"Latitude\":42.26,\"Longitude\":-71.97,"
                        + "\"Distance\":175,\"MagicPoints\":110,\"HealthPoints\":150}",
                "{\"Name\":\"Bucephalus\",\"StatusTime\":\"2017-06-05 09:17:09.000\",\"Latitude\":40,\"Longitude\":-73,"
                        + "\"Distance\":29.75,\"HealthPoints\":140,\"MagicPoints\":120}\n"), 5);
        assertThat(b.rows).isEqualTo(2);
        assertThat(b.name).startsWith("Shadowfax", "Bucephalus");
        assertThat(b.distance[0]).isEqualTo(175.0);
        assertThat(b.distance[1]).isEqualTo(29.75);
        assertThat(b.magicPoints[1]).isEqualTo(120);
        assertThat(b.healthPoints[1]).isEqualTo(140);
        assertThat(b.latitude[1]).isEqualTo(40.0);
        assertThat(b.nulls[0]).isZero();
        assertThat(b.arrivalMillis[1]).isEqualTo(1_000_001);
        assertThat(b.skipped() + b.incomplete).isZero();
    }

    @Test
    void leavesOutWhatIsNotAReadingAndMakesMissingFieldsNull() {
        ParsedBatch b = new ReadingParser(TimeMode.ARRIVAL, ZoneOffset.UTC).parse(batch(
                "not json", "[1,2]", "{\"Name\":42}", "{\"Name\":\"A\"", "{\"Name\":\"Rocinante\",\"Distance\":\"far\","
                        + "\"MagicPoints\":1.5,\"HealthPoints\":99.0,\"Extra\":{\"nested\":[1,{\"x\":2}]},\"StatusTime\":\"yesterday\"}"), 5);
        assertThat(b.notJson).isEqualTo(3);
        assertThat(b.noName).isEqualTo(1);
        assertThat(b.rows).isEqualTo(1);
        assertThat(b.recordIndex[0]).isEqualTo(4);
        assertThat(b.incomplete).isEqualTo(1);
        assertThat(b.healthPoints[0]).isEqualTo(99);
        for (int column : new int[] {ParsedBatch.NULL_STATUS_TIME, ParsedBatch.NULL_LATITUDE, ParsedBatch.NULL_LONGITUDE,
            ParsedBatch.NULL_DISTANCE, ParsedBatch.NULL_MAGIC}) {
            assertThat(b.isNull(0, column)).as("column bit %d", column).isTrue();
        }
        assertThat(b.isNull(0, ParsedBatch.NULL_HEALTH)).isFalse();
        assertThat(b.firstProblem).contains("record 100 of shardId-000000000000 is not a JSON object");
    }

    @Test
    void eventTimeComesFromTheNamedField() {
        ParsedBatch b = new ReadingParser(new TimeMode("StatusTime"), ZoneOffset.UTC).parse(batch(
                "{\"Name\":\"A\",\"StatusTime\":\"1970-01-01 00:00:10.250\"}", "{\"Name\":\"B\"}"), 5);
        assertThat(b.rows).isEqualTo(1);
        assertThat(b.eventMillis[0]).isEqualTo(10_250);
        assertThat(b.noEventTime).isEqualTo(1);

        ParsedBatch other = new ReadingParser(new TimeMode("ts"), ZoneOffset.UTC).parse(batch(
                "{\"ts\":\"1970-01-01T00:01:00Z\",\"Name\":\"A\"}"), 5);
        assertThat(other.eventMillis[0]).isEqualTo(60_000);
        assertThat(other.isNull(0, ParsedBatch.NULL_STATUS_TIME)).isTrue();
    }
}
