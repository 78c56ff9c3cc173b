package wildrydes.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import wildrydes.lab.archive.ObjectNames;

/** The records of a stream and of a lake's objects, to compare them in the lake's end-to-end tests. */
final class LakeRecords {
    static final ObjectMapper JSON = new ObjectMapper();

    private LakeRecords() {
    }

    /** Every record's data in the stream, all shards (closed ones too), as text. */
    static List<String> stream(KinesisClient kinesis, String stream) {
        List<String> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                for (Record record : page.records()) {
                    all.add(record.data().asUtf8String());
                }
                if (page.records().isEmpty() && (page.millisBehindLatest() == null || page.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return all;
    }

    /** Every delivered data object (not conversion failures) of {@code name} in the lake, as paths. */
    static List<Path> objects(Path lake, String name) {
        Path folder = lake.resolve(name);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> ObjectNames.isObject(f.getFileName().toString()))
                    .filter(f -> !folder.relativize(f).toString().startsWith(ObjectNames.CONVERSION_FAILED)).sorted().toList();
        } catch (NoSuchFileException raced) {
            return objects(lake, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object's bytes, gunzipped for .gz. */
    static byte[] bytes(Path object) throws IOException {
        try (InputStream in = object.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(object))
                : Files.newInputStream(object)) {
            return in.readAllBytes();
        }
    }

    /** The records of a JSON object written from the producer's readings: each a line ending in a newline. */
    static List<String> records(Path object) throws IOException {
        String text = new String(bytes(object), StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError(object + " ends in the middle of a record");
        }
        List<String> records = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                JsonNode reading = JSON.readTree(line); // a torn object would not parse
                if (!reading.has("Name") || !reading.has("HealthPoints")) {
                    throw new AssertionError(object + " holds a record that is no reading: " + line);
                }
                records.add(line + "\n");
            }
        }
        return records;
    }
}
