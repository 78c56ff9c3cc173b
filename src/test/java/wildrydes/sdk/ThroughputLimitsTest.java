package wildrydes.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.testing.TestClock;

/** --enforce-limits: the per-shard limits of AWS, so that users can test their retry logic. */
class ThroughputLimitsTest {
    /** Stopped by the tests that need a burst to fall in one second however slow the machine is. */
    static final TestClock clock = TestClock.system();
    @RegisterExtension
    static final SdkServer server = SdkServer.durable(config -> config.withLimits(true, 0).withClock(clock));
    static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        kinesis = server.kinesis;
    }

    @AfterEach
    void runTheClock() {
        clock.thaw();
    }

    /** Waits for the start of a wall-clock second, so that calls under the limit fall in a fresh second. */
    static void startOfSecond() {
        long now = clock.millis();
        KinesisApiContract.sleep(1000 - now % 1000 + 5);
    }

    @Test
    void writesOverAThousandRecordsASecondAreThrottledWithAwsError() {
        String stream = server.createActiveStream("throttled", 1);
        clock.freeze();
        List<PutRecordsResultEntry> results = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromUtf8String("x")).build());
            }
            results.addAll(kinesis.putRecords(r -> r.streamName(stream).records(entries)).records());
        }
        List<PutRecordsResultEntry> refused = results.stream().filter(r -> r.errorCode() != null).toList();
        assertThat(refused).isNotEmpty().allSatisfy(r -> {
            assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(r.errorMessage()).isEqualTo("Rate exceeded for shard shardId-000000000000 in stream " + stream
                    + " under account 000000000000.");
        });
        assertThat(results.size() - refused.size()).as("1,000 records a second are accepted").isEqualTo(1000);
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("x")))).isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageContaining("Rate exceeded for shard shardId-000000000000");
    }

    @Test
    void underTheLimitNothingIsThrottled() {
        String stream = server.createActiveStream("calm", 1);
        for (int second = 0; second < 3; second++) {
            startOfSecond();
            for (int i = 0; i < 100; i++) {
                kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("x")));
            }
            String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            kinesis.getRecords(r -> r.shardIterator(it));
        }
    }

    @Test
    void moreThanFiveGetRecordsCallsASecondAreThrottled() {
        String stream = server.createActiveStream("reads", 1);
        String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        clock.freeze();
        for (int i = 0; i < 5; i++) {
            kinesis.getRecords(r -> r.shardIterator(it));
        }
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(it)))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
    }

    @Test
    void aBusyOnDemandStreamGrowsItsShards() {
        String stream = "ondemand-busy";
        kinesis.createStream(r -> r.streamName(stream).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        server.awaitStatus(stream, StreamStatus.ACTIVE);
        long deadline = System.nanoTime() + 20_000_000_000L;
        int open = 4;
        while (open == 4 && System.nanoTime() < deadline) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("hot").data(SdkBytes.fromUtf8String("x")).build());
            }
            kinesis.putRecords(r -> r.streamName(stream).records(entries));
            open = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().openShardCount();
        }
        // A slow machine may see a second split before it looks: what matters is that the busy shard split.
        assertThat(open).as("a shard kept over 80 %% of its write limit is split").isGreaterThanOrEqualTo(5);
        assertThat(kinesis.listShards(r -> r.streamName(stream)).shards())
                .anySatisfy(shard -> assertThat(shard.parentShardId()).isNotNull());
    }
}
