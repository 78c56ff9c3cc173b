package wildrydes.stream;

import wildrydes.errors.KinesisException;

/** Shard ids: {@code shardId-} and a 12-digit zero-padded index; read leniently, as AWS reads them. */
public final class ShardIds {
    private ShardIds() {
    }

    public static String of(int index) {
        String digits = Integer.toString(index);
        return "shardId-" + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
    }

    /**
     * The index in a shard id, or -1, read as AWS reads it: the part between the first and the
     * second {@code -} (the whole id when there is no dash or that part is empty), all decimal
     * digits, at most 2147483647. So {@code shardId-1}, {@code 1}, {@code anything-000000000001}
     * and {@code a-1-b} all name shard 1.
     */
    public static int parse(String shardId) {
        int dash = shardId.indexOf('-');
        String digits = shardId;
        if (dash >= 0) {
            int next = shardId.indexOf('-', dash + 1);
            String part = shardId.substring(dash + 1, next < 0 ? shardId.length() : next);
            digits = part.isEmpty() ? shardId : part;
        }
        if (digits.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        if (digits.length() - first > 10) {
            return -1;
        }
        long value = Long.parseLong(digits, first, digits.length(), 10);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    /** AWS's answer for a shard id it cannot read: it names the id as the caller wrote it. */
    public static KinesisException notFound(String shardId, String streamName, String accountId) {
        return KinesisException.notFound("Could not find shard " + shardId + " in stream " + streamName + " under account "
                + accountId + ".");
    }
}
