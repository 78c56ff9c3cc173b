package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.storage.TestRecords.readAll;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import wildrydes.storage.TestRecords.Rec;
import wildrydes.testing.TestClock;

/** The chunked storage of {@link MemoryShardLog}: records across chunks, trimming that frees whole chunks. */
class MemoryShardLogTest {

    private final TestClock clock = TestClock.at(1_000_000L);
    private final MemoryShardLog log = new MemoryShardLog(clock);

    private List<Rec> appendAcrossChunks(int count) {
        List<Rec> written = new ArrayList<>();
        for (int i = 0; i < count; i += 7) {
            List<RecordToAppend> batch = new ArrayList<>();
            for (int j = i; j < Math.min(count, i + 7); j++) {
                batch.add(TestRecords.toAppend(String.format("k%05d", j), null, new byte[100]));
            }
            AppendResult result = log.append(batch).join();
            for (int j = 0; j < batch.size(); j++) {
                written.add(Rec.of(result.firstSequence() + j, result.arrivalMillis(), batch.get(j)));
            }
            clock.advance(1);
        }
        return written;
    }

    @Test
    void recordsSpanningManyChunksReadBackInOrder() {
        int count = MemoryShardLog.CHUNK_RECORDS * 3 + 17;

        List<Rec> written = appendAcrossChunks(count);

        assertThat(readAll(log)).isEqualTo(written);
        assertThat(log.read(MemoryShardLog.CHUNK_RECORDS - 2, 4, Long.MAX_VALUE).records())
                .extracting(StoredRecord::sequence)
                .containsExactly(1022L, 1023L, 1024L, 1025L);
    }

    @Test
    void trimmingAcrossChunksMovesTheHorizonExactlyAndReleasesTheSpace() {
        int count = MemoryShardLog.CHUNK_RECORDS * 3;
        List<Rec> written = appendAcrossChunks(count);
        long sizeBefore = log.sizeBytes();
        long cutoff = written.get(2500).arrivalMillis();
        long horizon = written.stream().filter(rec -> rec.arrivalMillis() >= cutoff).findFirst().orElseThrow().sequence();

        long dropped = log.trimBefore(cutoff);

        assertThat(dropped).isEqualTo(horizon);
        assertThat(log.firstSequence()).isEqualTo(horizon);
        assertThat(readAll(log)).isEqualTo(written.subList((int) horizon, count));
        assertThat(log.sizeBytes()).isEqualTo(sizeBefore * (count - horizon) / count);
        assertThat(log.append(List.of(TestRecords.toAppend("k", null, new byte[100]))).join().firstSequence()).isEqualTo(count);
    }
}
