package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The simulated disk of the power-cut tests keeps what was made durable, and only that for sure. */
class SimulatedDiskTest {

    private static final Path DIR = Path.of("/d");

    private static void write(FileChannel channel, String text, long at) throws Exception {
        channel.write(ByteBuffer.wrap(text.getBytes()), at);
    }

    @Test
    void fsyncedBytesAndSyncedNamesSurviveEveryCut() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            SimulatedDisk disk = new SimulatedDisk();
            disk.createDirectory(DIR);
            disk.syncDirectory(Path.of("/"));
            FileChannel a = disk.open(DIR.resolve("a"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            write(a, "durable", 0);
            disk.force(a);
            FileChannel b = disk.open(DIR.resolve("b"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            disk.syncDirectory(DIR);
            write(a, "-later", 7);
            write(b, "maybe", 0);
            disk.delete(DIR.resolve("b"));

            SimulatedDisk after = disk.cut(new Random(seed));

            assertThat(new String(after.readAllBytes(DIR.resolve("a")))).startsWith("durable");
            if (after.exists(DIR.resolve("b"))) {
                assertThat(new String(after.readAllBytes(DIR.resolve("b")))).isIn("", "m", "ma", "may", "mayb", "maybe");
            }
        }
    }

    @Test
    void unsyncedDirectoryChangesSurviveOnlyAsAPrefix() throws Exception {
        for (int seed = 0; seed < 500; seed++) {
            SimulatedDisk disk = new SimulatedDisk();
            disk.createDirectory(DIR);
            disk.syncDirectory(Path.of("/"));
            for (int i = 0; i < 5; i++) {
                disk.open(DIR.resolve("f" + i), StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            }
            SimulatedDisk after = disk.cut(new Random(seed));
            boolean missing = false;
            for (int i = 0; i < 5; i++) {
                boolean exists = after.exists(DIR.resolve("f" + i));
                assertThat(exists && missing).as("f%d survived after an earlier file was lost (seed %d)", i, seed).isFalse();
                missing |= !exists;
            }
        }
    }

    @Test
    void aSyncedDirectoryKeepsEveryEntryItHadThen() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            SimulatedDisk disk = new SimulatedDisk();
            disk.createDirectory(DIR);
            disk.syncDirectory(Path.of("/"));
            disk.open(DIR.resolve("x"), StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            disk.open(DIR.resolve("y"), StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            disk.syncDirectory(DIR);
            disk.delete(DIR.resolve("x"));
            disk.move(DIR.resolve("y"), DIR.resolve("z"));

            SimulatedDisk after = disk.cut(new Random(seed));

            boolean renamed = after.exists(DIR.resolve("z"));
            assertThat(renamed).isNotEqualTo(after.exists(DIR.resolve("y")));
            if (renamed) {
                assertThat(after.exists(DIR.resolve("x"))).as("the delete came before the rename").isFalse();
            }
        }
    }
}
