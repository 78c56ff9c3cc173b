package wildrydes.tables;

/**
 * Provisioned capacity as DescribeTable reports it (zero for on-demand tables).
 *
 * @param lastIncreaseMillis 0 when never
 * @param lastDecreaseMillis 0 when never
 */
public record Throughput(long read, long write, long lastIncreaseMillis, long lastDecreaseMillis, long decreasesToday) {
    public static final Throughput ON_DEMAND = new Throughput(0, 0, 0, 0, 0);

    public static Throughput of(long read, long write) {
        return new Throughput(read, write, 0, 0, 0);
    }

    /** The new capacity, recording when it went up or down. */
    public Throughput changedTo(long newRead, long newWrite, long now) {
        boolean up = newRead > read || newWrite > write;
        boolean down = newRead < read || newWrite < write;
        return new Throughput(newRead, newWrite, up ? now : lastIncreaseMillis, down ? now : lastDecreaseMillis,
                down ? decreasesToday + 1 : decreasesToday);
    }
}
