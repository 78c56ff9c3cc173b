package wildrydes.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;
import wildrydes.testing.TestKeys;

/**
 * Each access key acts for its account: two accounts with a stream of the same name never see each
 * other's streams, records, consumers or iterators; ARNs and messages carry the account. On disk the
 * default account keeps the layout of a server without credentials (so its data opens as it is) and
 * every other account lives under accounts/ID/.
 */
class AccountIsolationTest {
    @TempDir
    Path dir;

    KinesisServer start(boolean credentials) {
        ServerConfig config = ServerConfig.defaults().withPort(0).withStateChangeMillis(0).withDataDir(dir.resolve("data"));
        return KinesisServer.start(credentials ? config.withCredentials(TestKeys.ALL) : config);
    }

    static String put(KinesisClient client, String stream, String data) {
        return client.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String(data))).sequenceNumber();
    }

    static String iterator(KinesisClient client, String stream) {
        return client.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    @Test
    void twoAccountsCannotSeeEachOthersStreams() {
        try (KinesisServer server = start(true);
             KinesisClient alice = TestKeys.kinesis(server.endpoint(), TestKeys.ALICE);
             KinesisClient bob = TestKeys.kinesis(server.endpoint(), TestKeys.BOB)) {
            alice.createStream(r -> r.streamName("wildrydes").shardCount(1));
            alice.createStream(r -> r.streamName("alice-only").shardCount(1));
            bob.createStream(r -> r.streamName("wildrydes").shardCount(2));
            put(alice, "wildrydes", "from alice");
            put(bob, "wildrydes", "from bob");

            assertThat(alice.listStreams().streamNames()).containsExactly("alice-only", "wildrydes");
            assertThat(bob.listStreams().streamNames()).containsExactly("wildrydes");
            String bobsArn = bob.describeStreamSummary(r -> r.streamName("wildrydes")).streamDescriptionSummary().streamARN();
            assertThat(bobsArn).isEqualTo("arn:aws:kinesis:us-east-1:222222222222:stream/wildrydes");
            assertThat(alice.describeStreamSummary(r -> r.streamName("wildrydes")).streamDescriptionSummary().openShardCount())
                    .isEqualTo(1);

            assertThatThrownBy(() -> bob.describeStreamSummary(r -> r.streamName("alice-only")))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("under account 222222222222");
            assertThatThrownBy(() -> alice.describeStreamSummary(r -> r.streamARN(bobsArn)))
                    .isInstanceOf(software.amazon.awssdk.services.kinesis.model.KinesisException.class);
            assertThatThrownBy(() -> alice.putRecord(r -> r.streamARN(bobsArn).partitionKey("k")
                    .data(SdkBytes.fromUtf8String("sneaky")))).isInstanceOf(software.amazon.awssdk.services.kinesis.model.KinesisException.class);

            assertThat(alice.getRecords(r -> r.shardIterator(iterator(alice, "wildrydes"))).records())
                    .extracting(record -> record.data().asUtf8String()).containsExactly("from alice");
            String alicesIterator = iterator(alice, "wildrydes");
            assertThatThrownBy(() -> bob.getRecords(r -> r.shardIterator(alicesIterator)))
                    .isInstanceOf(InvalidArgumentException.class);

            String aliceStreamArn = alice.describeStreamSummary(r -> r.streamName("wildrydes")).streamDescriptionSummary().streamARN();
            String consumerArn = alice.registerStreamConsumer(r -> r.streamARN(aliceStreamArn).consumerName("dashboard"))
                    .consumer().consumerARN();
            assertThat(consumerArn).startsWith("arn:aws:kinesis:us-east-1:111111111111:stream/wildrydes/consumer/dashboard:");
            assertThatThrownBy(() -> bob.describeStreamConsumer(r -> r.consumerARN(consumerArn)))
                    .isInstanceOf(software.amazon.awssdk.services.kinesis.model.KinesisException.class);
            assertThat(bob.listStreamConsumers(r -> r.streamARN(bobsArn)).consumers()).isEmpty();

            assertThat(server.streams("111111111111").registry().streams()).hasSize(2);
            assertThat(server.streams("222222222222").registry().streams()).hasSize(1);
            assertThat(server.streams().registry().streams()).isEmpty();
        }
    }

    @Test
    void theDefaultAccountKeepsTheDataOfAServerThatRanWithoutCredentials() throws IOException {
        try (KinesisServer anonymous = start(false);
             KinesisClient anyone = TestKeys.kinesis(anonymous.endpoint(), TestKeys.provider("test", "test"))) {
            anyone.createStream(r -> r.streamName("before-credentials").shardCount(1));
            put(anyone, "before-credentials", "kept");
        }
        try (KinesisServer shared = start(true);
             KinesisClient carol = TestKeys.kinesis(shared.endpoint(), TestKeys.CAROL);
             KinesisClient alice = TestKeys.kinesis(shared.endpoint(), TestKeys.ALICE)) {
            assertThat(carol.listStreams().streamNames()).containsExactly("before-credentials");
            assertThat(carol.getRecords(r -> r.shardIterator(iterator(carol, "before-credentials"))).records())
                    .extracting(record -> record.data().asUtf8String()).containsExactly("kept");
            assertThat(alice.listStreams().streamNames()).isEmpty();
            alice.createStream(r -> r.streamName("alices").shardCount(1));
            put(alice, "alices", "durable");
        }
        Path data = dir.resolve("data");
        assertThat(data.resolve("streams")).isDirectory();
        assertThat(data.resolve("accounts/111111111111/streams")).isDirectory();
        try (Stream<Path> files = Files.walk(data.resolve("accounts/111111111111/streams"))) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".log")).count()).isPositive();
        }
        try (KinesisServer again = start(true);
             KinesisClient alice = TestKeys.kinesis(again.endpoint(), TestKeys.ALICE);
             KinesisClient bob = TestKeys.kinesis(again.endpoint(), TestKeys.BOB)) {
            assertThat(alice.getRecords(r -> r.shardIterator(iterator(alice, "alices"))).records())
                    .extracting(record -> record.data().asUtf8String()).containsExactly("durable");
            assertThat(bob.listStreams().streamNames()).isEmpty();
        }
    }
}
