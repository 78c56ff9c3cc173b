package wildrydes.lab.aggregate;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.ShardPosition;
import wildrydes.lab.tail.StartPosition;

/**
 * What an aggregation keeps on disk (see {@link StateStore} for how): where to read the source
 * again from, how far windows are closed, and, while a put is under way, the rows being put.
 *
 * @param source        the stream read (its identity: a recreated stream is another one)
 * @param destination   the stream written
 * @param windowMillis  the window length the state was made with (a restart must use the same)
 * @param time          {@code arrival} or {@code field:NAME} (a restart must use the same)
 * @param start         where shards the checkpoint does not name start ({@code -from}, with latest
 *                      resolved to the time of the first start, so a restart starts them alike)
 * @param watermark     the watermark reached ({@link Watermarks#NONE}: none yet)
 * @param closedThrough every window ending at or before this has been emitted ({@link Watermarks#NONE}: none)
 * @param windowsEmitted windows emitted so far (non-empty ones)
 * @param rowsEmitted   result rows emitted so far
 * @param destinationPositions per destination shard, the last sequence number of a row put there
 * @param pending       rows about to be put (written before the put, cleared after it); null when none
 * @param checkpoint    where to resume reading the source: every open window's records come again
 * @param readThrough   how far each source shard had been read (records up to here come again after a restart)
 */
