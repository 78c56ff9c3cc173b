package wildrydes.lab.consumer;

/** How the consumer prints a record. */
public enum OutputFormat {
    /** JSON indented with 4 spaces, as the original consumer printed it. */
    PRETTY,
    /** One compact JSON value per line, for jq and grep. */
    LINE,
    /** The data as it is, one record per line. */
    RAW,
    /** The data in base64, one record per line, for binary data. */
    BASE64
}
