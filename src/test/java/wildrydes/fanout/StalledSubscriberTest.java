package wildrydes.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import wildrydes.http.ConnectionLimits;
import wildrydes.testing.ServerFixture;

/**
 * A SubscribeToShard subscriber that stops reading holds at most about one event, and is cut off
 * once it has taken nothing for the stall timeout (2 s here, 60 s by default); one that reads
 * slowly but keeps reading is not.
 */
class StalledSubscriberTest {
    static final Duration STALL = Duration.ofSeconds(2);

    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory(c -> c.withConnectionLimits(
            ConnectionLimits.defaults().withTimeouts(Duration.ofMinutes(2), Duration.ofSeconds(60), STALL)));
    static KinesisAsyncClient kinesis;

    @BeforeAll
    static void start() {
        kinesis = AsyncClients.h2c(server.endpoint());
    }

    @AfterAll
    static void stop() {
        kinesis.close();
    }

    static String consumerOf(String stream) throws Exception {
        kinesis.createStream(r -> r.streamName(stream).shardCount(1)).get(10, TimeUnit.SECONDS);
        String arn = kinesis.registerStreamConsumer(r -> r.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/" + stream)
                .consumerName("reader")).get(10, TimeUnit.SECONDS).consumer().consumerARN();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (kinesis.describeStreamConsumer(r -> r.consumerARN(arn)).get().consumerDescription().consumerStatus()
                != ConsumerStatus.ACTIVE) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        return arn;
    }

    static long writeMiB(String stream, int mebibytes) throws Exception {
        byte[] payload = new byte[1024];
        java.util.Arrays.fill(payload, (byte) 's');
        for (int b = 0; b < mebibytes * 4; b++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(payload)).build());
            }
            assertThat(kinesis.putRecords(r -> r.streamName(stream).records(entries)).get(10, TimeUnit.SECONDS).failedRecordCount())
                    .isZero();
        }
        return mebibytes * 1024L * 1024;
    }

    @Test
    void aSubscriberThatTakesNothingIsCutOffAfterTheStallTimeout() throws Exception {
        String arn = consumerOf("stalled");
        long written = writeMiB("stalled", 3);
        try (RawEventStream stalled = RawEventStream.open(server.port(), "application/x-amz-json-1.1",
                EventStreamOverHttp11Test.subscribeJson(arn, "TRIM_HORIZON"), 4096)) {
            Thread.sleep(STALL.toMillis() * 2 + 500); // reads nothing meanwhile
            stalled.socket.setSoTimeout(15_000);
            InputStream in = stalled.socket.getInputStream();
            long started = System.nanoTime();
            long received = in.transferTo(java.io.OutputStream.nullOutputStream()); // until the server has closed
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(received).as("bytes the subscriber got before it was cut off").isPositive().isLessThan(written);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.server().eventStreamQueuedBytes() > 0) {
            assertThat(System.nanoTime()).as("queued event bytes released").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aSubscriberThatReadsSlowlyIsNotCutOff() throws Exception {
        String arn = consumerOf("slow");
        writeMiB("slow", 1);
        try (RawEventStream slow = RawEventStream.open(server.port(), "application/x-amz-json-1.1",
                EventStreamOverHttp11Test.subscribeJson(arn, "TRIM_HORIZON"), 4096)) {
            InputStream in = slow.socket.getInputStream();
            byte[] sip = new byte[4096];
            long received = 0;
            long until = System.nanoTime() + STALL.toNanos() * 3;
            while (System.nanoTime() < until) {
                int n = in.read(sip);
                assertThat(n).as("still connected after %d bytes", received).isPositive();
                received += n;
                Thread.sleep(100); // about 40 KB/s: far slower than the server would send
            }
            assertThat(received).isPositive();
        }
    }
}
