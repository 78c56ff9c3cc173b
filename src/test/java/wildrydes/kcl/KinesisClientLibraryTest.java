package wildrydes.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * The Kinesis Client Library 3.x, unchanged, reading the server and keeping its leases in the same server's DynamoDB
 * API (it creates its tables itself, with the index the 3.x lease assignment queries), metrics off, two workers
 * sharing a 4-shard stream while it is split and
 * merged and records keep coming, then one worker shut down gracefully and a new one started. Once polling
 * (PollingConfig) and once with enhanced fan-out (the library's default FanOutConfig: RegisterStreamConsumer and
 * SubscribeToShard over HTTP/2). Every acknowledged record must be processed, in order per partition key, parents
 * before children, and no record at or below a confirmed checkpoint processed again.
 */
class KinesisClientLibraryTest {
    static {
        // The library logs every lease and task at INFO; keep the test output to what matters.
        // (-Dorg.slf4j.simpleLogger.log.software.amazon.kinesis=info shows it all.)
        for (String logger : List.of("software.amazon.kinesis", "software.amazon.awssdk", "io.netty")) {
            if (System.getProperty("org.slf4j.simpleLogger.log." + logger) == null) {
                System.setProperty("org.slf4j.simpleLogger.log." + logger, "warn");
            }
        }
    }

    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
    void pollingWorkersFollowASplitAndAMergeAndHonourCheckpointsAfterARestart() throws Exception {
        new Scenario(dir, KclWorker.Retrieval.POLLING).run();
    }

    @Test
    @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
    void fanOutWorkersFollowASplitAndAMergeAndHonourCheckpointsAfterARestart() throws Exception {
        new Scenario(dir, KclWorker.Retrieval.FAN_OUT).run();
    }

    /** One run: everything started here is stopped here. */
    static final class Scenario {
        final Path dir;
        final KclWorker.Retrieval retrieval;
        final String stream;
        final String application;
        final Ledger ledger = new Ledger();
        final KclWorker.CallCounter cloudWatchCalls = new KclWorker.CallCounter();
        final KclWorker.OperationCounter kinesisCalls = new KclWorker.OperationCounter();
        final KclWorker.OperationCounter dynamoCalls = new KclWorker.OperationCounter();
        final List<KclWorker> running = new ArrayList<>();
        final long started = System.nanoTime();
        final List<String> timeline = new ArrayList<>();
        KinesisServer server;
        KinesisClient kinesis;
        StreamWriter writer;

        Scenario(Path dir, KclWorker.Retrieval retrieval) {
            this.dir = dir;
            this.retrieval = retrieval;
            String name = retrieval == KclWorker.Retrieval.POLLING ? "polling" : "fanout";
            this.stream = "kcl-" + name;
            this.application = "wildrydes-kcl-" + name;
        }

        void mark(String what) {
            String line = String.format("%6.1fs %s (acknowledged %d, processed %d)", (System.nanoTime() - started) / 1e9, what,
                    writer == null ? 0 : writer.acknowledged(), ledger.processedCount());
            timeline.add(line);
            System.out.println("[" + retrieval + "] " + line);
        }

        void run() throws Exception {
            try {
                server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data")).withStateChangeMillis(200));
                kinesis = KinesisClient.builder()
                        .endpointOverride(URI.create(server.endpoint()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(KclWorker.CREDENTIALS)
                        .httpClient(ApacheHttpClient.create())
                        .build();
                mark("server on " + server.endpoint());
                scenario();
            } finally {
                for (KclWorker worker : running) {
                    worker.shutdownNow();
                }
                quietly(() -> {
                    if (writer != null) {
                        writer.close();
                    }
                });
                quietly(() -> {
                    if (kinesis != null) {
                        kinesis.close();
                    }
                });
                quietly(() -> {
                    if (server != null) {
                        server.close();
                    }
                });
            }
        }

        interface Step {
            void run() throws Exception;
        }

        /** Cleanup that must not keep the rest of the cleanup from running. */
        static void quietly(Step step) {
            try {
                step.run();
            } catch (Exception | AssertionError e) {
                System.out.println("cleanup: " + e);
            }
        }

        KclWorker startWorker(String id) {
            KclWorker worker = KclWorker.start(id, application, stream, retrieval, server.endpoint(), server.endpoint(), kinesisCalls, dynamoCalls,
                    cloudWatchCalls, ledger);
            running.add(worker);
            mark("started worker " + id);
            return worker;
        }

        void stopGracefully(KclWorker worker) throws Exception {
            worker.shutdownGracefully(Duration.ofSeconds(60));
            running.remove(worker);
            mark("worker " + worker.id + " shut down gracefully");
        }

        void awaitActive() {
            await("stream " + stream + " ACTIVE", Duration.ofSeconds(20), () ->
                    kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
        }

        void await(String what, Duration timeout, BooleanSupplier condition) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what + "\n" + state());
                }
                StreamWriter.sleep(100);
            }
            mark(what);
        }

