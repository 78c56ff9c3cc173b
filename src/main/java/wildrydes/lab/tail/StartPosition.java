package wildrydes.lab.tail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import wildrydes.lab.common.Durations;

/**
 * Where a tail starts reading the shards it has no checkpoint for: {@code latest},
 * {@code trim-horizon}, an ISO-8601 time ({@code 2026-11-26T10:15:00Z}, or local without a
 * zone), a duration ago ({@code 15m}) or a sequence number (then the shard that number belongs
 * to starts at it, the other shards at LATEST).
 *
 * @param timestamp      for AT_TIMESTAMP only
 * @param sequenceNumber for AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER only
 */
public record StartPosition(ShardIteratorType type, Instant timestamp, String sequenceNumber) {
    public static final StartPosition LATEST = new StartPosition(ShardIteratorType.LATEST, null, null);
    public static final StartPosition TRIM_HORIZON = new StartPosition(ShardIteratorType.TRIM_HORIZON, null, null);

    public static StartPosition atTimestamp(Instant time) {
        return new StartPosition(ShardIteratorType.AT_TIMESTAMP, time, null);
    }

    public static StartPosition atSequenceNumber(String sequenceNumber) {
        return new StartPosition(ShardIteratorType.AT_SEQUENCE_NUMBER, null, sequenceNumber);
    }

    public static StartPosition afterSequenceNumber(String sequenceNumber) {
        return new StartPosition(ShardIteratorType.AFTER_SEQUENCE_NUMBER, null, sequenceNumber);
    }

    /** As a person would say it, for messages. */
    public String describe() {
        return switch (type) {
            case AT_TIMESTAMP -> "AT_TIMESTAMP " + timestamp;
            case AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER -> type + " " + sequenceNumber;
            default -> type.toString();
        };
    }

    public static StartPosition parse(String text, Clock clock) {
        String value = text.trim();
        String lower = value.toLowerCase();
        if (lower.equals("latest")) {
            return new StartPosition(ShardIteratorType.LATEST, null, null);
        }
        if (lower.equals("trim-horizon") || lower.equals("trim_horizon") || lower.equals("oldest")) {
            return new StartPosition(ShardIteratorType.TRIM_HORIZON, null, null);
        }
        if (value.matches("\\d{20,}") || value.equals("0")) {
            return new StartPosition(ShardIteratorType.AT_SEQUENCE_NUMBER, null, value);
        }
        Instant time = parseTime(value, clock);
        if (time != null) {
            return new StartPosition(ShardIteratorType.AT_TIMESTAMP, time, null);
        }
        try {
            return new StartPosition(ShardIteratorType.AT_TIMESTAMP, clock.instant().minus(Durations.parse(value)), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a start position: use latest, trim-horizon, an ISO-8601 "
                    + "time (2026-11-26T10:15:00Z), a duration ago (15m) or a sequence number");
        }
    }

    private static Instant parseTime(String value, Clock clock) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
                } catch (DateTimeParseException notLocal) {
                    return null;
                }
            }
        }
    }
}
