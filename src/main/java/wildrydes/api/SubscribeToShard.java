package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.fanout.StreamConsumers;
import wildrydes.fanout.Subscription;
import wildrydes.protocol.Member;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.protocol.Timestamp;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.ShardIteratorType;

/**
 * Pushes a shard's records to a registered consumer for up to 5 minutes over an event stream:
 * an {@code initial-response}, then {@code SubscribeToShardEvent}s as records are committed.
 */
public final class SubscribeToShard implements Action {
    private static final Shape INPUT = Shape.structure(
            required("ConsumerARN", ConsumerShapes.CONSUMER_ARN),
            required("ShardId", Shapes.SHARD_ID),
            required("StartingPosition", Shape.structure(
                    Member.required("Type", Shape.string().oneOf("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON",
                            "LATEST", "AT_TIMESTAMP")),
                    optional("SequenceNumber", Shapes.SEQUENCE_NUMBER),
                    optional("Timestamp", Shape.timestamp()))));

    private final StreamConsumers consumers;
    private final ServiceSettings settings;

    public SubscribeToShard(StreamConsumers consumers, ServiceSettings settings) {
        this.consumers = consumers;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "SubscribeToShard";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        Struct start = request.struct("StartingPosition");
        Timestamp timestamp = start.timestamp("Timestamp");
        Subscription subscription = consumers.subscribe(request.string("ConsumerARN"), request.string("ShardId"),
                ShardIteratorType.valueOf(start.string("Type")), start.string("SequenceNumber"),
                timestamp == null ? null : timestamp.epochMillis());
        ShardEventSource events = new ShardEventSource(subscription, settings.clock());
        return Action.done(new EventStreamResponse() {
            @Override
            public void writeTo(wildrydes.protocol.ResponseWriter writer) {
                writer.startObject().endObject();
            }

            @Override
            public EventSource events() {
                return events;
            }
        });
    }
}
