package wildrydes.stream;

/** Shard ids: {@code shardId-} and a 12-digit zero-padded index. */
public final class ShardIds {
    private ShardIds() {
    }

    public static String of(int index) {
        String digits = Integer.toString(index);
        return "shardId-" + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
    }

    /**
     * The index in a shard id, or -1. AWS is lenient here: {@code shardId-1}, {@code 1} and
     * {@code anything-000000000001} all name shard 1.
     */
    public static int parse(String shardId) {
        int dash = shardId.indexOf('-');
        String digits = dash < 0 ? shardId : shardId.substring(dash + 1);
        if (digits.isEmpty() || digits.length() > 12) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        long value = Long.parseLong(digits);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
