package wildrydes.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;
import wildrydes.server.KinesisServer;
import wildrydes.testing.TestClock;

/**
 * Every operation of the foundation through the AWS SDK for Java v2 sync client, against a
 * durable server on a random port. Subclasses run it in CBOR (the SDK's default) and in JSON.
 */
abstract class KinesisApiContract {
    static final String ACCOUNT = "000000000000";

    static final TestClock clock = TestClock.system();
    @RegisterExtension
    static final SdkServer fixture = SdkServer.durable(config -> config.withClock(clock));
    static KinesisServer server;
    static KinesisClient kinesis;
    static SdkClients.ContentTypeRecorder recorder;

    /** The Content-Type the SDK must have used for every call of this class. */
    abstract String expectedContentType();

    @BeforeAll
    static void clients() {
        server = fixture.server();
        kinesis = fixture.kinesis;
        recorder = fixture.recorder;
    }

    @AfterEach
    void everyCallUsedTheExpectedEncoding() {
        clock.reset();
        assertThat(recorder.contentTypes).isNotEmpty().allMatch(type -> type.startsWith(expectedContentType()));
    }

    // ------------------------------------------------------------------ helpers

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String createActiveStream(String prefix, int shards) {
        String name = uniqueName(prefix);
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        awaitStatus(name, StreamStatus.ACTIVE);
        return name;
    }

