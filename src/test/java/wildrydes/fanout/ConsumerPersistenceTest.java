package wildrydes.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/** Registered consumers are durable: a restart keeps them (ACTIVE, same ARN), and a deleted stream takes them along. */
class ConsumerPersistenceTest {
    @TempDir
    Path dataDir;

    @Test
    void consumersSurviveARestartAndGoWithTheirStream() throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dataDir).withStateChangeMillis(60_000);
        String streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/rides";
        Consumer registered;
        try (KinesisServer server = KinesisServer.start(config.withStateChangeMillis(0));
             KinesisAsyncClient kinesis = AsyncClients.h2c(server.endpoint())) {
            kinesis.createStream(r -> r.streamName("rides").shardCount(1)).get(10, TimeUnit.SECONDS);
            kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("ACTIVE-before")).get(10, TimeUnit.SECONDS);
        }
        try (KinesisServer server = KinesisServer.start(config);
             KinesisAsyncClient kinesis = AsyncClients.h2c(server.endpoint())) {
            registered = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("creating-at-crash"))
                    .get(10, TimeUnit.SECONDS).consumer();
            assertThat(registered.consumerStatus()).isEqualTo(ConsumerStatus.CREATING); // for a minute
        }

        try (KinesisServer server = KinesisServer.start(config);
             KinesisAsyncClient kinesis = AsyncClients.h2c(server.endpoint())) {
            var consumers = kinesis.listStreamConsumers(r -> r.streamARN(streamArn)).get(10, TimeUnit.SECONDS).consumers();
            assertThat(consumers).extracting(Consumer::consumerName).containsExactly("ACTIVE-before", "creating-at-crash");
            assertThat(consumers).allSatisfy(c -> assertThat(c.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE));
            Consumer again = consumers.get(1);
            assertThat(again.consumerARN()).isEqualTo(registered.consumerARN());
            assertThat(again.consumerCreationTimestamp()).isEqualTo(registered.consumerCreationTimestamp());
            assertThat(kinesis.describeStreamSummary(r -> r.streamName("rides")).get(10, TimeUnit.SECONDS)
                    .streamDescriptionSummary().consumerCount()).isEqualTo(2);

            kinesis.deleteStream(r -> r.streamName("rides").enforceConsumerDeletion(true)).get(10, TimeUnit.SECONDS);
        }
        try (KinesisServer server = KinesisServer.start(config.withStateChangeMillis(0));
             KinesisAsyncClient kinesis = AsyncClients.h2c(server.endpoint())) {
            kinesis.createStream(r -> r.streamName("rides").shardCount(1)).get(10, TimeUnit.SECONDS);
            assertThat(kinesis.listStreamConsumers(r -> r.streamARN(streamArn)).get(10, TimeUnit.SECONDS).consumers()).isEmpty();
            var describe = kinesis.describeStreamConsumer(r -> r.consumerARN(registered.consumerARN()));
            assertThat(describe).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                    .havingCause().isInstanceOf(ResourceNotFoundException.class);
        }
    }
}
