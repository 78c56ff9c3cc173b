package wildrydes.storage;

import java.util.regex.Pattern;

/** File and directory names of the on-disk layout, and the checks that keep caller-chosen names inside it. */
final class StorageNames {

    /** One path element; Kinesis stream names use the same characters. */
    private static final Pattern STREAM_KEY = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** Blobs share their directory with temporary files, which start with a dot. */
    private static final Pattern BLOB_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");
    private static final Pattern SEGMENT_FILE = Pattern.compile("\\d{20}\\.log");
    private static final Pattern JOURNAL_FILE = Pattern.compile("\\d{20}\\.journal");
    /** A shard log's id in the journal: its directory relative to the data directory. */
    private static final Pattern SHARD_LOG_ID = Pattern.compile("streams/([A-Za-z0-9._-]{1,200})/shard-(\\d{12})");

    static final String STREAMS = "streams";
    static final String BLOBS = "blobs";
    static final String TRASH = "trash";
    static final String JOURNAL = "journal";
    static final String JOURNAL_CHECKPOINT = "checkpoint";
    static final String JOURNAL_SUFFIX = ".journal";
    static final String METADATA = "metadata.bin";
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".idx";

    private StorageNames() {
    }

    static String checkStreamKey(String streamKey) {
        if (streamKey == null || !STREAM_KEY.matcher(streamKey).matches() || streamKey.equals(".") || streamKey.equals("..")) {
            throw new IllegalArgumentException("stream key must be 1-200 characters of A-Z a-z 0-9 . _ -, not . or ..: " + streamKey);
        }
        return streamKey;
    }

    static String checkBlobName(String name) {
        if (name == null || !BLOB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("blob name must be 1-200 characters of A-Z a-z 0-9 . _ - not starting with a dot: " + name);
        }
        return name;
    }

    static String shardDirectory(int shardIndex) {
        if (shardIndex < 0) {
            throw new IllegalArgumentException("shard index must not be negative: " + shardIndex);
        }
        return String.format("shard-%012d", shardIndex);
    }

    static String segmentFile(long firstSequence) {
        return String.format("%020d", firstSequence) + LOG_SUFFIX;
    }

    static String indexFile(long firstSequence) {
        return String.format("%020d", firstSequence) + INDEX_SUFFIX;
    }

    static boolean isSegmentFile(String fileName) {
        return SEGMENT_FILE.matcher(fileName).matches();
    }

    static long segmentFirstSequence(String segmentFileName) {
        return Long.parseLong(segmentFileName.substring(0, 20));
    }

    static String journalFile(long id) {
        return String.format("%020d", id) + JOURNAL_SUFFIX;
    }

    static boolean isJournalFile(String fileName) {
        return JOURNAL_FILE.matcher(fileName).matches();
    }

    static long journalFileId(String journalFileName) {
        return Long.parseLong(journalFileName.substring(0, 20));
    }

    /** The journal id of a stream's shard log. */
    static String shardLogId(String streamKey, int shardIndex) {
        return STREAMS + "/" + checkStreamKey(streamKey) + "/" + shardDirectory(shardIndex);
    }

    /** The stream key and shard index a journal log id names, or null if it names no shard log. */
    static ShardLogName parseShardLogId(String logId) {
        java.util.regex.Matcher matcher = SHARD_LOG_ID.matcher(logId);
        if (!matcher.matches() || matcher.group(1).equals(".") || matcher.group(1).equals("..")
                || Long.parseLong(matcher.group(2)) > Integer.MAX_VALUE) {
            return null;
        }
        return new ShardLogName(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    record ShardLogName(String streamKey, int shardIndex) {
    }

    /** Where a file is written before it is renamed over {@code fileName}. */
    static String temporaryFile(String fileName) {
        return "." + fileName + ".tmp";
    }

    static boolean isTemporaryFile(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(".tmp");
    }
}
