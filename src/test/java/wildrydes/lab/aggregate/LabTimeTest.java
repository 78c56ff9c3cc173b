package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabTimeTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static long micros(LocalDateTime t) {
        return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
    }

    @Test
    void readsTheLabsFormatAsWallClockMicroseconds() {
        assertThat(LabTime.parseMicros("2017-06-05 09:17:08.189", UTC)).isEqualTo(micros(LocalDateTime.of(2017, 6, 5, 9, 17, 8, 189_000_000)));
        assertThat(LabTime.parseMicros("2017-06-05T09:17:08", UTC)).isEqualTo(micros(LocalDateTime.of(2017, 6, 5, 9, 17, 8)));
        assertThat(LabTime.parseMicros("1969-12-31 23:59:59.5", UTC)).isEqualTo(-500_000);
        assertThat(LabTime.parseMicros("2024-02-29 00:00:00.123456", UTC)).isEqualTo(micros(LocalDateTime.of(2024, 2, 29, 0, 0, 0, 123_456_000)));
    }

    @Test
    void agreesWithJavaTimeOnRandomTimestamps() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            LocalDateTime t = LocalDateTime.of(1900 + random.nextInt(300), 1, 1, 0, 0).plusSeconds(random.nextInt(366 * 86_400))
                    .plusNanos(random.nextInt(1000) * 1_000_000L);
            assertThat(LabTime.parseMicros(LabTime.FORMAT.format(t), UTC)).as(t.toString()).isEqualTo(micros(t));
        }
    }

    @Test
    void anOffsetIsConvertedToTheZonesWallClock() {
        long utc = LabTime.parseMicros("2026-07-01 10:00:00.000", UTC);
        assertThat(LabTime.parseMicros("2026-07-01T12:00:00+02:00", UTC)).isEqualTo(utc);
        assertThat(LabTime.parseMicros("2026-07-01T10:00:00Z", ZoneId.of("Europe/Berlin")))
                .isEqualTo(LabTime.parseMicros("2026-07-01 12:00:00", UTC));
    }

    @Test
    void refusesWhatIsNotSuchATimestamp() {
        for (String bad : new String[] {"", "2017-06-05", "2017-13-05 09:17:08", "2017-02-29 09:17:08", "2017-06-05 24:00:00",
            "2017-06-05 09:17:08.", "2017-06-05 09:17:08.1234567890", "2017-06-05 09:17:08 UTC", "17-06-05 09:17:08.189",
            "2017/06/05 09:17:08", "2017-06-05 09:17:08+2"}) {
            assertThat(LabTime.parseMicros(bad, UTC)).as(bad).isEqualTo(LabTime.INVALID);
        }
    }

    @Test
    void formatsWallClockMillisecondsAsTheLabWritesThem() {
        assertThat(LabTime.format(micros(LocalDateTime.of(2018, 3, 18, 3, 20)) / 1000)).isEqualTo("2018-03-18 03:20:00.000");
        assertThat(LabTime.format(-1)).isEqualTo("1969-12-31 23:59:59.999");
    }
}
