package wildrydes.lab.archive;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;
import wildrydes.lab.tail.EnhancedFanOut;
import wildrydes.lab.tail.StreamTail;
import wildrydes.lab.tail.TailStatus;

/**
 * {@code wildrydes archive}: delivers a stream to the lake as Firehose delivers one to Amazon S3.
 * Reads every shard with the lab's {@link StreamTail} (from TRIM_HORIZON on the first run, then
 * from the lake's own checkpoint), buffers in an {@link Archiver} and writes objects exactly once.
 * A timer thread closes buffers whose interval is up, rewrites the status file every second and
 * prints a summary every 10 seconds.
 */
public final class Archive {
    private static final long TICK_MILLIS = 100;
    private static final long STATUS_MILLIS = 1_000;
    private static final long SUMMARY_MILLIS = 10_000;

    /**
     * What a run delivered.
     *
     * @param nanos from the first record read to the last delivery (0 when nothing was delivered); when the stop
     *              delivered the last buffer, from the first record read to the last, plus that delivery (not the
     *              -timeout wait before it)
     */
    public record Summary(long records, long objects, long bytes, long nanos, Delivered total) {
        /** "in 2.5 s (40,000 records/s, 6.4 MB/s)", or "" when there is nothing to time. */
        public String rate() {
            if (nanos <= 0 || records == 0) {
                return "";
            }
            double seconds = nanos / 1e9;
            return String.format(java.util.Locale.ROOT, " in %.2f s (%,.0f records/s, %.1f MB/s)", seconds, records / seconds,
                    bytes / seconds / 1e6);
        }
    }

    private final KinesisClient kinesis;
    private final KinesisEndpoint endpoint;
    private final ArchiveSettings settings;
    private final PrintStream err;
    private final EnhancedFanOut fanOut;
    private final DeliveryStep.Observer steps;
    private final long startedMillis = System.currentTimeMillis();

    public Archive(KinesisClient kinesis, KinesisEndpoint endpoint, ArchiveSettings settings, PrintStream err, EnhancedFanOut fanOut,
                   DeliveryStep.Observer steps) {
        this.kinesis = kinesis;
        this.endpoint = endpoint;
        this.settings = settings;
        this.err = err;
        this.fanOut = fanOut;
        this.steps = steps;
    }

    /** Delivers until {@code stop} is set, -timeout passes without records, or something fails; delivers what is buffered, then returns. */
    public Summary run(AtomicBoolean stop) {
        Path lake = settings.lake().toAbsolutePath();
        try (ArchiveStateStore store = openStore(lake); ObjectStager stager = settings.stager()) {
            ArchiveState state = startingState(lake, store);
            ArchiveProgress progress = new ArchiveProgress(err);
            Archiver archiver = new Archiver(lake, settings.bufferInterval(), settings.bufferSizeBytes(), stager, store, state,
                    Clock.systemUTC(), progress, steps);
            Duration idle = settings.idleTimeout();
            StreamTail tail = StreamTail.builder(kinesis, settings.stream())
                    .sink(archiver)
                    .from(state.start())
                    .resumeFrom(state.checkpoint())
                    .fanOut(fanOut)
                    .recordsPerRead(10_000)
                    .listener(progress)
                    .until(() -> idle != null && progress.nanosSinceLastRecord() > idle.toNanos())
                    .build();
            err.println("archive: " + settings.stream() + " -> " + lake.resolve(settings.name()) + " (" + describe() + ")");
            AtomicReference<Throwable> timerFailure = new AtomicReference<>();
            AtomicBoolean halt = new AtomicBoolean();
            Thread timer = Thread.ofPlatform().daemon().name("archive-timer").start(
                    () -> timerLoop(archiver, tail, progress, lake, halt, stop, timerFailure));
            RuntimeException failure = null;
            try {
                tail.run(stop);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                halt.set(true);
                timer.interrupt();
                joinQuietly(timer);
            }
            boolean pending = archiver.buffered().records() > 0;
            long flushStart = System.nanoTime();
            try {
                archiver.flush();
            } catch (IOException | RuntimeException e) {
                failure = failure != null ? failure : new LabException("could not deliver the last buffer: " + e.getMessage());
            }
            writeStatus(archiver, tail, progress, lake, false);
            if (failure == null && timerFailure.get() != null) {
                failure = new LabException("could not deliver to " + lake + ": " + timerFailure.get().getMessage());
            }
            if (failure != null) {
                throw explain(failure, lake);
            }
            // Time spent working, not waiting for -timeout: reading, plus the last delivery when the stop made it.
            long nanos = pending ? progress.readingNanos() + (System.nanoTime() - flushStart) : progress.deliveringNanos();
            return new Summary(progress.runRecords(), progress.runObjects(), progress.runBytes(), nanos, archiver.state().delivered());
        } catch (IOException e) {
            throw new LabException(e.getMessage());
        }
    }

