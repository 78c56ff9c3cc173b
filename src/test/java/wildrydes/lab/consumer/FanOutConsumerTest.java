package wildrydes.lab.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.tail.EnhancedFanOut;
import wildrydes.lab.tail.StartPosition;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;
import wildrydes.stream.SubscriptionTiming;

/** The consumer's -efo mode against the server: registers its consumer, renews subscriptions, follows a split. */
class FanOutConsumerTest {

    @Test
    void readsThroughARegisteredConsumerAcrossRenewalsAndASplitWithoutGapsOrDuplicates() throws Exception {
        try (KinesisServer server = KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory().withStateChangeMillis(200))) {
            server.streams().consumers().timing(new SubscriptionTiming(Duration.ofMillis(700), Duration.ofMillis(200)));
            KinesisEndpoint endpoint = KinesisEndpoint.resolve(server.endpoint(), "us-east-1", Map.of());
            try (KinesisClient kinesis = endpoint.client(); KinesisAsyncClient async = endpoint.asyncClient()) {
                kinesis.createStream(r -> r.streamName("rides").shardCount(1));
                awaitActive(kinesis);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                EnhancedFanOut fanOut = EnhancedFanOut.prepare(kinesis, async, "rides", "dashboard",
                        new PrintStream(err, true, StandardCharsets.UTF_8));
                assertThat(kinesis.describeStreamConsumer(r -> r.consumerARN(fanOut.consumerArn())).consumerDescription()
                        .consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("registered enhanced fan-out consumer dashboard");
                int total = 60;
                Consumer consumer = new Consumer(kinesis, endpoint, new Consumer.Settings("rides",
                        new StartPosition(ShardIteratorType.TRIM_HORIZON, null, null), total, Duration.ofSeconds(20),
                        new RecordFormatter(OutputFormat.RAW, false), false),
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                        fanOut);
                AtomicBoolean stop = new AtomicBoolean();
                CompletableFuture<Long> reading = CompletableFuture.supplyAsync(() -> consumer.run(stop));

                List<String> written = new ArrayList<>();
                for (int i = 0; i < total; i++) {
                    if (i == total / 2) {
                        kinesis.splitShard(r -> r.streamName("rides").shardToSplit("shardId-000000000000")
                                .newStartingHashKey("170141183460469231731687303715884105728"));
                        awaitActive(kinesis);
                    }
                    String data = "ride-" + i;
                    kinesis.putRecord(r -> r.streamName("rides").partitionKey("unicorn-" + data).data(SdkBytes.fromUtf8String(data)));
                    written.add(data);
                    Thread.sleep(40); // spread over several 0.7 s subscriptions
                }
                long printed = reading.get(60, TimeUnit.SECONDS);

                List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
                assertThat(printed).isEqualTo(total);
                assertThat(lines).as("stderr: %s", err).containsExactlyInAnyOrderElementsOf(written);
                assertThat(lines.subList(0, total / 2)).containsExactlyElementsOf(written.subList(0, total / 2));
            }
        }
    }

    private static void awaitActive(KinesisClient kinesis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (kinesis.describeStreamSummary(r -> r.streamName("rides")).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
