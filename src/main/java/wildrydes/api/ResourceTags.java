package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.fanout.ConsumerResources;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamRegistry;
import wildrydes.stream.StreamTags;

/** TagResource, UntagResource and ListTagsForResource: tags by resource ARN (streams and consumers). */
public final class ResourceTags implements Action {
    enum Kind { TAG, UNTAG, LIST }

    private static final Shape TAG_INPUT = Shape.structure(
            required("Tags", Shape.map(Shapes.TAG_KEY, Shapes.TAG_VALUE).length(1, 50)),
            required("ResourceARN", ResourceArns.RESOURCE_ARN),
            optional("StreamId", Shapes.STREAM_ID));
    private static final Shape UNTAG_INPUT = Shape.structure(
            required("TagKeys", Shape.list(Shapes.TAG_KEY).length(1, 50)),
            required("ResourceARN", ResourceArns.RESOURCE_ARN),
            optional("StreamId", Shapes.STREAM_ID));
    private static final Shape LIST_INPUT = Shape.structure(
            required("ResourceARN", ResourceArns.RESOURCE_ARN),
            optional("StreamId", Shapes.STREAM_ID));

    private final Rooms rooms;
    private final Kind kind;

    /** Where tags are kept: with the stream, or with its consumers. */
    record Rooms(StreamRegistry streams, StreamTags streamTags, ConsumerResources consumers) {
        Map<String, String> tags(ResourceArns resource) {
            return resource.consumerArn() == null ? streams.stream(resource.streamName()).tags()
                    : consumers.tags(resource.streamName(), resource.consumerArn());
        }

        void addTags(ResourceArns resource, Map<String, String> tags) {
            if (resource.consumerArn() == null) {
                streamTags.addTags(resource.streamName(), tags);
            } else {
                consumers.addTags(resource.streamName(), resource.consumerArn(), tags);
            }
        }

        void removeTags(ResourceArns resource, List<String> keys) {
            if (resource.consumerArn() == null) {
                streamTags.removeTags(resource.streamName(), keys);
            } else {
                consumers.removeTags(resource.streamName(), resource.consumerArn(), keys);
            }
        }
    }

    private ResourceTags(Rooms rooms, Kind kind) {
        this.rooms = rooms;
        this.kind = kind;
    }

    static ResourceTags tag(Rooms rooms) {
        return new ResourceTags(rooms, Kind.TAG);
    }

    static ResourceTags untag(Rooms rooms) {
        return new ResourceTags(rooms, Kind.UNTAG);
    }

    static ResourceTags list(Rooms rooms) {
        return new ResourceTags(rooms, Kind.LIST);
    }

    @Override
    public String name() {
        return switch (kind) {
            case TAG -> "TagResource";
            case UNTAG -> "UntagResource";
            case LIST -> "ListTagsForResource";
        };
    }

    @Override
    public Shape input() {
        return switch (kind) {
            case TAG -> TAG_INPUT;
            case UNTAG -> UNTAG_INPUT;
            case LIST -> LIST_INPUT;
        };
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        ResourceArns resource = ResourceArns.parse(request.string("ResourceARN"), rooms.streams().settings());
        switch (kind) {
            case TAG -> rooms.addTags(resource, CreateStream.tags(request.map("Tags")));
            case UNTAG -> rooms.removeTags(resource, request.list("TagKeys"));
            case LIST -> {
                Map<String, String> tags = rooms.tags(resource);
                return Action.done(w -> {
                    w.startObject().startArray("Tags");
                    tags.forEach((k, v) -> w.startObject().string("Key", k).string("Value", v).endObject());
                    w.endArray().endObject();
                });
            }
        }
        return Action.done(Response.EMPTY);
    }
}