        String state() {
            Map<String, Long> byShard = Ledger.copy(ledger.processed).stream()
                    .collect(Collectors.groupingBy(Ledger.Processed::shardId, TreeMap::new, Collectors.counting()));
            Map<String, Long> writtenByShard = Ledger.copy(ledger.written).stream()
                    .collect(Collectors.groupingBy(Ledger.Written::shardId, TreeMap::new, Collectors.counting()));
            return "timeline:\n  " + String.join("\n  ", timeline)
                    + "\nwritten by shard: " + writtenByShard
                    + "\nprocessed by shard: " + byShard
                    + "\nprocessed by worker: " + ledger.processedByWorker
                    + "\ninits: " + Ledger.copy(ledger.inits)
                    + "\nevents: " + Ledger.copy(ledger.events)
                    + "\nproblems: " + Ledger.copy(ledger.problems)
                    + "\nwriter errors: " + (writer == null ? List.of() : writer.errors)
                    + "\nKinesis calls by the library: " + kinesisCalls
                    + "\nDynamoDB calls by the library: " + dynamoCalls
                    + "\nCloudWatch calls: " + cloudWatchCalls.calls.get()
                    + "\nDynamoDB errors answered: " + (server == null ? "" : tableErrors());
        }

        /** The DynamoDB errors the server answered, by operation and type (from its metrics). */
        String tableErrors() {
            return server.tables().metrics().prometheus().lines().filter(l -> l.startsWith("dynamodb_errors_total"))
                    .collect(Collectors.joining(", "));
        }

        Set<String> processedShards() {
            return Ledger.copy(ledger.processed).stream().map(Ledger.Processed::shardId).collect(Collectors.toSet());
        }

        int processedBy(String worker) {
            return ledger.processedByWorker.getOrDefault(worker, 0);
        }

        /** Every acknowledged record processed at least once. */
        boolean allProcessed() {
            Set<String> seen = new HashSet<>();
            for (Ledger.Processed p : Ledger.copy(ledger.processed)) {
                seen.add(p.key() + ":" + p.n());
            }
            for (Ledger.Written w : Ledger.copy(ledger.written)) {
                if (!seen.contains(w.key() + ":" + w.n())) {
                    return false;
                }
            }
            return true;
        }

        Map<String, Shard> shards() {
            Map<String, Shard> byId = new LinkedHashMap<>();
            kinesis.listShards(r -> r.streamName(stream)).shards().forEach(s -> byId.put(s.shardId(), s));
            return byId;
        }

