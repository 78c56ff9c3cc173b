package wildrydes.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * A durable server in its own process is killed with SIGKILL while several writers put records,
 * three times over, and restarted on the same data directory each time. Every acknowledged
 * record must survive, exactly once, with the sequence number it was acknowledged with.
 */
class CrashSafetyTest {
    private static final String STREAM = "wildrydes-crash";
    private static final int WRITERS = 4;
    private static final int ACKS_BEFORE_KILL = 300;
    private static final int CYCLES = 3;

    /** What a writer sent; {@code sequenceNumber} and {@code shardId} are null until it is acknowledged. */
    record Put(String partitionKey, String data, String shardId, String sequenceNumber) {
    }

    /** Where a record was found by a read after a restart. */
    record Seen(String shardId, String sequenceNumber, String partitionKey) {
    }

    @TempDir
    Path tmp;

    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<Thread> writerThreads = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Thread t : writerThreads) {
            t.interrupt();
            t.join(5_000);
        }
        for (ServerProcess server : servers) {
            server.close();
        }
    }

    private ServerProcess start(Path dataDir) {
        ServerProcess server = ServerProcess.startServer("--port", "0", "--data-dir", dataDir.toString(), "--state-change-ms", "50");
        servers.add(server);
        return server;
    }

    @Test
    @Timeout(150)
    void everyAcknowledgedPutSurvivesRepeatedSigkillExactlyOnceWithItsSequenceNumber() throws Exception {
        Path dataDir = tmp.resolve("data").toAbsolutePath();
        Map<String, String> attempted = new ConcurrentHashMap<>(); // data -> partition key, every put ever sent
        Map<String, Put> acknowledged = new ConcurrentHashMap<>(); // data -> acknowledged put
        Map<String, Seen> seenBefore = new HashMap<>(); // what the previous restart showed; it must stay

        ServerProcess server = start(dataDir);
        try (KinesisClient admin = Sdk.client(server.endpoint(), true)) {
            admin.createStream(r -> r.streamName(STREAM).shardCount(2));
            Sdk.awaitActive(admin, STREAM, Duration.ofSeconds(20));
        }

        StringBuilder report = new StringBuilder();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            int ackedThisCycle = writeUntilKilled(server, cycle, attempted, acknowledged);
            report.append("cycle ").append(cycle).append(": ").append(ackedThisCycle).append(" acks before SIGKILL; ");

            server = start(dataDir);
            try (KinesisClient reader = Sdk.client(server.endpoint(), true)) {
                Sdk.awaitActive(reader, STREAM, Duration.ofSeconds(20));
                List<String> shardIds = Sdk.shardIds(reader, STREAM);
                assertThat(shardIds).as("shards after restart %d", cycle)
                        .containsExactly("shardId-000000000000", "shardId-000000000001");
                Map<String, List<Record>> byShard = new LinkedHashMap<>();
                for (String shardId : shardIds) {
                    byShard.put(shardId, Sdk.readShard(reader, STREAM, shardId));
                }
                Map<String, Seen> seen = verify(cycle, byShard, attempted, acknowledged, seenBefore);
                report.append(seen.size()).append(" records after restart (")
                        .append(seen.size() - acknowledged.size()).append(" present but never acknowledged)\n");
                seenBefore = seen;
            }
        }
        System.out.println("CrashSafetyTest: " + report);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(CYCLES * ACKS_BEFORE_KILL);
    }

    /**
     * Runs the writers against the server until {@link #ACKS_BEFORE_KILL} puts are acknowledged
     * in this cycle, kills the server with SIGKILL while they still write, and waits for the
     * writers to stop on their own. Returns the acknowledgements of this cycle.
     */
    private int writeUntilKilled(ServerProcess server, int cycle, Map<String, String> attempted,
                                 Map<String, Put> acknowledged) throws InterruptedException {
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ConcurrentLinkedQueue<SdkException> errorsBeforeKill = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<SdkException> errorsAfterKill = new ConcurrentLinkedQueue<>();
        long writeDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try (KinesisClient client = Sdk.client(server.endpoint(), false)) {
                    for (int n = 0; n < 100_000 && System.nanoTime() < writeDeadline && !Thread.currentThread().isInterrupted(); n++) {
                        String partitionKey = "rider-" + cycle + "-" + writer + "-" + n;
                        String data = "{\"cycle\":" + cycle + ",\"writer\":" + writer + ",\"n\":" + n
                                + ",\"Name\":\"Shadowfax\",\"Latitude\":47.61,\"Longitude\":-122.33,\"pad\":\""
                                + "x".repeat(n % 97) + "\"}";
                        attempted.put(data, partitionKey);
                        try {
                            PutRecordResponse response = client.putRecord(r -> r.streamName(STREAM).partitionKey(partitionKey)
                                    .data(SdkBytes.fromString(data, StandardCharsets.UTF_8)));
                            acknowledged.put(data, new Put(partitionKey, data, response.shardId(), response.sequenceNumber()));
                            acks.incrementAndGet();
                        } catch (SdkException e) {
                            // Connection refused or reset once the server is gone: this writer stops.
                            (killed.get() ? errorsAfterKill : errorsBeforeKill).add(e);
                            return;
                        }
                    }
                }
            }, "writer-" + cycle + "-" + w);
            threads.add(t);
            writerThreads.add(t);
            t.start();
        }

        long waitDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acks.get() < ACKS_BEFORE_KILL && System.nanoTime() < waitDeadline && errorsBeforeKill.isEmpty()) {
            Thread.sleep(5);
        }
        assertThat(errorsBeforeKill).as("writer errors while the server was up (cycle %d)", cycle).isEmpty();
        assertThat(acks.get()).as("acks within 60 s in cycle %d; server:%s", cycle, server.describe())
                .isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        long alive = threads.stream().filter(Thread::isAlive).count();
        assertThat(alive).as("writers still writing when the kill comes (cycle %d)", cycle).isEqualTo(WRITERS);

        killed.set(true);
        server.kill();
        assertThat(server.process().isAlive()).as("server process alive after SIGKILL").isFalse();
        assertThat(server.process().exitValue()).as("exit code after SIGKILL (128 + 9)").isEqualTo(137);

        for (Thread t : threads) {
            t.join(20_000);
            assertThat(t.isAlive()).as("%s stopped by itself after the server died", t.getName()).isFalse();
        }
        assertThat(errorsAfterKill).as("every writer stopped on a client-side (connection) error after the kill")
                .hasSize(WRITERS)
                .allSatisfy(e -> assertThat(e).isInstanceOf(SdkClientException.class));
        return acks.get();
    }

    /** Checks one full read of the stream after a restart; returns what it saw, by data. */
    private static Map<String, Seen> verify(int cycle, Map<String, List<Record>> byShard, Map<String, String> attempted,
                                            Map<String, Put> acknowledged, Map<String, Seen> seenBefore) {
        Map<String, Seen> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<Record>> shard : byShard.entrySet()) {
            String shardId = shard.getKey();
            BigInteger previous = null;
            for (Record record : shard.getValue()) {
                String data = record.data().asUtf8String();
                BigInteger sequence = new BigInteger(record.sequenceNumber());
                if (previous != null && sequence.compareTo(previous) <= 0) {
                    problems.add(shardId + ": sequence " + sequence + " does not follow " + previous);
                }
                previous = sequence;
                String sentKey = attempted.get(data);
                if (sentKey == null) {
                    problems.add(shardId + ": record " + record.sequenceNumber() + " was never written by anyone: " + data);
                } else if (!sentKey.equals(record.partitionKey())) {
                    problems.add(shardId + ": record " + record.sequenceNumber() + " has partition key " + record.partitionKey()
                            + ", was written with " + sentKey);
                }
                Seen before = seen.put(data, new Seen(shardId, record.sequenceNumber(), record.partitionKey()));
                if (before != null) {
                    problems.add("duplicate: " + data + " at " + before + " and at " + shardId + "/" + record.sequenceNumber());
                }
            }
        }
        for (Put ack : acknowledged.values()) {
            Seen found = seen.get(ack.data());
            if (found == null) {
                problems.add("LOST acknowledged put " + ack);
            } else if (!found.shardId().equals(ack.shardId()) || !found.sequenceNumber().equals(ack.sequenceNumber())) {
                problems.add("acknowledged put " + ack + " found as " + found);
            }
        }
        for (Map.Entry<String, Seen> earlier : seenBefore.entrySet()) {
            Seen now = seen.get(earlier.getKey());
            if (!earlier.getValue().equals(now)) {
                problems.add("record read after the previous restart as " + earlier.getValue() + " is now " + now + ": "
                        + earlier.getKey());
            }
        }
        if (!problems.isEmpty()) {
            fail("After restart " + cycle + " (" + acknowledged.size() + " acknowledged, " + seen.size() + " read), "
                    + problems.size() + " problem(s):\n  " + String.join("\n  ", problems.subList(0, Math.min(40, problems.size()))));
        }
        return seen;
    }
}