record AggregateState(StreamIdentity source, StreamIdentity destination, long windowMillis, String time, StartPosition start,
                      long watermark, long closedThrough, long windowsEmitted, long rowsEmitted,
                      Map<String, String> destinationPositions, Pending pending, Checkpoint checkpoint,
                      Map<String, ShardPosition> readThrough) {
    static final String HEADER = "wildrydes-aggregate 1";

    /**
     * Result rows recorded before their put: after a crash, the ones not found on the
     * destination are put again, so each lands once.
     *
     * @param writtenAtMillis when they were recorded (the put came after)
     * @param windows         the windows (start, wall-clock milliseconds) they are the results of
     */
    record Pending(long writtenAtMillis, List<Long> windows, List<OutputRow> rows) {
        Pending {
            windows = List.copyOf(windows);
            rows = List.copyOf(rows);
        }
    }

    AggregateState {
        destinationPositions = Map.copyOf(destinationPositions);
        readThrough = Map.copyOf(readThrough);
    }

    /** A new aggregation: nothing read, nothing emitted. */
    static AggregateState fresh(StreamIdentity source, StreamIdentity destination, long windowMillis, String time, StartPosition start) {
        return new AggregateState(source, destination, windowMillis, time, start, Watermarks.NONE, Watermarks.NONE, 0, 0, Map.of(),
                null, Checkpoint.empty(source.name()), Map.of());
    }

    AggregateState withProgress(long newWatermark, long newClosedThrough, Checkpoint newCheckpoint,
                                Map<String, ShardPosition> newReadThrough) {
        return new AggregateState(source, destination, windowMillis, time, start, newWatermark, newClosedThrough, windowsEmitted,
                rowsEmitted, destinationPositions, pending, newCheckpoint, newReadThrough);
    }

    /** Rows about to be put, as results of these windows. */
    AggregateState withPending(Pending newPending) {
        return new AggregateState(source, destination, windowMillis, time, start, watermark, closedThrough, windowsEmitted,
                rowsEmitted, destinationPositions, newPending, checkpoint, readThrough);
    }

    /** The pending rows landed: counted, and the destination shards' last sequence numbers moved. */
    AggregateState withPendingPut(Map<String, String> putPositions) {
        Map<String, String> positions = new TreeMap<>(destinationPositions);
        positions.putAll(putPositions);
        return new AggregateState(source, destination, windowMillis, time, start, watermark, closedThrough,
                windowsEmitted + pending.windows().size(), rowsEmitted + pending.rows().size(), positions, null, checkpoint, readThrough);
    }

    AggregateState withDestination(StreamIdentity newDestination, Map<String, String> positions) {
        return new AggregateState(source, newDestination, windowMillis, time, start, watermark, closedThrough, windowsEmitted,
                rowsEmitted, positions, pending, checkpoint, readThrough);
    }

    String encode() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("source ").append(source.encode()).append('\n');
        text.append("destination ").append(destination.encode()).append('\n');
        text.append("window ").append(windowMillis).append('\n');
        text.append("time ").append(time).append('\n');
        text.append("start ").append(encode(start)).append('\n');
        text.append("watermark ").append(time(watermark)).append('\n');
        text.append("closed-through ").append(time(closedThrough)).append('\n');
        text.append("emitted ").append(windowsEmitted).append(' ').append(rowsEmitted).append('\n');
        new TreeMap<>(destinationPositions).forEach((shard, sequence) ->
                text.append("destination-shard ").append(shard).append(' ').append(sequence).append('\n'));
        new TreeMap<>(readThrough).forEach((shard, position) -> text.append("read-through ").append(shard).append(' ')
                .append(position.wholeRecord() ? "after " + position.sequenceNumber()
                        : "within " + position.sequenceNumber() + " " + position.subSequenceNumber()).append('\n'));
        if (pending != null) {
            text.append("pending ").append(pending.writtenAtMillis()).append(' ').append(pending.rows().size());
            pending.windows().forEach(w -> text.append(' ').append(w));
            text.append('\n');
            Base64.Encoder base64 = Base64.getEncoder();
            for (OutputRow row : pending.rows()) {
                text.append("row ").append(base64.encodeToString(row.partitionKey().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .append(' ').append(base64.encodeToString(row.data())).append('\n');
            }
        }
        checkpoint.encode().lines().forEach(line -> text.append("checkpoint ").append(line).append('\n'));
        return text.toString();
    }

    /** Reads what {@link #encode()} wrote (without the header); IllegalArgumentException names the first line it cannot read. */
    static AggregateState decode(String text) {
        Decoder d = new Decoder();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                d.line(line);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 2) + " cannot be read: '" + line + "' (" + e.getMessage() + ")", e);
            }
        }
        return d.state();
    }

    private static String time(long millis) {
        return millis == Watermarks.NONE ? "none" : Long.toString(millis);
    }

    static String encode(StartPosition start) {
        return switch (start.type()) {
            case TRIM_HORIZON -> "trim-horizon";
            case LATEST -> "latest";
            case AT_TIMESTAMP -> "at-timestamp " + start.timestamp().toEpochMilli();
            case AT_SEQUENCE_NUMBER -> "at-sequence " + start.sequenceNumber();
            case AFTER_SEQUENCE_NUMBER -> "after-sequence " + start.sequenceNumber();
            default -> throw new IllegalArgumentException("cannot keep start position " + start.describe());
        };
    }

    /** The state's lines, one at a time. */
    private static final class Decoder {
        private final Map<String, String> single = new TreeMap<>();
        private final Map<String, String> destinationPositions = new TreeMap<>();
        private final Map<String, ShardPosition> readThrough = new TreeMap<>();
        private final StringBuilder checkpoint = new StringBuilder();
        private final List<OutputRow> rows = new ArrayList<>();
        private String pendingLine;

        void line(String line) {
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            switch (key) {
                case "source", "destination", "window", "time", "start", "watermark", "closed-through", "emitted" -> {
                    if (single.put(key, rest) != null) {
                        throw new IllegalArgumentException("a second " + key);
                    }
                }
                case "destination-shard" -> {
                    String[] words = rest.split(" ");
                    destinationPositions.put(words[0], words[1]);
                }
                case "read-through" -> {
                    String[] words = rest.split(" ");
                    readThrough.put(words[0], words[1].equals("after") ? ShardPosition.after(words[2])
                            : ShardPosition.within(words[2], Long.parseLong(words[3])));
                }
                case "pending" -> pendingLine = rest;
                case "row" -> {
                    String[] words = rest.split(" ");
                    Base64.Decoder base64 = Base64.getDecoder();
                    rows.add(new OutputRow(new String(base64.decode(words[0]), java.nio.charset.StandardCharsets.UTF_8),
                            base64.decode(words[1])));
                }
                case "checkpoint" -> checkpoint.append(rest).append('\n');
                default -> throw new IllegalArgumentException("unknown entry " + key);
            }
        }

        AggregateState state() {
            for (String key : List.of("source", "destination", "window", "time", "start", "watermark", "closed-through", "emitted")) {
                if (!single.containsKey(key)) {
                    throw new IllegalArgumentException("no line '" + key + "'");
                }
            }
            String[] emitted = single.get("emitted").split(" ");
            Pending pending = null;
            if (pendingLine != null) {
                String[] words = pendingLine.split(" ");
                List<Long> windows = new ArrayList<>();
                for (int i = 2; i < words.length; i++) {
                    windows.add(Long.parseLong(words[i]));
                }
                if (Integer.parseInt(words[1]) != rows.size()) {
                    throw new IllegalArgumentException("pending says " + words[1] + " rows but " + rows.size() + " follow");
                }
                pending = new Pending(Long.parseLong(words[0]), windows, rows);
            }
            return new AggregateState(StreamIdentity.decode(single.get("source")), StreamIdentity.decode(single.get("destination")),
                    Long.parseLong(single.get("window")), single.get("time"), decodeStart(single.get("start")),
                    decodeTime(single.get("watermark")), decodeTime(single.get("closed-through")), Long.parseLong(emitted[0]),
                    Long.parseLong(emitted[1]), destinationPositions, pending, Checkpoint.decode(checkpoint.toString()), readThrough);
        }

        private static long decodeTime(String text) {
            return text.equals("none") ? Watermarks.NONE : Long.parseLong(text);
        }

        private static StartPosition decodeStart(String text) {
            String[] words = text.split(" ");
            return switch (words[0]) {
                case "trim-horizon" -> StartPosition.TRIM_HORIZON;
                case "latest" -> StartPosition.LATEST;
                case "at-timestamp" -> StartPosition.atTimestamp(java.time.Instant.ofEpochMilli(Long.parseLong(words[1])));
                case "at-sequence" -> StartPosition.atSequenceNumber(words[1]);
                case "after-sequence" -> StartPosition.afterSequenceNumber(words[1]);
                default -> throw new IllegalArgumentException("unknown start " + words[0]);
            };
        }
    }
}
