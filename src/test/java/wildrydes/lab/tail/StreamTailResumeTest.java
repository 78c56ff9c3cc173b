package wildrydes.lab.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Shard;
import wildrydes.lab.kpl.KplRecords;

/**
 * StreamTail stopped and resumed from its checkpoint again and again while the stream is split
 * and merged (between sessions and during one), with plain records and KPL aggregates: every
 * record arrives exactly once, and each unicorn's records in the order they were written. Sessions
 * end in three ways: a clean stop (the tail saves its checkpoint to a {@link CheckpointStore}),
 * a sink failure before a batch is handled (the tail's checkpoint leaves that batch out), and a
 * "crash" in the middle of a batch where the sink keeps its own checkpoint record by record with
 * its output, as a tool writing elsewhere would (so sessions also resume inside an aggregate).
 */
class StreamTailResumeTest {
    private static final String STREAM = "rides";
    private static final int UNICORNS = 8;

    @TempDir
    Path dir;

    @Test
    void pollingResumesAcrossASplitAndAMergeWithoutLosingOrRepeatingARecord() throws Exception {
        scenario(false, 11);
    }

    @Test
    void enhancedFanOutResumesAcrossASplitAndAMergeWithoutLosingOrRepeatingARecord() throws Exception {
        scenario(true, 12);
    }

    /** What the "tool" has produced so far, kept with its own checkpoint (used by sessions that end in a crash). */
    private static final class Output {
        final List<String> records = new ArrayList<>();
        Checkpoint own;
    }

    private final Map<String, List<String>> written = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();

    private void scenario(boolean fanOut, long seed) throws Exception {
        Random random = new Random(seed);
        try (LocalKinesis local = LocalKinesis.start();
             CheckpointStore store = CheckpointStore.open(dir.resolve("tail.checkpoint"))) {
            local.createStream(STREAM, 1);
            EnhancedFanOut efo = fanOut ? EnhancedFanOut.prepare(local.kinesis, local.async(), STREAM, "archive", n -> { }) : null;
            Output output = new Output();

            write(local, 40, random);
            session(local, efo, store, output, random);
            local.split(STREAM, local.openShards(STREAM).getFirst());
            write(local, 40, random);
            session(local, efo, store, output, random);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> { // a merge while a session reads
                try {
                    write(local, 20, random);
                    List<Shard> open = new ArrayList<>(local.openShards(STREAM));
                    open.sort(Comparator.comparing(s -> new java.math.BigInteger(s.hashKeyRange().startingHashKey())));
                    local.merge(STREAM, open.get(0), open.get(1));
                    write(local, 20, random);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            session(local, efo, store, output, random);
            writer.get(60, TimeUnit.SECONDS);
            session(local, efo, store, output, random);
            local.split(STREAM, local.openShards(STREAM).getFirst());
            write(local, 30, random);
            session(local, efo, store, output, random);

            int total = written.values().stream().mapToInt(List::size).sum();
            for (int round = 0; round < 20 && output.records.size() < total; round++) {
                session(local, efo, store, output, random);
            }
            assertThat(new HashSet<>(output.records)).as("no record twice").hasSize(output.records.size());
            assertThat(output.records).as("every record").hasSize(total);
            for (Map.Entry<String, List<String>> unicorn : written.entrySet()) {
                assertThat(output.records.stream().filter(r -> r.startsWith(unicorn.getKey() + "#")).toList())
                        .as("%s in the order written", unicorn.getKey()).containsExactlyElementsOf(unicorn.getValue());
            }
            assertThat(store.load(STREAM).finished()).as("the parents were read to their end").isNotEmpty();
        }
    }

    /** Puts {@code count} readings: plain records, and now and then a KPL aggregate of three. */
    private void write(LocalKinesis local, int count, Random random) {
        for (int i = 0; i < count; i++) {
            String unicorn;
            int aggregate;
            synchronized (this) {
                unicorn = "u" + random.nextInt(UNICORNS);
                aggregate = random.nextInt(5) == 0 ? 3 : 0;
            }
            List<String> data = new ArrayList<>();
            synchronized (this) {
                for (int j = 0; j < Math.max(1, aggregate); j++) {
                    int n = counters.merge(unicorn, 1, Integer::sum);
                    data.add(unicorn + "#" + n);
                }
                written.computeIfAbsent(unicorn, u -> new ArrayList<>()).addAll(data);
                byte[] bytes = aggregate > 0 ? KplRecords.aggregate(unicorn, data) : data.getFirst().getBytes(StandardCharsets.UTF_8);
                local.put(STREAM, unicorn, bytes); // under the lock: the order written is the order put
            }
        }
    }

    /** One run of a tail from the stored checkpoint, ending after a random number of records in a random way. */
    private void session(LocalKinesis local, EnhancedFanOut efo, CheckpointStore store, Output output, Random random)
            throws Exception {
        int ending = random.nextInt(3); // 0: clean stop, 1: sink fails before a batch, 2: crash inside a batch, own checkpoint
        int stopAfter = 5 + random.nextInt(25);
        Checkpoint resume = store.load(STREAM);
        synchronized (output) {
            output.own = resume;
        }
        AtomicBoolean stop = new AtomicBoolean();
        long[] lastRecord = {System.nanoTime()};
        int[] inSession = {0};
        RecordSink sink = new RecordSink() {
            @Override
            public void deliver(RecordBatch batch) throws IOException {
                synchronized (output) {
                    if (ending == 1 && inSession[0] + batch.records().size() > stopAfter) {
                        throw new IOException("simulated failure before handling the batch");
                    }
                    for (TailRecord record : batch.records()) {
                        if (ending == 2 && inSession[0] >= stopAfter) {
                            throw new IOException("simulated crash inside a batch");
                        }
                        output.records.add(new String(record.data(), StandardCharsets.UTF_8));
                        output.own = output.own.with(record.shardId(), record.position());
                        inSession[0]++;
                    }
                    if (ending == 0 && inSession[0] >= stopAfter) {
                        stop.set(true);
                    }
                    if (!batch.records().isEmpty()) {
                        lastRecord[0] = System.nanoTime();
                    }
                }
            }

            @Override
            public void shardEnded(ShardEnd end) {
                synchronized (output) {
                    output.own = output.own.withFinished(end.shardId());
                }
            }
        };
        StreamTail.Builder builder = StreamTail.builder(local.kinesis, STREAM).from(StartPosition.TRIM_HORIZON).resumeFrom(resume)
                .fanOut(efo).recordsPerRead(1 + random.nextInt(8)) // small pages: polling sessions also stop inside a shard
                .sink(sink).until(() -> System.nanoTime() - lastRecord[0] > Duration.ofSeconds(2).toNanos());
        if (ending != 2) {
            builder.saveCheckpointsTo(store, Duration.ofMillis(100));
        }
        StreamTail tail = builder.build();
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                tail.run(stop);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Throwable failure = run.get(90, TimeUnit.SECONDS);
        if (failure != null) {
            assertThat(failure).isInstanceOf(SinkException.class).hasRootCauseInstanceOf(IOException.class);
        }
        if (ending == 2) {
            synchronized (output) {
                store.save(output.own); // the tool's own state: its output and, with it, how far it got
            }
        }
    }
}
