package wildrydes.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;
import wildrydes.lab.producer.Producer;

@Command(name = "producer", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Sends a unicorn's sensor reading every second to a Kinesis stream, one '.' per successful put.",
            "Works against the local server and, with -endpoint aws, against Amazon Kinesis."})
final class ProducerCommand implements Callable<Integer> {
    @Option(names = {"-name", "--name"}, defaultValue = "Shadowfax", description = "The unicorn's name, used as partition key (default: ${DEFAULT-VALUE}).")
    String name;

    @Mixin
    LabOptions lab;

    @Option(names = {"-rate", "--rate"}, defaultValue = "1", description = "Readings per second per unicorn; each is one simulated second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = {"-count", "--count"}, defaultValue = "0", description = "Stop after this many readings per unicorn; 0 for no limit.")
    long count;

    @Option(names = {"-duration", "--duration"}, converter = LabOptions.DurationConverter.class,
            description = "Stop after this long, e.g. 30s, 5m, 1h.")
    Duration duration;

    @Option(names = {"-fleet", "--fleet"}, defaultValue = "1",
            description = "Simulate this many unicorns (NAME, NAME-2, ...); a fleet is sent with PutRecords (default: ${DEFAULT-VALUE}).")
    int fleet;

    @Override
    public Integer call() {
        if (rate <= 0 || fleet < 1 || count < 0) {
            System.err.println("producer: -rate must be above 0, -fleet at least 1 and -count not negative.");
            return 2;
        }
        KinesisEndpoint endpoint = lab.resolveEndpoint();
        StopSignal signal = new StopSignal("producer", 5);
        AtomicBoolean stop = signal.flag();
        try (KinesisClient kinesis = endpoint.client()) {
            Explain.requireStream(kinesis, endpoint, lab.stream);
            Producer producer = new Producer(kinesis, endpoint,
                    new Producer.Settings(lab.stream, Producer.fleet(name, fleet), rate, count, duration), System.out, System.err);
            Producer.Summary summary = producer.run(stop);
            System.out.println();
            System.err.println(summary.describe(fleet));
            return summary.failed() == 0 ? 0 : 1;
        } catch (LabException e) {
            System.out.flush();
            System.err.println("\nproducer: " + e.getMessage());
            return 1;
        } finally {
            signal.close();
        }
    }
}
