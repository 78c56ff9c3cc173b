package wildrydes.storage;

/** When {@link FileStorageEngine} acknowledges an append. */
public enum SyncMode {
    /** An append is acknowledged (and readable) once it has been fsynced; concurrent appends share fsyncs. */
    FSYNC,
    /**
     * An append is acknowledged once it has been written to the operating system. A crash of the
     * process loses nothing, a power loss can lose or tear recent appends. Nothing is ever fsynced,
     * not even metadata and blobs (their replacement stays atomic). After a power loss, open with
     * {@link StorageOptions#verifySealedSegmentsOnOpen()}: sealed segments were not fsynced before
     * their index files were written.
     */
    NONE
}
