package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the fsync calls made through it, for metrics and to show that group commit shares them. */
final class CountingFileSyncer implements FileSyncer {

    private final FileSyncer delegate;
    private final AtomicLong calls = new AtomicLong();

    CountingFileSyncer(FileSyncer delegate) {
        this.delegate = delegate;
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        calls.incrementAndGet();
        delegate.force(channel);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        calls.incrementAndGet();
        delegate.syncDirectory(directory);
    }

    long calls() {
        return calls.get();
    }
}
