package wildrydes.fanout;

import wildrydes.errors.KinesisException;
import wildrydes.stream.SequenceNumbers;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.Shard;
import wildrydes.stream.ShardIds;
import wildrydes.stream.ShardIteratorType;
import wildrydes.stream.Stream;

/** Where a SubscribeToShard starts reading, from its StartingPosition. */
final class SubscriptionStart {
    private SubscriptionStart() {
    }

    static long position(Stream stream, Shard shard, ShardIteratorType type, String sequenceNumber, Long timestampMillis,
                         ServiceSettings settings) {
        boolean bySequence = type == ShardIteratorType.AT_SEQUENCE_NUMBER || type == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        if (bySequence != (sequenceNumber != null)) {
            throw KinesisException.invalidArgument("StartingPosition.SequenceNumber must be given exactly when "
                    + "StartingPosition.Type is AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER; the request has Type " + type
                    + (sequenceNumber == null ? " and no SequenceNumber." : " and a SequenceNumber."));
        }
        if ((type == ShardIteratorType.AT_TIMESTAMP) != (timestampMillis != null)) {
            throw KinesisException.invalidArgument("StartingPosition.Timestamp must be given exactly when "
                    + "StartingPosition.Type is AT_TIMESTAMP; the request has Type " + type + ".");
        }
        return switch (type) {
            case TRIM_HORIZON -> shard.log().firstSequence();
            case LATEST -> shard.isOpen() ? shard.log().committedEnd() : shard.closedEnd();
            case AT_SEQUENCE_NUMBER -> bySequenceNumber(stream, shard, sequenceNumber, settings, false);
            case AFTER_SEQUENCE_NUMBER -> bySequenceNumber(stream, shard, sequenceNumber, settings, true);
            case AT_TIMESTAMP -> {
                long now = settings.clock().millis();
                if (timestampMillis > now) {
                    throw KinesisException.invalidArgument("The timestampInMillis parameter cannot be greater than the "
                            + "currentTimestampInMillis. timestampInMillis: " + timestampMillis
                            + ", currentTimestampInMillis: " + now);
                }
                yield shard.log().sequenceAtOrAfter(timestampMillis);
            }
        };
    }

    /**
     * A number of this shard, or the number just below its first one (the continuation a
     * subscription reports before the shard's first record), which both mean position 0.
     */
    private static long bySequenceNumber(Stream stream, Shard shard, String sequenceNumber, ServiceSettings settings,
                                         boolean after) {
        if (sequenceNumber.equals(Subscription.beforeFirst(stream, shard))) {
            return 0;
        }
        SequenceNumbers.Parsed parsed = SequenceNumbers.parse(sequenceNumber);
        if (parsed == null || parsed.streamCreatedMillis() != stream.createdMillis()) {
            throw KinesisException.invalidArgument("StartingSequenceNumber " + sequenceNumber + " used in SubscribeToShard on "
                    + "shard " + shard.id() + " in stream " + stream.name() + " under account " + settings.accountId()
                    + " is invalid because it did not come from this stream.");
        }
        if (parsed.shardIndex() != shard.index()) {
            throw KinesisException.invalidArgument("Invalid StartingSequenceNumber. It encodes "
                    + ShardIds.of(parsed.shardIndex()) + ", while it was used in a call to a shard with " + shard.id());
        }
        return after ? parsed.position() + 1 : parsed.position();
    }
}
