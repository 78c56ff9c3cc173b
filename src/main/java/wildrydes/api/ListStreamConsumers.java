package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import wildrydes.errors.KinesisException;
import wildrydes.fanout.StreamConsumer;
import wildrydes.fanout.StreamConsumers;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamRegistry;

/** Lists a stream's consumers by name, in pages of MaxResults (default 100) with a NextToken. */
public final class ListStreamConsumers implements Action {
    private static final Shape INPUT = Shape.structure(
            required("StreamARN", Shapes.STREAM_ARN),
            optional("NextToken", Shapes.NEXT_TOKEN),
            optional("MaxResults", Shape.integer().range(1, 10000)),
            optional("StreamCreationTimestamp", Shape.timestamp()));

    private final StreamRegistry streams;
    private final StreamConsumers consumers;

    public ListStreamConsumers(StreamRegistry streams, StreamConsumers consumers) {
        this.streams = streams;
        this.consumers = consumers;
    }

    @Override
    public String name() {
        return "ListStreamConsumers";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        long now = streams.settings().clock().millis();
        Stream stream = streams.stream(StreamReference.resolve(request, streams.settings()));
        String streamArn = streams.settings().streamArn(stream.name());
        String after = null;
        if (request.has("NextToken")) {
            PageToken token = PageToken.decode(request.string("NextToken"), "consumers", now, name());
            if (!token.scope().equals(streamArn + "@" + stream.createdMillis())) {
                throw KinesisException.invalidArgument("Invalid NextToken: it was issued for another stream. Call "
                        + name() + " without NextToken to start again.");
            }
            after = token.lastKey();
        }
        List<StreamConsumer> all = new ArrayList<>(consumers.of(stream));
        all.sort(Comparator.comparing(StreamConsumer::name));
        int limit = request.intValue("MaxResults", 100);
        List<StreamConsumer> page = new ArrayList<>();
        boolean more = false;
        for (StreamConsumer consumer : all) {
            if (after != null && consumer.name().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(consumer);
        }
        String nextToken = more
                ? new PageToken("consumers", now, streamArn + "@" + stream.createdMillis(), page.getLast().name()).encode() : null;
        return Action.done(w -> {
            w.startObject().startArray("Consumers");
            for (StreamConsumer consumer : page) {
                w.startObject();
                ConsumerViews.consumer(w, consumer, streams.settings());
                w.endObject();
            }
            w.endArray();
            w.string("NextToken", nextToken);
            w.endObject();
        });
    }
}