        void scenario() throws Exception {
            kinesis.createStream(r -> r.streamName(stream).shardCount(4));
            awaitActive();
            writer = new StreamWriter(kinesis, stream, ledger, 40, 100);

            KclWorker a = startWorker("worker-a");
            // The library 3.5.1 does not survive two workers of a new application initialising at the same instant
            // (the loser of the race to write the migration state retries with half-initialised components and fails
            // with "AssignmentMode is not initialized" on every attempt), so B starts once A is reading.
            await("worker A processing", WAIT, () -> processedBy("worker-a") > 0);
            KclWorker b = startWorker("worker-b");
            await("all 4 shards processed and both workers holding leases", WAIT, () -> processedBy("worker-b") > 0
                    && processedShards().containsAll(List.of("shardId-000000000000", "shardId-000000000001",
                            "shardId-000000000002", "shardId-000000000003"))
                    && ledger.holders(ledger.tick()).keySet().containsAll(List.of("worker-a", "worker-b")));
            if (retrieval == KclWorker.Retrieval.FAN_OUT) {
                String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
                List<Consumer> consumers = kinesis.listStreamConsumers(r -> r.streamARN(arn)).consumers();
                assertThat(consumers).extracting(Consumer::consumerName).containsExactly(application);
                assertThat(consumers.get(0).consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
            }

            // Reshard while both workers read and the writer writes: split shard 0, then merge shards 2 and 3.
            Map<String, Shard> before = shards();
            Shard zero = before.get("shardId-000000000000");
            BigInteger middle = new BigInteger(zero.hashKeyRange().startingHashKey())
                    .add(new BigInteger(zero.hashKeyRange().endingHashKey())).shiftRight(1);
            long splitAt = ledger.tick();
            kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(middle.toString()));
            mark("SplitShard shardId-000000000000 while the workers hold " + ledger.holders(splitAt));
            StreamWriter.sleep(300);
            awaitActive();
            kinesis.mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000002").adjacentShardToMerge("shardId-000000000003"));
            mark("MergeShards shardId-000000000002 + shardId-000000000003");
            StreamWriter.sleep(300);
            awaitActive();

            Map<String, Shard> after = shards();
            List<String> children = after.values().stream().filter(s -> s.parentShardId() != null).map(Shard::shardId).toList();
            assertThat(children).as("children of the split and the merge").hasSize(3);
            int writtenAtReshard = writer.acknowledged();
            await("records processed on every child shard", WAIT, () -> processedShards().containsAll(children));
            await("the records written before the reshard all processed", WAIT, () -> {
                Set<String> seen = Ledger.copy(ledger.processed).stream().map(p -> p.key() + ":" + p.n()).collect(Collectors.toSet());
                return Ledger.copy(ledger.written).subList(0, writtenAtReshard).stream().allMatch(w -> seen.contains(w.key() + ":" + w.n()));
            });

            // Restart: worker A shuts down gracefully (checkpointing), a new worker C joins.
            await("worker A holding a lease", WAIT, () -> !ledger.holders(ledger.tick()).getOrDefault("worker-a", Set.of()).isEmpty());
            int aBefore = processedBy("worker-a");
            int bBefore = processedBy("worker-b");
            long restartAt = ledger.tick();
            mark("stopping worker A, which holds " + ledger.holders(restartAt).getOrDefault("worker-a", Set.of()));
            stopGracefully(a);
            KclWorker c = startWorker("worker-c");
            await("worker C processing", WAIT, () -> processedBy("worker-c") > 0);
            int writtenAtC = writer.acknowledged();
            await("writes continued after C joined", WAIT, () -> writer.acknowledged() > writtenAtC + 2_000);
            writer.close();
            mark("writer stopped");
            await("every acknowledged record processed", WAIT, this::allProcessed);
            stopGracefully(b);
            stopGracefully(c);

            assertThat(ledger.holders(splitAt)).as("leases held when the stream was split").containsKeys("worker-a", "worker-b");
            verify(before, after, children, restartAt, aBefore, bBefore);
        }

        void verify(Map<String, Shard> before, Map<String, Shard> after, List<String> children, long restartAt, int aBefore, int bBefore) {
            List<Ledger.Written> written = Ledger.copy(ledger.written);
            List<Ledger.Processed> processed = Ledger.copy(ledger.processed);
            List<Ledger.Checkpoint> checkpoints = Ledger.copy(ledger.checkpoints);
            List<Ledger.Init> inits = Ledger.copy(ledger.inits);
            List<Ledger.Event> events = Ledger.copy(ledger.events);
            String state = state();
            System.out.println("[" + retrieval + "] " + state.replace("\n", "\n[" + retrieval + "] "));

            assertThat(writer.errors).as("writer errors").isEmpty();
            assertThat(ledger.problems).as("record processor problems").isEmpty();
            assertThat(cloudWatchCalls.calls.get()).as("CloudWatch calls with metrics off").isZero();
            assertThat(dynamoCalls.count("CreateTable")).as("tables the library created itself").isPositive();
            assertThat(dynamoCalls.count("UpdateTable")).as("the lease owner index the library added").isPositive();
            assertThat(tableErrors()).as("DynamoDB errors other than failed conditions")
                    .doesNotContain("ValidationException", "SerializationException", "UnknownOperationException", "InternalServerError");
            if (retrieval == KclWorker.Retrieval.POLLING) {
                assertThat(kinesisCalls.count("GetRecords")).as("GetRecords calls").isPositive();
                assertThat(kinesisCalls.count("SubscribeToShard")).as("SubscribeToShard calls when polling").isZero();
            } else {
                assertThat(kinesisCalls.count("SubscribeToShard")).as("SubscribeToShard calls").isPositive();
                assertThat(kinesisCalls.count("GetRecords")).as("GetRecords calls with fan-out").isZero();
            }
            assertThat(after.values().stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).count())
                    .as("open shards after the split and the merge").isEqualTo(4);
            assertThat(aBefore).as("records worker A processed before the restart").isPositive();
            assertThat(bBefore).as("records worker B processed before the restart").isPositive();
            assertThat(processedBy("worker-c")).as("records worker C processed").isPositive();

