package wildrydes.tables;

import java.util.List;

/**
 * A secondary index: global (its own partition key) or local (the table's partition key and
 * another sort key), what it projects, and its state.
 *
 * @param projectionType   ALL, KEYS_ONLY or INCLUDE
 * @param nonKeyAttributes for INCLUDE: the other attributes it carries
 * @param status           CREATING, ACTIVE, UPDATING or DELETING (global indexes)
 */
public record IndexDefinition(String name, boolean global, KeySchema key, String projectionType, List<String> nonKeyAttributes,
                              Throughput throughput, String status, long createdMillis) {

    public IndexDefinition withStatus(String newStatus) {
        return new IndexDefinition(name, global, key, projectionType, nonKeyAttributes, throughput, newStatus, createdMillis);
    }

    public IndexDefinition withThroughput(Throughput newThroughput) {
        return new IndexDefinition(name, global, key, projectionType, nonKeyAttributes, newThroughput, status, createdMillis);
    }
}
