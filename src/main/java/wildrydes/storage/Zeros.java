package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Zeros written ahead of appends (journal files, active segments), from one shared read-only buffer. */
final class Zeros {

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1024 * 1024).asReadOnlyBuffer();

    private Zeros() {
    }

    /** Writes {@code bytes} zeros at {@code from}. */
    static void write(FileChannel channel, long from, long bytes) throws IOException {
        long position = from;
        long end = from + bytes;
        while (position < end) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), end - position));
            while (zeros.hasRemaining()) {
                position += channel.write(zeros, position);
            }
        }
    }
}