            // Every acknowledged record processed (at least once), from the shard it was written to, with its sequence number.
            Map<String, Ledger.Written> byRecord = new HashMap<>();
            written.forEach(w -> byRecord.put(w.key() + ":" + w.n(), w));
            Set<String> seen = new HashSet<>();
            List<String> misplaced = new ArrayList<>();
            for (Ledger.Processed p : processed) {
                String id = p.key() + ":" + p.n();
                seen.add(id);
                Ledger.Written w = byRecord.get(id);
                if (w == null) {
                    misplaced.add(id + " processed but never acknowledged");
                } else if (!w.shardId().equals(p.shardId()) || !w.seq().equals(p.seq())) {
                    misplaced.add(id + " written to " + w.shardId() + " at " + w.seq() + " but processed from " + p.shardId() + " at " + p.seq());
                }
            }
            List<String> missing = written.stream().map(w -> w.key() + ":" + w.n() + " (" + w.shardId() + " " + w.seq() + ")")
                    .filter(s -> !seen.contains(s.substring(0, s.indexOf(' ')))).toList();
            assertThat(missing).as("acknowledged records never processed (of %d)", written.size()).isEmpty();
            assertThat(misplaced).as("records processed from the wrong place").isEmpty();
            assertThat(written).as("records written").hasSizeGreaterThan(5_000);

            // Each processor got its shard's records in sequence order; per partition key, first deliveries in write order.
            Map<Integer, BigInteger> lastByProcessor = new HashMap<>();
            List<String> outOfOrder = new ArrayList<>();
            Map<String, Integer> nextFirst = new HashMap<>();
            Set<String> delivered = new HashSet<>();
            for (Ledger.Processed p : processed) {
                BigInteger last = lastByProcessor.put(p.processor(), p.seq());
                if (last != null && last.compareTo(p.seq()) >= 0) {
                    outOfOrder.add(p.worker() + " got " + p.seq() + " after " + last + " on " + p.shardId());
                }
                if (delivered.add(p.key() + ":" + p.n())) {
                    int expected = nextFirst.getOrDefault(p.key(), 0);
                    if (p.n() != expected) {
                        outOfOrder.add(p.key() + ": first delivery of record " + p.n() + " (" + p.shardId() + ") when " + expected + " was due");
                    }
                    nextFirst.put(p.key(), p.n() + 1);
                }
            }
            assertThat(outOfOrder).as("records out of order").isEmpty();

            // Parents before children: a child's first record only after all of its parents' records and their SHARD_END checkpoint.
            for (String child : children) {
                Shard shard = after.get(child);
                long childFirst = processed.stream().filter(p -> p.shardId().equals(child)).mapToLong(Ledger.Processed::at).min().orElseThrow();
                for (String parent : new String[] {shard.parentShardId(), shard.adjacentParentShardId()}) {
                    if (parent == null) {
                        continue;
                    }
                    long parentLast = processed.stream().filter(p -> p.shardId().equals(parent)).mapToLong(Ledger.Processed::at).max().orElseThrow();
                    long parentEnded = events.stream().filter(e -> e.shardId().equals(parent) && e.what().equals("shardEnded"))
                            .mapToLong(Ledger.Event::at).min().orElseThrow(() -> new AssertionError("shardEnded never called for " + parent));
                    assertThat(checkpoints).as("SHARD_END checkpoint of " + parent)
                            .anyMatch(cp -> cp.shardId().equals(parent) && cp.seq().equals(Ledger.SHARD_END));
                    assertThat(parentLast).as(child + "'s first record after the last of its parent " + parent).isLessThan(childFirst);
                    assertThat(parentEnded).as(child + "'s first record after shardEnded of its parent " + parent).isLessThan(childFirst);
                }
            }
            assertThat(before).hasSize(4);

