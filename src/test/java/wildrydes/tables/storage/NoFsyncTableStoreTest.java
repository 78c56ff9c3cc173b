package wildrydes.tables.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --no-fsync} relaxes item writes only: a table's definition, a snapshot, the journal it
 * stands on and directory entries still reach the device before anything depends on them.
 */
class NoFsyncTableStoreTest {

    @TempDir
    Path dir;

    /** Forces for real (as {@link Syncer#ITEMS_UNFORCED} does) and counts what it was asked. */
    static final class CountingSyncer implements Syncer {
        final AtomicInteger forces = new AtomicInteger();
        final AtomicInteger directorySyncs = new AtomicInteger();

        @Override
        public void force(FileChannel channel) throws IOException {
            forces.incrementAndGet();
            Syncer.ITEMS_UNFORCED.force(channel);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            directorySyncs.incrementAndGet();
            Syncer.ITEMS_UNFORCED.syncDirectory(directory);
        }

        @Override
        public boolean forcesEveryCommit() {
            return Syncer.ITEMS_UNFORCED.forcesEveryCommit();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putItems(TableStore store, int count) {
        for (int i = 0; i < count; i++) {
            store.apply(List.of(new Mutation.Put("orders", b("k" + i), b("v" + i)))).join();
        }
    }

    @Test
    void itemWritesAreAcknowledgedWithoutAForceButTableDefinitionsOnlyOnceForced() {
        CountingSyncer syncer = new CountingSyncer();
        try (FileTableStore store = FileTableStore.open(dir, syncer, Long.MAX_VALUE)) {
            int before = syncer.forces.get();
            store.apply(List.of(new Mutation.PutKeyspace("orders", b("definition")))).join();
            int afterCreate = syncer.forces.get();
            assertThat(afterCreate).as("a new table is forced before it is acknowledged").isGreaterThan(before);

            putItems(store, 50);
            assertThat(syncer.forces.get()).as("item writes are not forced").isEqualTo(afterCreate);

            store.apply(List.of(new Mutation.DropKeyspace("orders"))).join();
            assertThat(syncer.forces.get()).as("a deleted table is forced before it is acknowledged").isGreaterThan(afterCreate);
        }
    }

    @Test
    void aSnapshotIsPublishedOnlyOnceItAndTheJournalItStandsOnAreForced() throws IOException {
        CountingSyncer syncer = new CountingSyncer();
        try (FileTableStore store = FileTableStore.open(dir, syncer, Long.MAX_VALUE)) {
            store.apply(List.of(new Mutation.PutKeyspace("orders", b("definition")))).join();
            putItems(store, 50);
            int forces = syncer.forces.get();
            int directorySyncs = syncer.directorySyncs.get();

            store.snapshot();

            assertThat(syncer.forces.get()).as("the snapshot file and the journal after it").isGreaterThanOrEqualTo(forces + 2);
            assertThat(syncer.directorySyncs.get()).as("the new journal segment and the snapshot's rename")
                    .isGreaterThanOrEqualTo(directorySyncs + 2);
        }
        try (FileTableStore reopened = FileTableStore.open(dir, syncer, Long.MAX_VALUE)) {
            assertThat(reopened.keyspace("orders").count()).isEqualTo(50);
        }
    }

    @Test
    void theDurableFutureOfARelaxedStoreStillCompletes() {
        CountingSyncer syncer = new CountingSyncer();
        try (FileTableStore store = FileTableStore.open(dir, syncer, Long.MAX_VALUE)) {
            store.apply(List.of(new Mutation.PutKeyspace("orders", b("definition")))).join();
            putItems(store, 5);
            store.durable().join();
            assertThat(store.keyspace("orders").count()).isEqualTo(5);
        }
    }
}
