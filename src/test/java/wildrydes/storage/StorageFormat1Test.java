package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.storage.TestRecords.append;
import static wildrydes.storage.TestRecords.readAll;
import static wildrydes.storage.TestRecords.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import wildrydes.storage.TestRecords.Rec;

/**
 * Data directories written by the storage code before the journal (format 1, see
 * {@code src/test/resources/storage-format-1/README.md}) open with every record, metadata and
 * blob, are upgraded to format 2 once with a message, and go on taking appends.
 */
class StorageFormat1Test {

    private static final String STREAM = "rides-1700000000000";

    @TempDir
    Path temporaryDirectory;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(StorageFormat1Test.class.getResource("/storage-format-1/" + name).toURI());
    }

    private Path copyOf(String name) throws IOException, URISyntaxException {
        Path from = fixture(name);
        Path to = temporaryDirectory.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    private static List<List<Rec>> expected(String name) throws IOException, URISyntaxException {
        List<List<Rec>> shards = List.of(new ArrayList<>(), new ArrayList<>());
        for (String line : Files.readAllLines(fixture("expected-" + name + ".tsv"))) {
            String[] f = line.split("\t", -1);
            shards.get(Integer.parseInt(f[0])).add(new Rec(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3],
                    f[4].equals("-") ? null : f[4], f[5]));
        }
        return shards;
    }

    private static String capturingStandardError(Runnable action) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    enum Fixture { CLEAN, CRASHED }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void aFormat1DirectoryOpensWithEveryRecordAndIsUpgradedOnceWithAMessage(Fixture which) throws Exception {
        String name = which.name().toLowerCase(java.util.Locale.ROOT);
        Path data = copyOf(name);
        List<List<Rec>> expected = expected(name);
        assertThat(Files.readString(data.resolve("storage-format"))).isEqualTo("wildrydes-storage 1\n");

        String firstOpen = capturingStandardError(() -> {
            try (FileStorageEngine engine = FileStorageEngine.open(data)) {
                for (int shard = 0; shard < 2; shard++) {
                    assertThat(readAll(engine.shardLog(STREAM, shard))).as("shard %d", shard).isEqualTo(expected.get(shard));
                }
                assertThat(new String(engine.readAllMetadata().get(STREAM), StandardCharsets.UTF_8))
                        .isEqualTo("metadata of rides, format 1");
                assertThat(engine.readBlob("secret")).containsExactly(1, 2, 3, 4);
                assertThat(append(engine.shardLog(STREAM, 0), record("k", "after the upgrade")).firstSequence())
                        .isEqualTo(expected.get(0).size());
            }
        });

        assertThat(firstOpen).contains("Upgraded storage in " + data + " from format 1 to 2");
        assertThat(Files.readString(data.resolve("storage-format"))).isEqualTo("wildrydes-storage 2\n");
        String secondOpen = capturingStandardError(() -> {
            try (FileStorageEngine engine = FileStorageEngine.open(data)) {
                List<Rec> shard0 = readAll(engine.shardLog(STREAM, 0));
                assertThat(shard0).hasSize(expected.get(0).size() + 1).startsWith(expected.get(0).toArray(Rec[]::new));
                assertThat(readAll(engine.shardLog(STREAM, 1))).isEqualTo(expected.get(1));
            }
        });
        assertThat(secondOpen).doesNotContain("Upgraded");
    }

    @Test
    void anEmptyFormatFileLeftByAPowerCutIsReadAsFormat1() throws Exception {
        Path data = copyOf("clean");
        Files.write(data.resolve("storage-format"), new byte[0]);

        String log = capturingStandardError(() -> {
            try (FileStorageEngine engine = FileStorageEngine.open(data, SyncMode.NONE, StorageOptions.defaults())) {
                assertThat(readAll(engine.shardLog(STREAM, 1))).hasSize(7);
            }
        });

        assertThat(log).contains("storage-format file in " + data + " is empty").contains("from format 1 to 2");
        assertThat(Files.readString(data.resolve("storage-format"))).isEqualTo("wildrydes-storage 2\n");
    }
}
