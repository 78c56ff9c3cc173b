package wildrydes.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.storage.FileStorageEngine;
import wildrydes.storage.StorageOptions;
import wildrydes.storage.SyncMode;

/** What a restarted registry makes of streams caught in the middle of a state change. */
class StreamRegistryRecoveryTest {
    @TempDir
    Path dataDir;

    /** A registry and data plane on a storage engine, as a server starts them. */
    private record Opened(FileStorageEngine engine, ControlTimers timers, StreamRegistry streams, DataPlane data)
            implements AutoCloseable {
        static Opened at(Path dataDir, long stateChangeMillis) {
            FileStorageEngine engine = FileStorageEngine.open(dataDir, SyncMode.FSYNC, StorageOptions.defaults());
            ServiceSettings defaults = ServiceSettings.defaults();
            ServiceSettings settings = new ServiceSettings(defaults.region(), defaults.accountId(), stateChangeMillis,
                    defaults.shardLimit(), defaults.clock());
            ControlTimers timers = new ControlTimers(stateChangeMillis);
            StreamRegistry streams = StreamRegistry.open(engine, settings, StreamMetrics.NONE, timers);
            return new Opened(engine, timers, streams, new DataPlane(streams, ShardIterators.withStoredKey(engine), StreamMetrics.NONE));
        }

        @Override
        public void close() {
            timers.close();
            engine.close();
        }
    }

    @Test
    void aStreamCaughtInCreatingComesBackActive() {
        try (Opened service = Opened.at(dataDir, 3_600_000)) {
            service.streams().createStream("slow", 2, StreamMode.PROVISIONED, null);
            assertThat(service.streams().stream("slow").status()).isEqualTo(StreamStatus.CREATING);
        }

        try (Opened recovered = Opened.at(dataDir, 3_600_000)) {
            assertThat(recovered.streams().stream("slow").status()).isEqualTo(StreamStatus.ACTIVE);
            assertThat(recovered.streams().stream("slow").shards()).hasSize(2);
        }
    }

    @Test
    void aStreamCaughtInDeletingIsGoneAfterRestart() throws Exception {
        try (Opened service = Opened.at(dataDir, 0)) {
            service.streams().createStream("doomed", 1, StreamMode.PROVISIONED, null);
            service.data().putRecord("doomed", new PutEntry("k", null, "x".getBytes(StandardCharsets.UTF_8)), null).get();
        }
        try (Opened deleting = Opened.at(dataDir, 3_600_000)) {
            deleting.streams().deleteStream("doomed");
            assertThat(deleting.streams().stream("doomed").status()).isEqualTo(StreamStatus.DELETING);
        }

        try (Opened recovered = Opened.at(dataDir, 0)) {
            assertThat(recovered.streams().streams()).extracting(Stream::name).doesNotContain("doomed");
            recovered.streams().createStream("doomed", 1, StreamMode.PROVISIONED, null);
            assertThat(recovered.streams().stream("doomed").shards().get(0).log().committedEnd()).isZero();
        }
    }

    @Test
    void sequenceNumbersKeepGrowingAcrossRestarts() throws Exception {
        String first;
        try (Opened service = Opened.at(dataDir, 0)) {
            service.streams().createStream("s", 1, StreamMode.PROVISIONED, null);
            first = service.data().putRecord("s", new PutEntry("k", null, new byte[1]), null).get().sequenceNumber();
        }
        try (Opened recovered = Opened.at(dataDir, 0)) {
            List<PutEntry> batch = List.of(new PutEntry("a", null, new byte[1]), new PutEntry("b", null, new byte[1]));
            List<PutEntryResult> results = recovered.data().putRecords("s", batch).get();
            assertThat(new java.math.BigInteger(results.get(0).result().sequenceNumber()))
                    .isGreaterThan(new java.math.BigInteger(first));
            assertThat(new java.math.BigInteger(results.get(1).result().sequenceNumber()))
                    .isGreaterThan(new java.math.BigInteger(results.get(0).result().sequenceNumber()));
        }
    }
}
