package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How the engine makes writes durable; tests put a failing or slow one in its place. */
interface FileSyncer {

    /** Forces the file's data (not necessarily its metadata) to the device. */
    void force(FileChannel channel) throws IOException;

    /** Forces a directory's entries, so that created, renamed and deleted files stay so. */
    void syncDirectory(Path directory) throws IOException;

    FileSyncer SYSTEM = new FileSyncer() {
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
}