            // Checkpoints honoured: a confirmed checkpoint is never gone back over. Each processor starts where the
            // last confirmed checkpoint of its shard is, and no record at or below a confirmed checkpoint is processed
            // after it (a batch whose checkpoint was refused because the lease moved may be processed again).
            Map<String, List<Ledger.Checkpoint>> checkpointsByShard = checkpoints.stream()
                    .collect(Collectors.groupingBy(Ledger.Checkpoint::shardId));
            List<String> regressions = new ArrayList<>();
            for (Ledger.Init init : inits) {
                BigInteger start = numeric(init.startingAt());
                for (Ledger.Checkpoint cp : checkpointsByShard.getOrDefault(init.shardId(), List.of())) {
                    if (cp.at() < init.at() && (start == null || start.compareTo(cp.seq()) < 0)) {
                        regressions.add(init.worker() + " started " + init.shardId() + " at " + init.startingAt()
                                + " although " + cp.worker() + " had checkpointed " + cp.seq() + " (" + cp.when() + ")");
                    }
                }
            }
            for (Ledger.Processed p : processed) {
                for (Ledger.Checkpoint cp : checkpointsByShard.getOrDefault(p.shardId(), List.of())) {
                    if (cp.at() < p.at() && p.seq().compareTo(cp.seq()) <= 0) {
                        regressions.add(p.worker() + " processed " + p.shardId() + " " + p.seq() + " after " + cp.worker()
                                + " had checkpointed " + cp.seq() + " (" + cp.when() + ")");
                        break;
                    }
                }
            }
            assertThat(regressions).as("checkpoints not honoured").isEmpty();

            // The restart: each shard worker A held when it shut down was checkpointed then and taken over from exactly
            // that checkpoint by another worker, whose first record is the one right after it (none again, none lost).
            // (The 3.x lease assignment also hands leases over gracefully, with shutdownRequested, when it rebalances.)
            List<Ledger.Checkpoint> aFinal = checkpoints.stream()
                    .filter(cp -> cp.worker().equals("worker-a") && cp.when().equals("shutdownRequested") && cp.at() > restartAt).toList();
            assertThat(aFinal).as("worker A's checkpoints at its graceful shutdown").isNotEmpty();
            for (Ledger.Checkpoint cp : aFinal) {
                Ledger.Init takeover = inits.stream().filter(i -> i.shardId().equals(cp.shardId()) && i.at() > cp.at())
                        .min(Comparator.comparingLong(Ledger.Init::at))
                        .orElseThrow(() -> new AssertionError(cp.shardId() + " was never taken over after worker A shut down"));
                assertThat(takeover.worker()).isNotEqualTo("worker-a");
                assertThat(takeover.startingAt()).as(takeover.worker() + " resuming " + cp.shardId()).isEqualTo(cp.seq().toString());
                BigInteger nextWritten = written.stream().filter(w -> w.shardId().equals(cp.shardId()) && w.seq().compareTo(cp.seq()) > 0)
                        .map(Ledger.Written::seq).min(Comparator.naturalOrder()).orElse(null);
                Ledger.Processed firstAfter = processed.stream().filter(p -> p.shardId().equals(cp.shardId()) && p.at() > cp.at())
                        .findFirst().orElseThrow(() -> new AssertionError("nothing processed on " + cp.shardId() + " after worker A shut down"));
                assertThat(firstAfter.seq()).as("first record " + firstAfter.worker() + " processed on " + cp.shardId()
                        + " after worker A's checkpoint " + cp.seq()).isEqualTo(nextWritten);
            }
            long duplicates = processed.size() - seen.size();
            mark("verified: " + written.size() + " records written, " + processed.size() + " processed (" + duplicates
                    + " again after a lease moved), worker A handed over " + aFinal.size() + " shards at its checkpoints");
        }

        static BigInteger numeric(String sequenceNumber) {
            if ("SHARD_END".equals(sequenceNumber)) {
                return Ledger.SHARD_END;
            }
            return sequenceNumber != null && !sequenceNumber.isEmpty() && sequenceNumber.chars().allMatch(Character::isDigit)
                    ? new BigInteger(sequenceNumber) : null;
        }
    }
}
