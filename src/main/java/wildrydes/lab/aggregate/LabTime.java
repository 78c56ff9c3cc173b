package wildrydes.lab.aggregate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;

/**
 * Timestamps as the lab writes them, {@code yyyy-MM-dd HH:mm:ss.SSS} without a zone, read fast
 * (a hand-written parser: it runs for every record) into microseconds of a zone-less timeline
 * (the wall-clock reading taken as if it were UTC, which is what DuckDB's TIMESTAMP holds).
 * Also accepted: a {@code T} between date and time, 0 to 9 fraction digits, and a trailing
 * {@code Z} or {@code +HH:MM} offset, which is converted to the wall clock of the given zone.
 */
final class LabTime {
    /** What {@link #parseMicros} returns for text that is not such a timestamp. */
    static final long INVALID = Long.MIN_VALUE;
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private LabTime() {
    }

    /** Microseconds since 1970-01-01 00:00 of the wall-clock time written, or {@link #INVALID}. */
    static long parseMicros(String text, ZoneId zone) {
        int n = text.length();
        if (n < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(10) != ' ' && text.charAt(10) != 'T') {
            return INVALID;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        int i = 19;
        long micros = 0;
        if (i < n && text.charAt(i) == '.') {
            int start = ++i;
            long scale = 100_000;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                micros += (text.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start || i - start > 9) {
                return INVALID;
            }
        }
        long local = ((daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second) * 1_000_000L) + micros;
        if (i == n) {
            return local;
        }
        int offsetSeconds = offsetSeconds(text, i);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return INVALID;
        }
        long instantMicros = local - offsetSeconds * 1_000_000L;
        return instantMicros + offsetMillis(zone, Math.floorDiv(instantMicros, 1000)) * 1000L;
    }

    /** The zone's offset from UTC at an instant, in milliseconds. */
    static long offsetMillis(ZoneId zone, long epochMillis) {
        ZoneRules rules = zone.getRules();
        ZoneOffset offset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : rules.getOffset(Instant.ofEpochMilli(epochMillis));
        return offset.getTotalSeconds() * 1000L;
    }

    /** A wall-clock time (milliseconds of the zone-less timeline) as the lab writes it. */
    static String format(long wallMillis) {
        return FORMAT.format(LocalDateTime.ofEpochSecond(Math.floorDiv(wallMillis, 1000), (int) Math.floorMod(wallMillis, 1000) * 1_000_000,
                ZoneOffset.UTC));
    }

    private static int offsetSeconds(String text, int i) {
        int n = text.length();
        if (text.charAt(i) == 'Z' && i + 1 == n) {
            return 0;
        }
        char sign = text.charAt(i);
        if (sign != '+' && sign != '-' || n - i != 6 || text.charAt(i + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(text, i + 1, 2);
        int minutes = digits(text, i + 4, 2);
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
