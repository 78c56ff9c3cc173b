package wildrydes.stream;

import java.util.List;
import wildrydes.storage.StoredRecord;

/**
 * A GetRecords answer. {@code nextShardIterator} is null exactly when the shard is closed and
 * read to its end, and then {@code childShards} is not empty.
 */
public record RecordsPage(Stream stream, Shard shard, List<StoredRecord> records, String nextShardIterator,
                          long millisBehindLatest, List<Shard> childShards) {
}
