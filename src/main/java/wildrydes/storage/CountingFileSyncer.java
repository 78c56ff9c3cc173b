package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the fsync calls made through it, for metrics and to show that group commit shares them. */
final class CountingFileSyncer implements FileSyncer {

    private final FileSyncer delegate;
    private final AtomicLong calls = new AtomicLong();
    private final RateWindow recent = new RateWindow();

    CountingFileSyncer(FileSyncer delegate) {
        this.delegate = delegate;
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        counted();
        delegate.force(channel);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        counted();
        delegate.syncDirectory(directory);
    }

    private void counted() {
        calls.incrementAndGet();
        recent.add(System.currentTimeMillis(), 1, 0);
    }

    long calls() {
        return calls.get();
    }

    /** fsyncs per second over the last seconds. */
    double perSecond(long nowMillis) {
        return recent.perSecond(nowMillis);
    }
}
