package wildrydes.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;
import wildrydes.lab.consumer.Consumer;
import wildrydes.lab.consumer.OutputFormat;
import wildrydes.lab.consumer.RecordFormatter;
import wildrydes.lab.producer.Producer;
import wildrydes.lab.tail.StartPosition;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;
import wildrydes.server.ServerStartException;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Runs the whole Wild Rydes streaming lab in one command: starts the server (unless one already "
            + "answers), creates the stream 'wildrydes', starts the unicorns Shadowfax and Bucephalus and shows what the "
            + "consumer reads.", "Ctrl+C stops everything; the data stays on disk."})
final class DemoCommand implements Callable<Integer> {
    private static final String STREAM = "wildrydes";
    private static final List<String> UNICORNS = List.of("Shadowfax", "Bucephalus");

    @Option(names = {"-duration", "--duration"}, converter = LabOptions.DurationConverter.class,
            description = "Stop by itself after this long, e.g. 30s.")
    Duration duration;

    @Option(names = {"-endpoint", "--endpoint"}, paramLabel = "URL",
            description = "Use the Kinesis server at this URL instead of starting one (default: " + KinesisEndpoint.LOCAL + ").")
    String endpoint;

    @Option(names = {"-port", "--port"}, defaultValue = "4567",
            description = "Port of the embedded server when one is started; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-data-dir", "--data-dir"}, description = "Data directory of the embedded server (default: ~/.wildrydes/data).")
    Path dataDir;

    @Option(names = {"-shards", "--shards"}, defaultValue = "1",
            description = "Shards of the stream when the demo creates it (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = {"-format", "--format"}, defaultValue = "pretty", description = "How records are shown: pretty, line, raw "
            + "or base64 (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws InterruptedException {
        if (shards < 1) {
            System.err.println("demo: -shards must be at least 1.");
            return 2;
        }
        System.setProperty("org.slf4j.simpleLogger.log.wildrydes", "warn"); // the server's own log would drown the records
        PrintStream out = System.out;
        KinesisServer server = null;
        StopSignal signal = new StopSignal("demo", 10);
        AtomicBoolean stop = signal.flag();
        try {
            KinesisEndpoint target = KinesisEndpoint.resolve(endpoint == null ? "http://127.0.0.1:" + port : endpoint,
                    "us-east-1", System.getenv());
            String origin = "already running";
            if (endpoint == null && (port == 0 || !answers(target))) {
                server = startServer();
                target = new KinesisEndpoint(URI.create(server.endpoint()), Region.US_EAST_1, false);
                origin = "started here, data in " + server.config().dataDir().toAbsolutePath();
            }
            try (KinesisClient kinesis = target.client()) {
                ensureStream(kinesis, target);
                int openShards = kinesis.describeStreamSummary(r -> r.streamName(STREAM)).streamDescriptionSummary().openShardCount();
                header(out, target, origin, openShards);
                return runLab(kinesis, target, stop);
            }
        } catch (LabException | ServerStartException e) {
            System.err.println("demo: " + e.getMessage());
            return 1;
        } finally {
            if (server != null) {
                server.close();
            }
            signal.close();
        }
    }

    private static boolean answers(KinesisEndpoint target) {
        try (KinesisClient probe = target.client()) {
            probe.listStreams(r -> r.limit(1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private KinesisServer startServer() {
        ServerConfig config = ServerConfig.defaults().withPort(port)
                .withDataDir(dataDir == null ? ServerConfig.defaultDataDir() : dataDir);
        return KinesisServer.start(config);
    }

    private void ensureStream(KinesisClient kinesis, KinesisEndpoint target) {
        try {
            kinesis.describeStreamSummary(r -> r.streamName(STREAM));
        } catch (ResourceNotFoundException missing) {
            kinesis.createStream(r -> r.streamName(STREAM).shardCount(shards));
        } catch (RuntimeException e) {
            throw Explain.explain(e, target, STREAM);
        }
        Explain.requireStream(kinesis, target, STREAM);
    }

    private void header(PrintStream out, KinesisEndpoint target, String origin, int open) {
        String url = target.uri().toString();
        out.println("Wild Rydes demo: the real-time streaming lab in one command");
        out.println("  Kinesis   " + url + " (" + origin + ")");
        out.println("  Stream    " + STREAM + ", ACTIVE, " + open + (open == 1 ? " shard" : " shards"));
        out.println("  Unicorns  " + String.join(" and ", UNICORNS) + " each send a reading every second");
        out.println("  Below     every record the consumer reads" + (duration == null ? "; Ctrl+C stops" : ", for " + duration.toSeconds() + " s"));
        out.println("In another terminal:");
        out.println("  ./producer -name Rocinante -endpoint " + url + "     (a third unicorn)");
        out.println("  ./consumer -format line -endpoint " + url);
        out.println("  aws --endpoint-url " + url + " kinesis describe-stream-summary --stream-name " + STREAM);
        out.println();
        out.flush();
    }

    private int runLab(KinesisClient kinesis, KinesisEndpoint target, AtomicBoolean stop) throws InterruptedException {
        StartPosition fromNow = new StartPosition(software.amazon.awssdk.services.kinesis.model.ShardIteratorType.AT_TIMESTAMP,
                Clock.systemUTC().instant().minusMillis(1), null);
        Consumer consumer = new Consumer(kinesis, target, new Consumer.Settings(STREAM, fromNow, 0, null,
                new RecordFormatter(format, false), false), System.out, System.err);
        PrintStream noDots = new PrintStream(PrintStream.nullOutputStream());
        AtomicBoolean stopProducers = new AtomicBoolean();
        try (ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Long> reading = tasks.submit(() -> consumer.run(stop));
            List<Future<Producer.Summary>> producers = UNICORNS.stream().map(name -> tasks.submit(() ->
                    new Producer(kinesis, target, new Producer.Settings(STREAM, List.of(name), 1, 0, null), noDots, System.err)
                            .run(stopProducers))).toList();
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (!stop.get() && System.nanoTime() < deadline && !reading.isDone()) {
                Thread.sleep(100);
            }
            stopProducers.set(true);
            long sent = 0;
            for (Future<Producer.Summary> producer : producers) {
                sent += result(producer).sent();
            }
            // Let the consumer show the last readings before it stops too.
            long drainUntil = System.nanoTime() + 2_000_000_000L;
            while (consumer.printed() < sent && System.nanoTime() < drainUntil && !reading.isDone()) {
                Thread.sleep(50);
            }
            stop.set(true);
            long read = result(reading);
            System.err.println("demo: the unicorns sent " + sent + " readings, the consumer printed " + read
                    + ". The data stays in the stream.");
            return 0;
        }
    }

    private static <T> T result(Future<T> future) throws InterruptedException {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new LabException("a demo task did not stop within 15 s");
        }
    }
}
