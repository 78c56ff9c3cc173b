package wildrydes.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;
import wildrydes.lab.consumer.Consumer;
import wildrydes.lab.consumer.OutputFormat;
import wildrydes.lab.consumer.RecordFormatter;
import wildrydes.lab.tail.EnhancedFanOut;
import wildrydes.lab.tail.StartPosition;

@Command(name = "consumer", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Tails a Kinesis stream: reads every shard concurrently and prints each record as JSON indented with "
            + "4 spaces.", "Follows resharding and takes KPL aggregates apart; works against the local server and, with "
            + "-endpoint aws, against Amazon Kinesis."})
final class ConsumerCommand implements Callable<Integer> {
    @Mixin
    LabOptions lab;

    @Option(names = {"-from", "--from"}, defaultValue = "latest", paramLabel = "POSITION",
            description = "Where to start: latest, trim-horizon, an ISO-8601 time (2026-11-26T10:15:00Z), a duration ago "
                    + "(15m) or a sequence number (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = {"-max", "--max"}, defaultValue = "0", description = "Stop after this many records; 0 for no limit.")
    long max;

    @Option(names = {"-timeout", "--timeout"}, converter = LabOptions.DurationConverter.class,
            description = "Stop after this long without a new record, e.g. 10s.")
    Duration timeout;

    @Option(names = {"-format", "--format"}, defaultValue = "pretty",
            description = "pretty (4-space indented JSON), line (one compact JSON per line), raw (data as is) or base64 "
                    + "(default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = {"-meta", "--meta"}, description = "Add shard, sequence number (and sub-sequence number for a record of a "
            + "KPL aggregate), partition key and arrival time.")
    boolean meta;

    @Option(names = {"-raw-aggregates", "--raw-aggregates"},
            description = "Print records written by the Kinesis Producer Library in its aggregate format as they are, one per "
                    + "Kinesis record, instead of each user record they hold.")
    boolean rawAggregates;

    @Option(names = {"-lag", "--lag"}, description = "Report MillisBehindLatest of each shard on stderr every 5 s.")
    boolean lag;

    @Option(names = {"-efo", "--efo"}, paramLabel = "NAME",
            description = "Read with enhanced fan-out through the registered stream consumer NAME (registered if needed): "
                    + "records are pushed over HTTP/2 (SubscribeToShard) instead of polled.")
    String efo;

    @Override
    public Integer call() {
        StartPosition start;
        try {
            start = StartPosition.parse(from, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            System.err.println("consumer: " + e.getMessage());
            return 2;
        }
        KinesisEndpoint endpoint = lab.resolveEndpoint();
        StopSignal signal = new StopSignal("consumer", 5);
        AtomicBoolean stop = signal.flag();
        try (KinesisClient kinesis = endpoint.client();
             KinesisAsyncClient async = efo == null ? null : endpoint.asyncClient()) {
            Explain.requireStream(kinesis, endpoint, lab.stream);
            EnhancedFanOut fanOut = null;
            if (async != null) {
                try {
                    fanOut = EnhancedFanOut.prepare(kinesis, async, lab.stream, efo, notice -> System.err.println("consumer: " + notice));
                } catch (RuntimeException e) {
                    throw Explain.explain(e, endpoint, lab.stream);
                }
            }
            Consumer consumer = new Consumer(kinesis, endpoint, new Consumer.Settings(lab.stream, start, max, timeout,
                    new RecordFormatter(format, meta), lag, !rawAggregates), System.out, System.err, fanOut);
            consumer.run(stop);
            return 0;
        } catch (LabException e) {
            System.err.println("consumer: " + e.getMessage());
            return 1;
        } finally {
            signal.close();
        }
    }
}