    /** One line a person can act on, whatever stopped the run. */
    private LabException explain(RuntimeException failure, Path lake) {
        if (failure instanceof LabException lab) {
            return lab;
        }
        if (failure instanceof wildrydes.lab.tail.SinkException sink) {
            return new LabException("could not deliver to " + lake + ": " + sink.getCause().getMessage()
                    + " (nothing was lost: the next run resumes from the last delivery)");
        }
        RuntimeException explained = Explain.explain(failure, endpoint, settings.stream());
        return explained instanceof LabException lab ? lab : new LabException("stopped: " + failure
                + " (nothing was lost: the next run resumes from the last delivery)");
    }

    private ArchiveStateStore openStore(Path lake) {
        try {
            return ArchiveStateStore.open(lake, settings.name());
        } catch (IOException e) {
            throw new LabException("cannot use the lake " + lake + ": " + e.getMessage());
        }
    }

    private ArchiveState startingState(Path lake, ArchiveStateStore store) throws IOException {
        ArchiveState loaded = store.load();
        if (loaded == null) {
            ArchiveState first = ArchiveState.first(settings.stream(), settings.from(), Clock.systemUTC().instant());
            store.save(first);
            err.println("archive: first run of " + settings.name() + ": shards start at " + first.start().describe());
            return first;
        }
        String reads = loaded.checkpoint().stream();
        if (reads != null && !reads.equals(settings.stream())) {
            throw new LabException("the delivery stream " + settings.name() + " in " + lake + " reads stream " + reads + ", not "
                    + settings.stream() + ": give this one another -name");
        }
        ArchiveRecovery.Outcome recovered = ArchiveRecovery.recover(lake, settings.name(), store, loaded);
        if (recovered.notice() != null) {
            err.println("archive: " + recovered.notice());
        }
        err.println("archive: resuming " + settings.name() + " from its checkpoint (" + Sizes.count(recovered.state().delivered().records())
                + " records already in " + Sizes.count(recovered.state().delivered().objects()) + " objects)");
        return recovered.state();
    }

    private void timerLoop(Archiver archiver, StreamTail tail, ArchiveProgress progress, Path lake, AtomicBoolean halt,
                           AtomicBoolean stop, AtomicReference<Throwable> failure) {
        long nextStatus = 0;
        long nextSummary = System.currentTimeMillis() + SUMMARY_MILLIS;
        while (!halt.get()) {
            try {
                archiver.tick();
                long now = System.currentTimeMillis();
                if (now >= nextStatus) {
                    writeStatus(archiver, tail, progress, lake, true);
                    nextStatus = now + STATUS_MILLIS;
                }
                if (now >= nextSummary) {
                    progress.summary(archiver.buffered(), tail.status());
                    nextSummary = now + SUMMARY_MILLIS;
                }
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
                stop.set(true); // the tail stops; run() reports it
                return;
            }
        }
    }

    private void writeStatus(Archiver archiver, StreamTail tail, ArchiveProgress progress, Path lake, boolean running) {
        TailStatus status = tail.status();
        Archiver.Buffered buffered = archiver.buffered();
        long now = System.currentTimeMillis();
        long lag = status.maxMillisBehindLatest();
        Long oldest = buffered.records() > 0 ? Long.valueOf(buffered.oldestArrivalMillis()) : lag > 0 ? Long.valueOf(now - lag) : null;
        ArchiveStatus file = new ArchiveStatus(settings.name(), settings.stream(), ProcessHandle.current().pid(), running,
                startedMillis, now, settings.format().name().toLowerCase(), settings.compression().name().toLowerCase(),
                settings.bufferInterval().toSeconds(), settings.bufferSizeBytes(), archiver.state().delivered(),
                buffered.records(), buffered.bytes(), oldest, lag, progress.lastObject());
        try {
            file.write(lake);
        } catch (IOException e) {
            // only news: the next second tries again
        }
    }

    private String describe() {
        String size = settings.bufferSizeBytes() % ArchiveSettings.MIB == 0 ? settings.bufferSizeBytes() / ArchiveSettings.MIB + " MiB"
                : Sizes.bytes(settings.bufferSizeBytes());
        String compression = settings.compression() == Compression.NONE ? "no compression"
                : settings.compression().name().toLowerCase() + " compression";
        return settings.format().name().toLowerCase() + ", " + compression + ", buffer "
                + settings.bufferInterval().toSeconds() + " s or " + size + ", whichever first";
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
