package wildrydes.lab.archive;

/** What a delivered object holds: the records' bytes as they are (JSON), or the records converted to Parquet. */
public enum ObjectFormat {
    JSON, PARQUET
}
