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

    /**
     * Whether every group commit of the journal is forced. When not ({@code --no-fsync}), only
     * item writes are relaxed: a batch that changes a table's definition, snapshots, the journal
     * up to a snapshot, and directory entries are still forced, so a power cut may lose the
     * latest item writes but never a table or the store's files.
     */
    default boolean forcesEveryCommit() {
        return true;
    }

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

    /**
     * {@code --no-fsync}: item writes are acknowledged once the OS has them; table definitions,
     * snapshots and directory entries are forced as with {@link #SYSTEM}.
     */
    Syncer ITEMS_UNFORCED = new Syncer() {
        @Override
        public void force(FileChannel channel) throws IOException {
            SYSTEM.force(channel);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            SYSTEM.syncDirectory(directory);
        }

        @Override
        public boolean forcesEveryCommit() {
            return false;
        }
    };

    /** Never forces anything (tests of what a store does without the disk's help). */
    Syncer NONE = new Syncer() {
        @Override
        public void force(FileChannel channel) {
        }

        @Override
        public void syncDirectory(Path directory) {
        }
    };
}
