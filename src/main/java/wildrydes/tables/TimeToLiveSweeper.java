package wildrydes.tables;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.ItemCodec;
import wildrydes.tables.storage.Mutation;
import wildrydes.tables.storage.TableStore;

/**
 * Deletes expired items of tables with time to live enabled: those whose TTL attribute is a
 * number of epoch seconds in the past (but not more than five years back, which DynamoDB also
 * leaves alone). DynamoDB does this within days; this server within seconds.
 */
final class TimeToLiveSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(TimeToLiveSweeper.class);
    private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;
    private static final int MAX_PER_SWEEP = 1000;

    private final TableCatalog catalog;
    private final TableStore store;
    private final Clock clock;

    TimeToLiveSweeper(TableCatalog catalog, TableStore store, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
    }

    int sweep() {
        int deleted = 0;
        try {
            long now = clock.millis() / 1000;
            for (Table table : catalog.all()) {
                TableDefinition d = table.definition();
                if (!"ENABLED".equals(d.ttlStatus()) || !d.status().equals("ACTIVE")) {
                    continue;
                }
                deleted += sweep(table, d.ttlAttribute(), now);
            }
        } catch (RuntimeException e) {
            LOG.warn("Time-to-live sweep failed: {}", e.toString());
        }
        return deleted;
    }

    private int sweep(Table table, String attribute, long now) {
        List<byte[]> expired = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : table.keyspace().entries().entrySet()) {
            if (isExpired(ItemCodec.decode(e.getValue()).get(attribute), now)) {
                expired.add(e.getKey());
                if (expired.size() >= MAX_PER_SWEEP) {
                    break;
                }
            }
        }
        int deleted = 0;
        for (byte[] key : expired) {
            table.writeLock.lock();
            try {
                Map<String, AttributeValue> item = table.item(key);
                if (item != null && isExpired(item.get(attribute), now)) {
                    store.apply(List.of(new Mutation.Delete(table.definition().keyspace(), key)));
                    table.indexChange(item, null, key);
                    deleted++;
                }
            } finally {
                table.writeLock.unlock();
            }
        }
        return deleted;
    }

    private static boolean isExpired(AttributeValue value, long now) {
        if (!(value instanceof AttributeValue.N n)) {
            return false;
        }
        BigDecimal at = n.value();
        return at.compareTo(BigDecimal.valueOf(now)) < 0 && at.compareTo(BigDecimal.valueOf(now - FIVE_YEARS_SECONDS)) > 0;
    }
}
