package wildrydes.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.archive.Archive;
import wildrydes.lab.archive.ArchiveSettings;
import wildrydes.lab.archive.Compression;
import wildrydes.lab.archive.DeliveryStep;
import wildrydes.lab.archive.LakeLayout;
import wildrydes.lab.archive.ObjectFormat;
import wildrydes.lab.common.Durations;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;
import wildrydes.lab.tail.EnhancedFanOut;
import wildrydes.lab.tail.StartPosition;

@Command(name = "archive", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Delivers a stream to the data lake as Amazon Data Firehose delivers one to Amazon S3: objects under "
            + "DIR/NAME/YYYY/MM/DD/HH/ named NAME-1-YYYY-MM-DD-HH-MM-SS-UUID, records' bytes concatenated.",
            "Reads from the start the first time, then from its checkpoint in the lake; every record lands in exactly one "
                + "object, even after kill -9. Query the lake with ./wildrydes query."})
final class ArchiveCommand implements Callable<Integer> {
    @Mixin
    LabOptions lab;

    @Option(names = {"-to", "--to"}, paramLabel = "DIR",
            description = "The lake folder (default: ~/.wildrydes/lake, beside the server's default data directory).")
    Path to;

    @Option(names = {"-name", "--name"}, paramLabel = "NAME",
            description = "The delivery stream's name: its folder in the lake and the objects' prefix (default: the stream's name).")
    String name;

    @Option(names = {"-buffer-interval", "--buffer-interval"}, defaultValue = "60", paramLabel = "SECONDS",
            description = "Deliver when the oldest buffered record has waited this long: 0 to 900 seconds, e.g. 60 or 60s "
                    + "(default: ${DEFAULT-VALUE}, as in the lab).")
    String bufferInterval;

    @Option(names = {"-buffer-size", "--buffer-size"}, defaultValue = "5", paramLabel = "MIB",
            description = "Deliver when the buffer holds this many MiB, 1 to 128 (default: ${DEFAULT-VALUE}); whichever comes first.")
    int bufferSizeMib;

    @Option(names = {"-format", "--format"}, defaultValue = "json", paramLabel = "json|parquet",
            description = "json: the records' bytes as they are; parquet: converted to Parquet (default: ${DEFAULT-VALUE}).")
    ObjectFormat format;

    @Option(names = {"-compression", "--compression"}, paramLabel = "none|gzip|snappy",
            description = "json: none (default) or gzip (.gz); parquet: the codec inside the file, snappy (default), gzip or none.")
    String compression;

    @Option(names = {"-schema", "--schema"}, paramLabel = "COLUMNS",
            description = "Parquet columns, e.g. \"Name VARCHAR, StatusTime TIMESTAMP, Distance DOUBLE\" (default: inferred "
                    + "from each delivery's records).")
    String schema;

    @Option(names = {"-from", "--from"}, defaultValue = "trim-horizon", paramLabel = "POSITION",
            description = "Where the first run starts: trim-horizon, latest or a time (default: ${DEFAULT-VALUE}); later runs "
                    + "resume from the checkpoint.")
    String from;

    @Option(names = {"-timeout", "--timeout"}, converter = LabOptions.DurationConverter.class,
            description = "Deliver what is buffered and stop after this long without a new record, e.g. 30s.")
    Duration timeout;

    @Option(names = {"-efo", "--efo"}, paramLabel = "NAME",
            description = "Read with enhanced fan-out through the registered stream consumer NAME (registered if needed).")
    String efo;

    @Override
    public Integer call() {
        ArchiveSettings settings;
        try {
            Duration interval = bufferInterval.trim().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(bufferInterval.trim()))
                    : Durations.parse(bufferInterval);
            Compression chosen = compression != null ? Compression.parse(compression)
                    : format == ObjectFormat.PARQUET ? Compression.SNAPPY : Compression.NONE;
            settings = new ArchiveSettings(lab.stream, name == null ? lab.stream : name, to == null ? LakeLayout.defaultLake() : to,
                    interval, (long) bufferSizeMib * ArchiveSettings.MIB, format, chosen, schema,
                    StartPosition.parse(from, Clock.systemUTC()), timeout);
        } catch (IllegalArgumentException | ArithmeticException e) {
            System.err.println("archive: " + e.getMessage());
            return 2;
        }
        KinesisEndpoint endpoint = lab.resolveEndpoint();
        StopSignal signal = new StopSignal("archive", 60);
        AtomicBoolean stop = signal.flag();
        try (KinesisClient kinesis = endpoint.client();
             KinesisAsyncClient async = efo == null ? null : endpoint.asyncClient()) {
            Explain.requireStream(kinesis, endpoint, lab.stream);
            EnhancedFanOut fanOut = null;
            if (async != null) {
                try {
                    fanOut = EnhancedFanOut.prepare(kinesis, async, lab.stream, efo, notice -> System.err.println("archive: " + notice));
                } catch (RuntimeException e) {
                    throw Explain.explain(e, endpoint, lab.stream);
                }
            }
            Archive archive = new Archive(kinesis, endpoint, settings, System.err, fanOut,
                    DeliveryStep.haltAt(System.getenv("WILDRYDES_ARCHIVE_HALT_AT")));
            Archive.Summary summary = archive.run(stop);
            System.err.printf("archive: delivered %,d records (%,d bytes) in %,d object%s this run%s; the lake holds %,d records "
                    + "in %,d object%s from %s%n", summary.records(), summary.bytes(), summary.objects(), summary.objects() == 1 ? "" : "s",
                    summary.rate(), summary.total().records(), summary.total().objects(), summary.total().objects() == 1 ? "" : "s",
                    lab.stream);
            return 0;
        } catch (LabException e) {
            System.err.println("archive: " + e.getMessage());
            return 1;
        } finally {
            signal.close();
        }
    }
}