    static void awaitStatus(String name, StreamStatus status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus() != status) {
            assertThat(System.nanoTime()).as("stream %s never became %s", name, status).isLessThan(deadline);
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static SdkBytes bytes(String text) {
        return SdkBytes.fromString(text, StandardCharsets.UTF_8);
    }

    static String iterator(String stream, String shardId, ShardIteratorType type, String sequence) {
        return kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId).shardIteratorType(type)
                .startingSequenceNumber(sequence)).shardIterator();
    }

    static List<Record> readAll(String stream, String shardId) {
        String it = iterator(stream, shardId, ShardIteratorType.TRIM_HORIZON, null);
        List<Record> records = new ArrayList<>();
        while (true) {
            String current = it;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            records.addAll(page.records());
            if (page.records().isEmpty()) {
                return records;
            }
            it = page.nextShardIterator();
        }
    }

    static BigInteger md5(String partitionKey) throws Exception {
        return new BigInteger(1, MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ streams

    @Test
    void createdStreamGoesFromCreatingToActive() {
        String name = uniqueName("create");
        kinesis.createStream(r -> r.streamName(name).shardCount(2));
        StreamDescriptionSummary summary = kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
        assertThat(summary.streamStatus()).isEqualTo(StreamStatus.CREATING);
        awaitStatus(name, StreamStatus.ACTIVE);
        summary = kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
        assertThat(summary.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + name);
        assertThat(summary.openShardCount()).isEqualTo(2);
        assertThat(summary.retentionPeriodHours()).isEqualTo(24);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(summary.streamCreationTimestamp()).isBetween(Instant.now().minusSeconds(30), Instant.now().plusSeconds(1));
        assertThat(summary.encryptionTypeAsString()).isEqualTo("NONE");
    }

    @Test
    void onDemandStreamGetsFourShards() {
        String name = uniqueName("ondemand");
        kinesis.createStream(r -> r.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitStatus(name, StreamStatus.ACTIVE);
        StreamDescriptionSummary summary = kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
        assertThat(summary.openShardCount()).isEqualTo(4);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
    }

    @Test
    void creatingAnExistingStreamIsResourceInUse() {
        String name = createActiveStream("dup", 1);
        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName(name).shardCount(1)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Stream " + name + " under account " + ACCOUNT + " already exists.");
    }

    @Test
    void creatingBeyondTheShardLimitIsLimitExceeded() {
        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName(uniqueName("huge")).shardCount(501)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("shard limit");
    }

    @Test
    void invalidStreamNameIsAValidationError() {
        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName("not valid!").shardCount(0)))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: "
                            + "Value 'not valid!' at 'streamName' failed to satisfy constraint: Member must satisfy regular "
                            + "expression pattern: [a-zA-Z0-9_.-]+; Value '0' at 'shardCount' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 1");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void missingStreamIsResourceNotFound() {
        assertThatThrownBy(() -> kinesis.describeStream(r -> r.streamName("no-such-stream")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Stream no-such-stream under account " + ACCOUNT + " not found.");
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName("no-such-stream").partitionKey("a").data(bytes("x"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void describeStreamPagesShards() {
        String name = createActiveStream("pages", 5);
        StreamDescription first = kinesis.describeStream(r -> r.streamName(name).limit(2)).streamDescription();
        assertThat(first.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000000", "shardId-000000000001");
        assertThat(first.hasMoreShards()).isTrue();
        StreamDescription rest = kinesis.describeStream(r -> r.streamName(name).exclusiveStartShardId("shardId-000000000001"))
                .streamDescription();
        assertThat(rest.shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000002", "shardId-000000000003", "shardId-000000000004");
        assertThat(rest.hasMoreShards()).isFalse();
        assertThat(rest.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(rest.retentionPeriodHours()).isEqualTo(24);
    }

    @Test
    void shardsSplitTheHashKeySpaceEvenly() {
        String name = createActiveStream("hash", 3);
        List<Shard> shards = kinesis.listShards(r -> r.streamName(name)).shards();
        BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(3));
        assertThat(shards).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Shard shard = shards.get(i);
            assertThat(new BigInteger(shard.hashKeyRange().startingHashKey())).isEqualTo(width.multiply(BigInteger.valueOf(i)));
            assertThat(shard.sequenceNumberRange().startingSequenceNumber()).matches("\\d+");
            assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
            assertThat(shard.parentShardId()).isNull();
        }
        assertThat(shards.get(2).hashKeyRange().endingHashKey()).isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString());
    }

    @Test
    void listStreamsPagesWithNextToken() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(createActiveStream("list" + i, 1));
        }
        List<String> seen = new ArrayList<>();
        ListStreamsResponse page = kinesis.listStreams(r -> r.limit(2));
        seen.addAll(page.streamNames());
        assertThat(page.streamSummaries()).extracting(s -> s.streamName()).isEqualTo(page.streamNames());
        while (page.hasMoreStreams()) {
            String token = page.nextToken();
            assertThat(token).isNotBlank();
            page = kinesis.listStreams(r -> r.nextToken(token).limit(2));
            assertThat(page.streamNames().size()).isLessThanOrEqualTo(2);
            seen.addAll(page.streamNames());
        }
        assertThat(seen).containsAll(mine).doesNotHaveDuplicates();
        assertThat(seen).isSorted();
        String arn = page.streamSummaries().get(0).streamARN();
        assertThat(arn).startsWith("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/");
    }

    @Test
    void listShardsPagesAndRejectsNameWithToken() {
        String name = createActiveStream("lshards", 3);
        ListShardsResponse first = kinesis.listShards(r -> r.streamName(name).maxResults(2));
        assertThat(first.shards()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        ListShardsResponse second = kinesis.listShards(r -> r.nextToken(first.nextToken()));
        assertThat(second.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000002");
        assertThat(second.nextToken()).isNull();
        assertThatThrownBy(() -> kinesis.listShards(r -> r.streamName(name).nextToken(first.nextToken())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("NextToken and StreamName cannot be provided together.");
        assertThat(kinesis.listShards(r -> r.streamName(name).exclusiveStartShardId("shardId-000000000000")).shards())
                .extracting(Shard::shardId).containsExactly("shardId-000000000001", "shardId-000000000002");
    }

    @Test
    void listShardsHonoursShardFilters() {
        String name = createActiveStream("filter", 3);
        assertThat(kinesis.listShards(r -> r.streamName(name)
                .shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000001"))).shards())
                .extracting(Shard::shardId).containsExactly("shardId-000000000002");
        assertThat(kinesis.listShards(r -> r.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards())
                .hasSize(3);
        assertThat(kinesis.listShards(r -> r.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_TRIM_HORIZON))).shards())
                .hasSize(3);
        assertThat(kinesis.listShards(r -> r.streamName(name)
                .shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(Instant.now()))).shards()).hasSize(3);
        assertThatThrownBy(() -> kinesis.listShards(r -> r.streamName(name).shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID))))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void streamArnWorksWhereStreamNameDoes() {
        String name = createActiveStream("arn", 1);
        String arn = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + name;
        assertThat(kinesis.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary().streamName()).isEqualTo(name);
        PutRecordResponse put = kinesis.putRecord(r -> r.streamARN(arn).partitionKey("k").data(bytes("by-arn")));
        String it = kinesis.getShardIterator(r -> r.streamARN(arn).shardId(put.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThat(kinesis.getRecords(r -> r.shardIterator(it).streamARN(arn)).records())
                .extracting(rec -> rec.data().asUtf8String()).containsExactly("by-arn");
        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamARN("arn:aws:kinesis:us-east-1:111111111111:stream/" + name)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deletedStreamGoesThroughDeletingAndDisappears() {
        String name = createActiveStream("delete", 2);
        kinesis.putRecord(r -> r.streamName(name).partitionKey("a").data(bytes("gone soon")));
        kinesis.deleteStream(r -> r.streamName(name));
        assertThat(kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus())
                .isEqualTo(StreamStatus.DELETING);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (kinesis.listStreams().streamNames().contains(name)) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            sleep(20);
        }
        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName(name))).isInstanceOf(ResourceNotFoundException.class);
        kinesis.createStream(r -> r.streamName(name).shardCount(1));
        awaitStatus(name, StreamStatus.ACTIVE);
        assertThat(readAll(name, "shardId-000000000000")).as("a re-created stream starts empty").isEmpty();
    }

    // ------------------------------------------------------------------ writing

    @Test
    void putRecordRoutesByTheMd5OfThePartitionKey() throws Exception {
        String name = createActiveStream("route", 4);
        List<Shard> shards = kinesis.listShards(r -> r.streamName(name)).shards();
        for (int i = 0; i < 40; i++) {
            String key = "unicorn-" + i;
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName(name).partitionKey(key).data(bytes("x")));
            BigInteger hash = md5(key);
            Shard expected = shards.stream().filter(s -> new BigInteger(s.hashKeyRange().startingHashKey()).compareTo(hash) <= 0
                    && new BigInteger(s.hashKeyRange().endingHashKey()).compareTo(hash) >= 0).findFirst().orElseThrow();
            assertThat(put.shardId()).as("shard of %s", key).isEqualTo(expected.shardId());
        }
    }

    @Test
    void explicitHashKeyChoosesTheShard() {
        String name = createActiveStream("explicit", 2);
        String top = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString();
        assertThat(kinesis.putRecord(r -> r.streamName(name).partitionKey("a").explicitHashKey(top).data(bytes("x"))).shardId())
                .isEqualTo("shardId-000000000001");
        assertThat(kinesis.putRecord(r -> r.streamName(name).partitionKey("a").explicitHashKey("0").data(bytes("x"))).shardId())
                .isEqualTo("shardId-000000000000");
        String tooBig = BigInteger.ONE.shiftLeft(128).toString();
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(name).partitionKey("a").explicitHashKey(tooBig).data(bytes("x"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + tooBig);
    }

    @Test
    void sequenceNumbersIncreaseWithinAShard() {
        String name = createActiveStream("seq", 1);
        BigInteger previous = BigInteger.ZERO;
        String last = null;
        for (int i = 0; i < 20; i++) {
            String ordering = last;
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(bytes("x"))
                    .sequenceNumberForOrdering(ordering));
            BigInteger current = new BigInteger(put.sequenceNumber());
            assertThat(current).isGreaterThan(previous);
            previous = current;
            last = put.sequenceNumber();
        }
    }

    @Test
    void putRecordsReturnsOneResultPerEntryInOrder() {
        String name = createActiveStream("batch", 3);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i).data(bytes("record-" + i)).build());
        }
        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(name).records(entries));
        assertThat(response.failedRecordCount()).isZero();
        assertThat(response.records()).hasSize(500).allSatisfy(r -> {
            assertThat(r.sequenceNumber()).isNotNull();
            assertThat(r.errorCode()).isNull();
        });
        Map<String, String> dataBySequence = new HashMap<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(name)).shards()) {
            for (Record record : readAll(name, shard.shardId())) {
                dataBySequence.put(shard.shardId() + "/" + record.sequenceNumber(), record.data().asUtf8String());
            }
        }
        for (int i = 0; i < 500; i++) {
            var result = response.records().get(i);
            assertThat(dataBySequence.get(result.shardId() + "/" + result.sequenceNumber())).isEqualTo("record-" + i);
        }
    }

    @Test
    void putRecordsValidatesEveryEntry() {
        String name = createActiveStream("batchval", 1);
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(name).records(
                PutRecordsRequestEntry.builder().partitionKey("ok").data(bytes("x")).build(),
                PutRecordsRequestEntry.builder().partitionKey("").data(bytes("x")).build())))
                .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value '' at 'records.2.member.partitionKey' failed to satisfy "
                                + "constraint: Member must have length greater than or equal to 1"));
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(name).records(List.of())))
                .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    @Test
    void oversizedRecordIsAValidationError() {
        String name = createActiveStream("big", 1);
        byte[] tooBig = new byte[1024 * 1024 + 1];
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(tooBig))))
                .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576"));
        byte[] justRight = new byte[1024 * 1024];
        justRight[justRight.length - 1] = 7;
        PutRecordResponse put = kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(justRight)));
        Record read = readAll(name, put.shardId()).get(0);
        assertThat(read.data().asByteArray()).isEqualTo(justRight);
    }

    @Test
    void putRecordsChecksEachRecordAgainstTheStreamMaximumAndTheCallAgainstFiveMebibytes() {
        String name = createActiveStream("bigbatch", 1);
        byte[] tooBig = new byte[1024 * 1024 + 1];
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(name).records(
                PutRecordsRequestEntry.builder().partitionKey("ok").data(bytes("x")).build(),
                PutRecordsRequestEntry.builder().partitionKey("big").data(SdkBytes.fromByteArray(tooBig)).build())))
                .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' "
                                + "at 'records.2.member.data' failed to satisfy constraint: Member must have length less than "
                                + "or equal to 1048576"));
        SdkBytes oneMiB = SdkBytes.fromByteArray(new byte[1024 * 1024]);
        List<PutRecordsRequestEntry> fiveMiBAndKeys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fiveMiBAndKeys.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(oneMiB).build());
        }
        assertThatThrownBy(() -> kinesis.putRecords(r -> r.streamName(name).records(fiveMiBAndKeys)))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("Records size exceeds 5242880 bytes limit"));
        assertThat(readAll(name, "shardId-000000000000")).isEmpty();
    }

    // ------------------------------------------------------------------ reading

    @Test
    void getRecordsReturnsWhatWasWritten() {
        String name = createActiveStream("read", 1);
        byte[] binary = {0, 1, 2, (byte) 0xFF, (byte) 0x80};
        Instant before = Instant.now().minusSeconds(2);
        PutRecordResponse a = kinesis.putRecord(r -> r.streamName(name).partitionKey("Shadowfax").data(bytes("{\"Name\":\"Shadowfax\"}")));
        PutRecordResponse b = kinesis.putRecord(r -> r.streamName(name).partitionKey("Bucéphale").data(SdkBytes.fromByteArray(binary)));
        PutRecordResponse c = kinesis.putRecord(r -> r.streamName(name).partitionKey("empty").data(SdkBytes.fromByteArray(new byte[0])));
        List<Record> records = readAll(name, a.shardId());
        assertThat(records).extracting(Record::sequenceNumber).containsExactly(a.sequenceNumber(), b.sequenceNumber(), c.sequenceNumber());
        assertThat(records.get(0).data().asUtf8String()).isEqualTo("{\"Name\":\"Shadowfax\"}");
        assertThat(records.get(0).partitionKey()).isEqualTo("Shadowfax");
        assertThat(records.get(1).data().asByteArray()).isEqualTo(binary);
        assertThat(records.get(1).partitionKey()).isEqualTo("Bucéphale");
        assertThat(records.get(2).data().asByteArray()).isEmpty();
        assertThat(records).allSatisfy(r -> assertThat(r.approximateArrivalTimestamp()).isBetween(before, Instant.now().plusSeconds(2)));
    }

    @Test
    void everyIteratorTypeStartsWhereItShould() {
        String name = createActiveStream("iter", 1);
        String shard = "shardId-000000000000";
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            seqs.add(kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(bytes("r" + n))).sequenceNumber());
        }
        String latest = iterator(name, shard, ShardIteratorType.LATEST, null);
        assertThat(read(iterator(name, shard, ShardIteratorType.TRIM_HORIZON, null))).containsExactly("r0", "r1", "r2", "r3", "r4");
        assertThat(read(iterator(name, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, seqs.get(2)))).containsExactly("r2", "r3", "r4");
        assertThat(read(iterator(name, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, seqs.get(2)))).containsExactly("r3", "r4");
        assertThat(read(latest)).isEmpty();
        kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(bytes("r5")));
        assertThat(read(latest)).containsExactly("r5");
        String atTime = kinesis.getShardIterator(r -> r.streamName(name).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.now().minusSeconds(3600))).shardIterator();
        assertThat(read(atTime)).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
        sleep(5);
        Instant afterAll = Instant.now();
        String atNow = kinesis.getShardIterator(r -> r.streamName(name).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(afterAll)).shardIterator();
        kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(bytes("r6")));
        assertThat(read(atNow)).containsExactly("r6");
    }

    private static List<String> read(String iterator) {
        return kinesis.getRecords(r -> r.shardIterator(iterator)).records().stream()
                .map(r -> r.data().asUtf8String()).collect(Collectors.toList());
    }

    @Test
    void iteratorArgumentsAreCheckedAsAwsChecksThem() {
        String name = createActiveStream("iterargs", 2);
        String otherShardSeq = kinesis.putRecord(r -> r.streamName(name).partitionKey("a")
                .explicitHashKey(BigInteger.ONE.shiftLeft(127).add(BigInteger.TEN).toString()).data(bytes("x"))).sequenceNumber();
        assertThatThrownBy(() -> iterator(name, "shardId-000000000000", ShardIteratorType.LATEST, otherShardSeq))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Request specified LATEST and also a StartingSequenceNumber.");
        assertThatThrownBy(() -> iterator(name, "shardId-000000000000", ShardIteratorType.AT_SEQUENCE_NUMBER, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.");
        assertThatThrownBy(() -> iterator(name, "shardId-000000000000", ShardIteratorType.AT_SEQUENCE_NUMBER, otherShardSeq))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call "
                        + "to a shard with shardId-000000000000");
        assertThatThrownBy(() -> iterator(name, "shardId-000000000000", ShardIteratorType.AT_SEQUENCE_NUMBER, "12345"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("is invalid");
        assertThatThrownBy(() -> iterator(name, "shardId-000000000009", ShardIteratorType.TRIM_HORIZON, null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Shard shardId-000000000009 in stream " + name + " under account " + ACCOUNT + " does not exist");
        Instant future = Instant.now().plusSeconds(3600);
        assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName(name).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(future)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. "
                        + "timestampInMillis: " + future.toEpochMilli());
    }

    @Test
    void getRecordsHonoursLimitAndReportsLag() {
        String name = createActiveStream("limit", 1);
        for (int i = 0; i < 25; i++) {
            int n = i;
            kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(bytes("r" + n)));
        }
        sleep(20);
        GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(iterator(name, "shardId-000000000000",
                ShardIteratorType.TRIM_HORIZON, null)).limit(10));
        assertThat(page.records()).hasSize(10);
        assertThat(page.millisBehindLatest()).isPositive();
        String next = page.nextShardIterator();
        GetRecordsResponse rest = kinesis.getRecords(r -> r.shardIterator(next));
        assertThat(rest.records()).hasSize(15);
        assertThat(rest.millisBehindLatest()).isZero();
        assertThat(rest.nextShardIterator()).isNotNull().isNotEqualTo(next);
        GetRecordsResponse empty = kinesis.getRecords(r -> r.shardIterator(rest.nextShardIterator()));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).as("a new iterator on every call, even with no records").isNotNull();
        assertThat(empty.millisBehindLatest()).isZero();
    }

    @Test
    void tamperedIteratorIsRejected() {
        String name = createActiveStream("tamper", 1);
        String it = iterator(name, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
        char[] chars = it.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(new String(chars))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Invalid ShardIterator.");
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator("not-an-iterator")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void iteratorsExpireAfterFiveMinutes() {
        String name = createActiveStream("expire", 1);
        String it = iterator(name, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
        clock.advance(Duration.ofMinutes(4));
        String renewed = kinesis.getRecords(r -> r.shardIterator(it)).nextShardIterator();
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(it)))
                .isInstanceOf(ExpiredIteratorException.class)
                .hasMessageContaining("Iterator expired. The iterator was created at time")
                .hasMessageContaining("which is further in the future than the tolerated delay of 300000 milliseconds.");
        assertThat(kinesis.getRecords(r -> r.shardIterator(renewed)).nextShardIterator()).isNotNull();
    }

    // ------------------------------------------------------------------ retention and tags

    @Test
    void retentionChangesFollowAwsRules() {
        String name = createActiveStream("retention", 1);
        kinesis.increaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(48));
        assertThat(kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().retentionPeriodHours()).isEqualTo(48);
        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(30)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Requested retention period (30 hours) for stream " + name
                        + " can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.");
        assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(9000)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Maximum allowed retention period is 8760 hours. Requested retention period (9000 hours) is too long.");
        assertThatThrownBy(() -> kinesis.decreaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(12)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.");
        kinesis.decreaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(24));
        assertThat(kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().retentionPeriodHours()).isEqualTo(24);
    }

    @Test
    void recordsPastRetentionDisappear() {
        String name = createActiveStream("expiry", 1);
        kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(bytes("old")));
        clock.advance(Duration.ofHours(25));
        server.streams().retention().applyRetention();
        kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(bytes("new")));
        assertThat(read(iterator(name, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null))).containsExactly("new");
    }

    @Test
    void tagsCanBeAddedListedPagedAndRemoved() {
        String name = createActiveStream("tags", 1);
        kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("team", "unicorns", "env", "lab", "cost", "")));
        List<Tag> tags = kinesis.listTagsForStream(r -> r.streamName(name)).tags();
        assertThat(tags).extracting(Tag::key).containsExactly("cost", "env", "team");
        assertThat(tags).extracting(Tag::value).containsExactly("", "lab", "unicorns");
        var page = kinesis.listTagsForStream(r -> r.streamName(name).limit(2));
        assertThat(page.hasMoreTags()).isTrue();
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name).exclusiveStartTagKey("env")).tags())
                .extracting(Tag::key).containsExactly("team");
        kinesis.removeTagsFromStream(r -> r.streamName(name).tagKeys("env", "absent"));
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name)).tags()).extracting(Tag::key).containsExactly("cost", "team");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 49; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName(name).tags(many)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("cannot have more than 50 tags");
    }

    @Test
    void describeLimitsCountsOpenShards() {
        int before = kinesis.describeLimits().openShardCount();
        createActiveStream("limits", 3);
        var limits = kinesis.describeLimits();
        assertThat(limits.shardLimit()).isEqualTo(500);
        assertThat(limits.openShardCount()).isEqualTo(before + 3);
        assertThat(limits.onDemandStreamCountLimit()).isEqualTo(50);
    }

    @Test
    void operationsBeyondTheApiModelOfThisServerAreUnknownOperations() {
        assertThatThrownBy(() -> kinesis.listChannels(r -> r.maxResults(1)))
                .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("UnknownOperationException"));
    }

    // ------------------------------------------------------------------ durability

    @Test
    void streamsAndRecordsSurviveARestart() {
        String name = createActiveStream("restart", 2);
        kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("kept", "yes")));
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            written.add(kinesis.putRecord(r -> r.streamName(name).partitionKey("k" + n).data(bytes("v" + n))).sequenceNumber());
        }
        fixture.restart();
        server = fixture.server();
        kinesis = fixture.kinesis;
        assertThat(kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus())
                .isEqualTo(StreamStatus.ACTIVE);
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name)).tags()).extracting(Tag::key).contains("kept");
        List<String> read = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(name)).shards()) {
            readAll(name, shard.shardId()).forEach(r -> read.add(r.sequenceNumber()));
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(written);
        PutRecordResponse after = kinesis.putRecord(r -> r.streamName(name).partitionKey("k0").data(bytes("after")));
        assertThat(new BigInteger(after.sequenceNumber())).isGreaterThan(new BigInteger(written.get(0)));
    }
}
