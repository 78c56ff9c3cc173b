package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.protocol.Timestamp;
import wildrydes.stream.Shard;
import wildrydes.stream.ShardIds;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamRegistry;

/**
 * ListShards: a page of shards, chosen by ShardFilter or ExclusiveStartShardId. A NextToken
 * carries the stream and the last shard listed, and may not be combined with the stream's name.
 */
public final class ListShards implements Action {
    private static final Shape SHARD_FILTER = Shape.structure(
            required("Type", Shape.string().oneOf("AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST",
                    "AT_TIMESTAMP", "FROM_TIMESTAMP")),
            optional("ShardId", Shapes.SHARD_ID),
            optional("Timestamp", Shape.timestamp()));
    private static final Shape INPUT = Shapes.withStream(
            optional("NextToken", Shapes.NEXT_TOKEN),
            optional("ExclusiveStartShardId", Shapes.SHARD_ID),
            optional("MaxResults", Shape.integer().range(1, 10000)),
            optional("StreamCreationTimestamp", Shape.timestamp()),
            optional("ShardFilter", SHARD_FILTER));

    private final StreamRegistry streams;

    public ListShards(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "ListShards";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        long now = streams.settings().clock().millis();
        boolean named = request.has("StreamName") || request.has("StreamARN");
        String streamName;
        String exclusiveStart = request.string("ExclusiveStartShardId");
        Struct filter = request.struct("ShardFilter");
        if (request.has("NextToken")) {
            if (request.has("StreamName")) {
                throw KinesisException.invalidArgument("NextToken and StreamName cannot be provided together.");
            }
            if (request.has("StreamARN")) {
                throw KinesisException.invalidArgument("NextToken and StreamARN cannot be provided together.");
            }
            if (filter != null) {
                throw KinesisException.invalidArgument("NextToken and ShardFilter cannot be provided together.");
            }
            if (exclusiveStart != null) {
                throw KinesisException.invalidArgument("NextToken and ExclusiveStartShardId cannot be provided together.");
            }
            PageToken token = PageToken.decode(request.string("NextToken"), "shards", now, name());
            streamName = token.scope();
            exclusiveStart = token.lastKey();
        } else if (!named) {
            throw KinesisException.invalidArgument("Either NextToken or StreamName should be provided.");
        } else {
            streamName = StreamReference.resolve(request, streams.settings());
        }
        Stream stream = streams.stream(streamName);
        Timestamp created = request.timestamp("StreamCreationTimestamp");
        if (created != null && created.epochMillis() / 1000 != stream.createdMillis() / 1000) {
            throw KinesisException.notFound("Stream " + streamName + " under account " + streams.settings().accountId()
                    + " with creation timestamp " + created.epochMillis() + " not found.");
        }
        if (filter != null) {
            exclusiveStart = applyFilterStart(filter, exclusiveStart);
        }
        int after = exclusiveStart == null ? -1 : ShardIds.parse(exclusiveStart);
        int max = request.intValue("MaxResults", 1000);
        List<Shard> page = new ArrayList<>();
        boolean more = false;
        for (Shard shard : stream.shards()) {
            if ((exclusiveStart != null && shard.index() <= after) || !matches(filter, stream, shard)) {
                continue;
            }
            if (page.size() == max) {
                more = true;
                break;
            }
            page.add(shard);
        }
        String nextToken = more ? new PageToken("shards", now, stream.name(), page.get(page.size() - 1).id()).encode() : null;
        return Action.done(w -> {
            w.startObject().startArray("Shards");
            page.forEach(shard -> StreamViews.shard(w, stream, shard));
            w.endArray();
            w.string("NextToken", nextToken);
            w.endObject();
        });
    }

    private static String applyFilterStart(Struct filter, String exclusiveStart) {
        String type = filter.string("Type");
        if (type.equals("AFTER_SHARD_ID")) {
            if (!filter.has("ShardId")) {
                throw KinesisException.invalidArgument("ShardFilter of type AFTER_SHARD_ID requires a ShardId.");
            }
            return filter.string("ShardId");
        }
        if ((type.equals("AT_TIMESTAMP") || type.equals("FROM_TIMESTAMP")) && !filter.has("Timestamp")) {
            throw KinesisException.invalidArgument("ShardFilter of type " + type + " requires a Timestamp.");
        }
        if (filter.has("ShardId") && !type.equals("AFTER_SHARD_ID")) {
            throw KinesisException.invalidArgument("ShardFilter of type " + type + " does not take a ShardId.");
        }
        return exclusiveStart;
    }

    /** Whether a shard belongs to the filter's view of the stream's lineage. */
    private boolean matches(Struct filter, Stream stream, Shard shard) {
        if (filter == null) {
            return true;
        }
        long trimHorizon = streams.settings().clock().millis() - stream.retentionHours() * 3_600_000L;
        return switch (filter.string("Type")) {
            case "AT_LATEST" -> shard.isOpen();
            case "AT_TRIM_HORIZON" -> openAt(stream, shard, trimHorizon);
            case "FROM_TRIM_HORIZON" -> openAtOrAfter(stream, shard, trimHorizon);
            case "AT_TIMESTAMP" -> openAt(stream, shard, filter.timestamp("Timestamp").epochMillis());
            case "FROM_TIMESTAMP" -> openAtOrAfter(stream, shard, filter.timestamp("Timestamp").epochMillis());
            default -> true; // AFTER_SHARD_ID: every shard after the given one
        };
    }

    /** Open at the time (a time before the stream existed counts as its creation). */
    private static boolean openAt(Stream stream, Shard shard, long millis) {
        long at = Math.max(millis, stream.createdMillis());
        boolean created = shard.createdMillis() <= at || shard.parentShardId() == null;
        return created && openAtOrAfter(stream, shard, at);
    }

    private static boolean openAtOrAfter(Stream stream, Shard shard, long millis) {
        long at = Math.max(millis, stream.createdMillis());
        return shard.isOpen() || shard.closedMillis() > at;
    }
}
