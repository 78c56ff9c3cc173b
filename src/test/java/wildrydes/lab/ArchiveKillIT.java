package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.archive.ArchiveStateStore;
import wildrydes.lab.archive.LakeLayout;
import wildrydes.lab.archive.ObjectNames;

/**
 * {@code ./archive} stopped dead again and again while producers write, restarted each time: first
 * at each step of a delivery (the archive halts itself there, as kill -9 would: staged, intent
 * saved, renamed, checkpoint saved), then with SIGKILL at random moments (seeded, bounded), which
 * fall in start-up, recovery, reading and delivering alike. Meanwhile a checker lists
 * the lake without pause: no file but a whole object ever appears in the delivery stream's folder,
 * and an object never changes once seen. At the end every record of the stream is in exactly one
 * object, and the archive's own count agrees.
 */
class ArchiveKillIT {
    private static final long SEED = 20261203L;
    private static final int RANDOM_KILLS = 10;

    @TempDir
    Path home;

    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<Path, Long> seen = new ConcurrentHashMap<>();

    @Test
    void everyRecordEndsUpInExactlyOneWholeObjectWhateverMomentTheArchiveIsKilledAt() throws Exception {
        Path lake = home.resolve("lake");
        Random random = new Random(SEED);
        try (ServerScript server = ServerScript.start(home.resolve("data"))) {
            server.createStream("wildrydes", 2);
            AtomicBoolean checking = new AtomicBoolean(true);
            Thread checker = Thread.ofPlatform().name("lake-checker").start(() -> {
                while (checking.get()) {
                    check(lake.resolve("wildrydes"));
                }
            });
            int kills = 0;
            StringBuilder notices = new StringBuilder();
            try (ScriptRun producer = ScriptRun.start(server.env(), "producer", "-fleet", "6", "-rate", "15", "-duration", "40s")) {
                for (String step : List.of("staged", "intent_saved", "renamed", "saved")) {
                    try (ScriptRun archive = ScriptRun.start(Map.of("AWS_ENDPOINT_URL_KINESIS", server.endpoint,
                            "WILDRYDES_ARCHIVE_HALT_AT", step + ":2"), "archive", "-to", lake.toString(), "-buffer-interval", "0")) {
                        assertThat(archive.awaitExit(60)).as("halted at " + step + ": " + archive.stderr()).isEqualTo(137);
                        notices.append(archive.stderr());
                        kills++;
                    }
                }
                for (int round = 0; round < RANDOM_KILLS; round++) {
                    String interval = random.nextBoolean() ? "0" : "1";
                    try (ScriptRun archive = ScriptRun.start(server.env(), "archive", "-to", lake.toString(), "-buffer-interval", interval)) {
                        Thread.sleep(400 + random.nextInt(2600)); // start-up, recovery, reading or delivering: any moment
                        if (archive.alive()) {
                            archive.kill();
                            notices.append(archive.stderr());
                            kills++;
                        } else {
                            throw new AssertionError("the archive stopped by itself: " + archive.stderr());
                        }
                    }
                }
                assertThat(producer.awaitExit(90)).as(producer.stderr()).isZero();
            }
            try (ScriptRun last = ScriptRun.run(server.env(), 120, "archive", "-to", lake.toString(), "-buffer-interval", "1",
                    "-timeout", "4s")) {
                assertThat(last.exitCode()).as(last.stderr()).isZero();
                assertThat(last.stderr()).contains("resuming wildrydes from its checkpoint");
            } finally {
                checking.set(false);
                checker.join(10_000);
            }
            check(lake.resolve("wildrydes"));
            assertThat(violations).as("what the checker saw while the archive was killed").isEmpty();
            assertThat(seen).as("the checker saw objects appear").isNotEmpty();
            assertThat(kills).isEqualTo(RANDOM_KILLS + 4);
            assertThat(notices).as("restarts settled interrupted deliveries both ways")
                    .contains("completed a delivery a stop had interrupted").contains("discarded a delivery a stop had interrupted");

            List<String> raw = LakeRecords.stream(server.kinesis, "wildrydes");
            List<String> delivered = new ArrayList<>();
            for (Path object : LakeRecords.objects(lake, "wildrydes")) {
                delivered.addAll(LakeRecords.records(object));
            }
            assertThat(raw).hasSizeGreaterThan(1000);
            assertThat(delivered).as("every record exactly once across all objects").hasSameSizeAs(raw)
                    .containsExactlyInAnyOrderElementsOf(raw);
            assertThat(ArchiveStateStore.read(LakeLayout.stateFile(lake, "wildrydes")).delivered().records()).isEqualTo(raw.size());
            assertThat(LakeLayout.stateDirectory(lake).resolve("staging/wildrydes")).isEmptyDirectory();
        }
    }

    /** One pass over the folder: only whole objects, each unchanged since first seen. */
    private void check(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (NoSuchFileException | java.io.UncheckedIOException raced) {
            return; // a folder made while walking: the next pass sees it
        } catch (IOException e) {
            violations.add("cannot list " + folder + ": " + e);
            return;
        }
        for (Path file : files) {
            if (!ObjectNames.isObject(file.getFileName().toString())) {
                violations.add("a file that is not a whole object is visible: " + file);
                continue;
            }
            try {
                long size = Files.size(file);
                Long before = seen.putIfAbsent(file, size);
                if (before == null) {
                    LakeRecords.records(file); // whole: every record parses and the last one ends
                } else if (before != size) {
                    violations.add(file + " changed from " + before + " to " + size + " bytes");
                }
            } catch (IOException | AssertionError e) {
                violations.add(file + ": " + e.getMessage());
            }
        }
    }
}
