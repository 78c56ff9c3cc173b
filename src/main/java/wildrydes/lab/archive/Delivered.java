package wildrydes.lab.archive;

/**
 * What an archive has delivered to the lake, in total since it first ran: kept in its state file
 * with the checkpoint, so the totals move exactly when objects appear.
 *
 * @param records            records delivered (in data objects and in conversion-failure objects)
 * @param bytes              their data bytes, as read from the stream
 * @param objects            objects written (data and conversion-failure objects)
 * @param objectBytes        the objects' size on disk (after compression or conversion)
 * @param conversionFailures records that could not be converted to Parquet (written under format-conversion-failed/)
 */
public record Delivered(long records, long bytes, long objects, long objectBytes, long conversionFailures) {
    public static final Delivered NONE = new Delivered(0, 0, 0, 0, 0);

    public Delivered plus(Delivered more) {
        return new Delivered(records + more.records, bytes + more.bytes, objects + more.objects, objectBytes + more.objectBytes,
                conversionFailures + more.conversionFailures);
    }

    String encode() {
        return records + " " + bytes + " " + objects + " " + objectBytes + " " + conversionFailures;
    }

    static Delivered decode(String[] words, int from) {
        if (words.length != from + 5) {
            throw new IllegalArgumentException("expected 5 numbers");
        }
        long[] n = new long[5];
        for (int i = 0; i < 5; i++) {
            n[i] = Long.parseLong(words[from + i]);
            if (n[i] < 0) {
                throw new IllegalArgumentException("negative count");
            }
        }
        return new Delivered(n[0], n[1], n[2], n[3], n[4]);
    }
}
