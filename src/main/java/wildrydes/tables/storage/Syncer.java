package wildrydes.tables.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How the store makes writes durable; tests put a failing or counting one in its place. */
public interface Syncer {

    /** Forces the file's data to the device. */
    void force(FileChannel channel) throws IOException;

    /** Forces a directory's entries, so created, renamed and deleted files stay so. */
    void syncDirectory(Path directory) throws IOException;

    Syncer SYSTEM = new Syncer() {
        @Override
        public void force(FileChannel channel) throws IOException {
            channel.force(false);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    };

    /** Never forces: writes are acknowledged once the OS has them ({@code --no-fsync}). */
    Syncer NONE = new Syncer() {
        @Override
        public void force(FileChannel channel) {
        }

        @Override
        public void syncDirectory(Path directory) {
        }
    };
}
