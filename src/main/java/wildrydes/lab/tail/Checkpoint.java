package wildrydes.lab.tail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How far a tail has delivered a stream: per shard the last position delivered, and the shards
 * read to their end. Immutable. A tail started from it resumes unfinished shards after their
 * position, skips finished ones and starts the children of finished shards at TRIM_HORIZON;
 * shards it does not name start where the tail is told to start.
 *
 * <p>As text ({@link #encode()}, one line each, shards sorted; a tool may keep it inside its own
 * state file, {@link CheckpointStore} keeps it in a file of its own):
 * <pre>
 *   stream NAME
 *   shard SHARD-ID finished
 *   shard SHARD-ID after SEQUENCE-NUMBER              every user record of that Kinesis record delivered
 *   shard SHARD-ID within SEQUENCE-NUMBER SUB-SEQUENCE  user records 0..SUB-SEQUENCE of that aggregate delivered
 * </pre>
 *
 * @param stream the stream it belongs to (null when not known)
 */
public record Checkpoint(String stream, Map<String, ShardPosition> positions, Set<String> finished) {
    public Checkpoint {
        positions = Collections.unmodifiableMap(new TreeMap<>(positions));
        finished = Collections.unmodifiableSet(new TreeSet<>(finished));
        for (String shard : finished) {
            if (positions.containsKey(shard)) {
                throw new IllegalArgumentException(shard + " is both finished and at a position");
            }
        }
    }

    /** Nothing delivered yet. */
    public static Checkpoint empty(String stream) {
        return new Checkpoint(stream, Map.of(), Set.of());
    }

    /** The position of a shard, or null when none was delivered or the shard is finished. */
    public ShardPosition position(String shardId) {
        return positions.get(shardId);
    }

    public boolean isFinished(String shardId) {
        return finished.contains(shardId);
    }

    /** Whether it says anything about the shard. */
    public boolean knows(String shardId) {
        return positions.containsKey(shardId) || finished.contains(shardId);
    }

    /** This checkpoint with the shard at {@code position}. */
    public Checkpoint with(String shardId, ShardPosition position) {
        Map<String, ShardPosition> next = new TreeMap<>(positions);
        next.put(shardId, position);
        Set<String> done = new TreeSet<>(finished);
        done.remove(shardId);
        return new Checkpoint(stream, next, done);
    }

    /** This checkpoint with the shard read to its end. */
    public Checkpoint withFinished(String shardId) {
        Map<String, ShardPosition> next = new TreeMap<>(positions);
        next.remove(shardId);
        Set<String> done = new TreeSet<>(finished);
        done.add(shardId);
        return new Checkpoint(stream, next, done);
    }

    public String encode() {
        StringBuilder text = new StringBuilder();
        if (stream != null) {
            text.append("stream ").append(stream).append('\n');
        }
        Set<String> shards = new TreeSet<>(positions.keySet());
        shards.addAll(finished);
        for (String shard : shards) {
            text.append("shard ").append(shard).append(' ');
            ShardPosition position = positions.get(shard);
            if (position == null) {
                text.append("finished");
            } else if (position.wholeRecord()) {
                text.append("after ").append(position.sequenceNumber());
            } else {
                text.append("within ").append(position.sequenceNumber()).append(' ').append(position.subSequenceNumber());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Reads what {@link #encode()} wrote; throws IllegalArgumentException naming the first line it cannot read. */
    public static Checkpoint decode(String text) {
        String stream = null;
        Map<String, ShardPosition> positions = new TreeMap<>();
        Set<String> finished = new TreeSet<>();
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split(" +");
            try {
                if (words[0].equals("stream") && words.length == 2 && stream == null) {
                    stream = words[1];
                } else if (words[0].equals("shard") && words.length >= 3 && !positions.containsKey(words[1])
                        && !finished.contains(words[1])) {
                    switch (words[2]) {
                        case "finished" -> finished.add(only(words, 3, words[1]));
                        case "after" -> positions.put(words[1], ShardPosition.after(only(words, 4, words[3])));
                        case "within" -> positions.put(words[1], ShardPosition.within(words[3], Long.parseLong(only(words, 5, words[4]))));
                        default -> throw new IllegalArgumentException("unknown state " + words[2]);
                    }
                } else {
                    throw new IllegalArgumentException("unexpected");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the checkpoint cannot be read: '" + line + "'", e);
            }
        }
        return new Checkpoint(stream, positions, finished);
    }

    private static String only(String[] words, int count, String value) {
        if (words.length != count) {
            throw new IllegalArgumentException("expected " + count + " words");
        }
        return value;
    }
}
