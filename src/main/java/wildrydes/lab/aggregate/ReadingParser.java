package wildrydes.lab.aggregate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.ZoneId;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.TailRecord;

/**
 * Reads each record's JSON with Jackson's streaming parser straight into the columns of a
 * {@link ParsedBatch} (no tree, no object per field). The lab's schema: Name (text, required:
 * a record without one is left out), StatusTime (timestamp text), Latitude, Longitude,
 * Distance (numbers), MagicPoints, HealthPoints (whole numbers). A field that is missing or of
 * another type is NULL; other fields are ignored. Thread-safe: one parser per call.
 */
final class ReadingParser {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private final TimeMode time;
    private final ZoneId zone;
    private final boolean eventTimeIsStatusTime;

    ReadingParser(TimeMode time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
        this.eventTimeIsStatusTime = "StatusTime".equals(time.field());
    }

    ParsedBatch parse(RecordBatch batch, long receivedAtMillis) {
        ParsedBatch out = new ParsedBatch(batch, receivedAtMillis);
        for (int i = 0; i < out.records.size(); i++) {
            TailRecord record = out.records.get(i);
            int row = out.rows;
            out.nulls[row] = 0;
            out.name[row] = null;
            out.eventMillis[row] = LabTime.INVALID;
            if (!read(record, out, row)) {
                out.notJson++;
                out.problem("record " + record.sequenceNumber() + " of " + record.shardId() + " is not a JSON object");
                continue;
            }
            if (out.name[row] == null) {
                out.noName++;
                out.problem("record " + record.sequenceNumber() + " of " + record.shardId() + " has no text field Name");
                continue;
            }
            if (!time.arrival()) {
                if (eventTimeIsStatusTime && !out.isNull(row, ParsedBatch.NULL_STATUS_TIME)) {
                    out.eventMillis[row] = Math.floorDiv(out.statusTimeMicros[row], 1000);
                }
                if (out.eventMillis[row] == LabTime.INVALID) {
                    out.noEventTime++;
                    out.problem("record " + record.sequenceNumber() + " of " + record.shardId() + " has no timestamp in field "
                            + time.field() + " (yyyy-MM-dd HH:mm:ss.SSS)");
                    continue;
                }
            }
            if (out.nulls[row] != 0) {
                out.incomplete++;
            }
            out.arrivalMillis[row] = record.arrival().toEpochMilli();
            out.recordIndex[row] = i;
            out.rows++;
        }
        return out;
    }

    /** Fills row {@code row} from the record; false when the data is not a JSON object. */
    private boolean read(TailRecord record, ParsedBatch out, int row) {
        int seen = 0;
        try (JsonParser parser = JSON.createParser(record.data())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "Name" -> out.name[row] = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "StatusTime" -> {
                        long micros = value == JsonToken.VALUE_STRING ? LabTime.parseMicros(parser.getText(), zone) : LabTime.INVALID;
                        out.statusTimeMicros[row] = micros;
                        seen |= micros == LabTime.INVALID ? 0 : ParsedBatch.NULL_STATUS_TIME;
                    }
                    case "Latitude" -> seen |= number(parser, value, out.latitude, row) ? ParsedBatch.NULL_LATITUDE : 0;
                    case "Longitude" -> seen |= number(parser, value, out.longitude, row) ? ParsedBatch.NULL_LONGITUDE : 0;
                    case "Distance" -> seen |= number(parser, value, out.distance, row) ? ParsedBatch.NULL_DISTANCE : 0;
                    case "MagicPoints" -> seen |= whole(parser, value, out.magicPoints, row) ? ParsedBatch.NULL_MAGIC : 0;
                    case "HealthPoints" -> seen |= whole(parser, value, out.healthPoints, row) ? ParsedBatch.NULL_HEALTH : 0;
                    default -> {
                        if (field.equals(time.field()) && value == JsonToken.VALUE_STRING) {
                            long micros = LabTime.parseMicros(parser.getText(), zone);
                            out.eventMillis[row] = micros == LabTime.INVALID ? LabTime.INVALID : Math.floorDiv(micros, 1000);
                        }
                        parser.skipChildren();
                    }
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        out.nulls[row] = (byte) (~seen & 0x3F);
        return true;
    }

    private static boolean number(JsonParser parser, JsonToken value, double[] column, int row) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            column[row] = parser.getDoubleValue();
            return true;
        }
        parser.skipChildren();
        return false;
    }

    private static boolean whole(JsonParser parser, JsonToken value, int[] column, int row) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            column[row] = parser.getIntValue();
            return true;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = parser.getDoubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                column[row] = (int) d;
                return true;
            }
        }
        parser.skipChildren();
        return false;
    }
}
