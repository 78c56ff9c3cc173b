package wildrydes.tables;

import java.util.List;
import java.util.Map;

/**
 * Everything DescribeTable tells about a table except its item count and size, which come from
 * storage. Kept as the table keyspace's metadata (JSON, see {@link TableDefinitions}).
 *
 * @param attributes         AttributeDefinitions, in the order given
 * @param onDemand           PAY_PER_REQUEST rather than PROVISIONED
 * @param onDemandSinceMillis when the table last became on-demand (0 if never)
 * @param indexes            global and local secondary indexes, in the order given
 * @param status             CREATING, ACTIVE, UPDATING or DELETING
 * @param ttlStatus          ENABLED or DISABLED (TTL on ttlAttribute)
 */
public record TableDefinition(String name, String id, long createdMillis, List<AttributeDefinition> attributes, KeySchema key,
                              boolean onDemand, long onDemandSinceMillis, Throughput throughput, List<IndexDefinition> indexes,
                              String status, List<Tag> tags, String ttlAttribute, String ttlStatus,
                              boolean pointInTimeRecovery, long pointInTimeRecoverySinceMillis, boolean deletionProtection,
                              String tableClass) {

    public record AttributeDefinition(String name, String type) {
    }

    public record Tag(String key, String value) {
    }

    public TableDefinition {
        attributes = List.copyOf(attributes);
        indexes = List.copyOf(indexes);
        tags = List.copyOf(tags);
    }

    /** The storage keyspace of this table (a new one for every table created, even under an old name). */
    public String keyspace() {
        return "table:" + id;
    }

    public IndexDefinition index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst().orElse(null);
    }

    public List<IndexDefinition> globalIndexes() {
        return indexes.stream().filter(IndexDefinition::global).toList();
    }

    public List<IndexDefinition> localIndexes() {
        return indexes.stream().filter(i -> !i.global()).toList();
    }

    public String arn(String region, String account) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
    }

    public TableDefinition withStatus(String newStatus) {
        return new TableDefinition(name, id, createdMillis, attributes, key, onDemand, onDemandSinceMillis, throughput, indexes,
                newStatus, tags, ttlAttribute, ttlStatus, pointInTimeRecovery, pointInTimeRecoverySinceMillis, deletionProtection,
                tableClass);
    }

    public TableDefinition withIndexes(List<IndexDefinition> newIndexes, List<AttributeDefinition> newAttributes) {
        return new TableDefinition(name, id, createdMillis, newAttributes, key, onDemand, onDemandSinceMillis, throughput,
                newIndexes, status, tags, ttlAttribute, ttlStatus, pointInTimeRecovery, pointInTimeRecoverySinceMillis,
                deletionProtection, tableClass);
    }

    public TableDefinition withCapacity(boolean newOnDemand, long newOnDemandSince, Throughput newThroughput) {
        return new TableDefinition(name, id, createdMillis, attributes, key, newOnDemand, newOnDemandSince, newThroughput, indexes,
                status, tags, ttlAttribute, ttlStatus, pointInTimeRecovery, pointInTimeRecoverySinceMillis, deletionProtection,
                tableClass);
    }

    public TableDefinition withTags(List<Tag> newTags) {
        return new TableDefinition(name, id, createdMillis, attributes, key, onDemand, onDemandSinceMillis, throughput, indexes,
                status, newTags, ttlAttribute, ttlStatus, pointInTimeRecovery, pointInTimeRecoverySinceMillis, deletionProtection,
                tableClass);
    }

    public TableDefinition withTimeToLive(String attribute, String newStatus) {
        return new TableDefinition(name, id, createdMillis, attributes, key, onDemand, onDemandSinceMillis, throughput, indexes,
                status, tags, attribute, newStatus, pointInTimeRecovery, pointInTimeRecoverySinceMillis, deletionProtection,
                tableClass);
    }

    public TableDefinition withPointInTimeRecovery(boolean enabled, long since) {
        return new TableDefinition(name, id, createdMillis, attributes, key, onDemand, onDemandSinceMillis, throughput, indexes,
                status, tags, ttlAttribute, ttlStatus, enabled, since, deletionProtection, tableClass);
    }

    public TableDefinition withDeletionProtection(boolean enabled) {
        return new TableDefinition(name, id, createdMillis, attributes, key, onDemand, onDemandSinceMillis, throughput, indexes,
                status, tags, ttlAttribute, ttlStatus, pointInTimeRecovery, pointInTimeRecoverySinceMillis, enabled, tableClass);
    }

    public TableDefinition withTableClass(String newClass) {
        return new TableDefinition(name, id, createdMillis, attributes, key, onDemand, onDemandSinceMillis, throughput, indexes,
                status, tags, ttlAttribute, ttlStatus, pointInTimeRecovery, pointInTimeRecoverySinceMillis, deletionProtection,
                newClass);
    }

    /** Tags as a map, in order. */
    public Map<String, String> tagMap() {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }
}
