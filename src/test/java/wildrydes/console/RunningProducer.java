package wildrydes.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.producer.Producer;

/** The lab's producer in process: Shadowfax, two readings a second through the AWS SDK, for two minutes at most. */
final class RunningProducer {
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private RunningProducer(String endpointUrl, String stream) {
        KinesisEndpoint endpoint = new KinesisEndpoint(URI.create(endpointUrl), Region.US_EAST_1, false);
        Producer.Settings settings = new Producer.Settings(stream, List.of("Shadowfax"), 2, 0, Duration.ofMinutes(2));
        thread = new Thread(() -> {
            try (KinesisClient client = endpoint.client()) {
                new Producer(client, endpoint, settings, DISCARD, DISCARD).run(stop);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "console-test-producer");
        thread.setDaemon(true);
    }

    static RunningProducer start(String endpointUrl, String stream) {
        RunningProducer producer = new RunningProducer(endpointUrl, stream);
        producer.thread.start();
        return producer;
    }

    /** Stops it and checks that it never failed. */
    void stop() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
        assertThat(thread.isAlive()).as("producer stopped").isFalse();
        assertThat(failure.get()).as("producer failure").isNull();
    }
}
