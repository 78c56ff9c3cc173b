package wildrydes.tables.storage;

/**
 * One change in a batch. Every mutation sets state rather than adjusting it, so replaying a
 * journal over a snapshot taken while writes went on yields the same state as the original run.
 */
public sealed interface Mutation {

    /** Creates the keyspace, or replaces its metadata and keeps its entries. */
    record PutKeyspace(String keyspace, byte[] metadata) implements Mutation {
    }

    /** Removes the keyspace and every entry in it. */
    record DropKeyspace(String keyspace) implements Mutation {
    }

    /** Sets the entry's value. */
    record Put(String keyspace, byte[] key, byte[] value) implements Mutation {
    }

    /** Removes the entry, if there is one. */
    record Delete(String keyspace, byte[] key) implements Mutation {
    }
}
