package wildrydes.stream;

import java.util.List;
import java.util.Map;

/** AddTagsToStream and RemoveTagsFromStream: a stream's tags, kept in its metadata. */
public final class StreamTags {
    private final StreamRegistry streams;

    public StreamTags(StreamRegistry streams) {
        this.streams = streams;
    }

    public void addTags(String name, Map<String, String> tags) {
        synchronized (streams) {
            Stream stream = notDeleting(name);
            Map<String, String> current = stream.mutableTags();
            TagRules.checkAdding(name, current, tags, streams.settings().accountId());
            current.putAll(tags);
            streams.persist(stream);
        }
    }

    public void removeTags(String name, List<String> keys) {
        synchronized (streams) {
            Stream stream = notDeleting(name);
            TagRules.checkKeys(keys);
            keys.forEach(stream.mutableTags()::remove);
            streams.persist(stream);
        }
    }

    private Stream notDeleting(String name) {
        Stream stream = streams.stream(name);
        if (stream.status() == StreamStatus.DELETING) {
            throw streams.notActive(stream);
        }
        return stream;
    }
}
