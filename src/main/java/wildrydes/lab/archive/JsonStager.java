package wildrydes.lab.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import wildrydes.lab.tail.TailRecord;

/**
 * One object per delivery holding the records' bytes concatenated, unchanged, as Firehose writes
 * them without a format conversion (so records that end in a newline make newline-delimited
 * JSON), optionally gzip-compressed as a whole ({@code .gz}).
 */
final class JsonStager implements ObjectStager {
    private final Path lake;
    private final String name;
    private final boolean gzip;

    JsonStager(Path lake, String name, Compression compression) {
        if (compression == Compression.SNAPPY) {
            throw new IllegalArgumentException("snappy compression is for parquet objects; use none or gzip for json");
        }
        this.lake = lake;
        this.name = name;
        this.gzip = compression == Compression.GZIP;
    }

    @Override
    public List<StagedObject> stage(List<TailRecord> records, Instant oldestArrival) throws IOException {
        UUID uuid = UUID.randomUUID();
        Path staging = LakeLayout.stagingDirectory(lake, name);
        DurableFiles.createDirectories(staging);
        Path staged = staging.resolve(uuid.toString());
        long[] bytes = {0};
        long size = DurableFiles.write(staged, out -> {
            OutputStream target = gzip ? new GZIPOutputStream(out, 64 * 1024) : new java.io.BufferedOutputStream(out, 64 * 1024);
            for (TailRecord record : records) {
                target.write(record.data());
                bytes[0] += record.data().length;
            }
            if (target instanceof GZIPOutputStream compressed) {
                compressed.finish();
            }
            target.flush();
        });
        String key = ObjectNames.key(name, oldestArrival, uuid, gzip ? ".gz" : "");
        return List.of(new StagedObject(staged, key, records.size(), bytes[0], size, false));
    }
}
