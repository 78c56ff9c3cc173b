package wildrydes.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;

/** StorageFiles that pass everything on, for tests that watch or change one operation. */
class DelegatingStorageFiles implements StorageFiles {

    private final StorageFiles delegate;

    DelegatingStorageFiles(StorageFiles delegate) {
        this.delegate = delegate;
    }

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        return delegate.open(file, options);
    }

    @Override
    public boolean exists(Path path) {
        return delegate.exists(path);
    }

    @Override
    public boolean isDirectory(Path path) {
        return delegate.isDirectory(path);
    }

    @Override
    public void createDirectory(Path directory) throws IOException {
        delegate.createDirectory(directory);
    }

    @Override
    public List<Path> list(Path directory) throws IOException {
        return delegate.list(directory);
    }

    @Override
    public void delete(Path path) throws IOException {
        delegate.delete(path);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return delegate.deleteIfExists(path);
    }

    @Override
    public void move(Path source, Path target) throws IOException {
        delegate.move(source, target);
    }

    @Override
    public long size(Path file) throws IOException {
        return delegate.size(file);
    }

    @Override
    public byte[] readAllBytes(Path file) throws IOException {
        return delegate.readAllBytes(file);
    }

    @Override
    public Closeable tryLock(Path lockFile) throws IOException {
        return delegate.tryLock(lockFile);
    }
}
