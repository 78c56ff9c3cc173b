package wildrydes.lab.query;

/** How query results are printed. */
public enum OutputMode {
    /** Aligned columns under a header, numbers to the right (default). */
    TABLE,
    /** RFC 4180 CSV with a header line. */
    CSV,
    /** One JSON object per row (JSON lines), columns in order. */
    JSON
}
