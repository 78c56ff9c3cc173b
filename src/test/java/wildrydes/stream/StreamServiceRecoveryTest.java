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

/** What a restarted service makes of streams caught in the middle of a state change. */
class StreamServiceRecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void aStreamCaughtInCreatingComesBackActive() {
        FileStorageEngine engine = FileStorageEngine.open(dataDir, SyncMode.FSYNC, StorageOptions.defaults());
        StreamService service = new StreamService(engine, settings(3_600_000));
        service.createStream("slow", 2, StreamMode.PROVISIONED, null);
        assertThat(service.stream("slow").status()).isEqualTo(StreamStatus.CREATING);
        service.close();
        engine.close();

        FileStorageEngine reopened = FileStorageEngine.open(dataDir, SyncMode.FSYNC, StorageOptions.defaults());
        StreamService recovered = new StreamService(reopened, settings(3_600_000));
        try {
            assertThat(recovered.stream("slow").status()).isEqualTo(StreamStatus.ACTIVE);
            assertThat(recovered.stream("slow").shards()).hasSize(2);
        } finally {
            recovered.close();
            reopened.close();
        }
    }

    @Test
    void aStreamCaughtInDeletingIsGoneAfterRestart() throws Exception {
        FileStorageEngine engine = FileStorageEngine.open(dataDir, SyncMode.FSYNC, StorageOptions.defaults());
        StreamService service = new StreamService(engine, settings(0));
        service.createStream("doomed", 1, StreamMode.PROVISIONED, null);
        service.putRecord("doomed", new PutEntry("k", null, "x".getBytes(StandardCharsets.UTF_8)), null).get();
        service.close();
        engine.close();
        FileStorageEngine second = FileStorageEngine.open(dataDir, SyncMode.FSYNC, StorageOptions.defaults());
        StreamService deleting = new StreamService(second, settings(3_600_000));
        deleting.deleteStream("doomed");
        assertThat(deleting.stream("doomed").status()).isEqualTo(StreamStatus.DELETING);
        deleting.close();
        second.close();

        FileStorageEngine third = FileStorageEngine.open(dataDir, SyncMode.FSYNC, StorageOptions.defaults());
        StreamService recovered = new StreamService(third, settings(0));
        try {
            assertThat(recovered.streams()).extracting(Stream::name).doesNotContain("doomed");
            recovered.createStream("doomed", 1, StreamMode.PROVISIONED, null);
            assertThat(recovered.stream("doomed").shards().get(0).log().committedEnd()).isZero();
        } finally {
            recovered.close();
            third.close();
        }
    }

    @Test
    void sequenceNumbersKeepGrowingAcrossRestarts() throws Exception {
        FileStorageEngine engine = FileStorageEngine.open(dataDir, SyncMode.FSYNC, StorageOptions.defaults());
        StreamService service = new StreamService(engine, settings(0));
        service.createStream("s", 1, StreamMode.PROVISIONED, null);
        String first = service.putRecord("s", new PutEntry("k", null, new byte[1]), null).get().sequenceNumber();
        service.close();
        engine.close();
        FileStorageEngine reopened = FileStorageEngine.open(dataDir, SyncMode.FSYNC, StorageOptions.defaults());
        StreamService recovered = new StreamService(reopened, settings(0));
        try {
            List<PutEntry> batch = List.of(new PutEntry("a", null, new byte[1]), new PutEntry("b", null, new byte[1]));
            List<PutEntryResult> results = recovered.putRecords("s", batch).get();
            assertThat(new java.math.BigInteger(results.get(0).result().sequenceNumber()))
                    .isGreaterThan(new java.math.BigInteger(first));
            assertThat(new java.math.BigInteger(results.get(1).result().sequenceNumber()))
                    .isGreaterThan(new java.math.BigInteger(results.get(0).result().sequenceNumber()));
        } finally {
            recovered.close();
            reopened.close();
        }
    }

    private static ServiceSettings settings(long stateChangeMillis) {
        ServiceSettings defaults = ServiceSettings.defaults();
        return new ServiceSettings(defaults.region(), defaults.accountId(), stateChangeMillis, defaults.shardLimit(), defaults.clock());
    }
}
