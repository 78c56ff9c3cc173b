package wildrydes.lab.archive;

import java.util.Locale;

/**
 * How objects are compressed. For JSON the whole object is compressed, as Firehose's S3
 * compression does (GZIP appends {@code .gz}); for Parquet it is the codec of the column data
 * inside the file, as Firehose's ParquetSerDe does (Snappy by default), and the name ends in
 * {@code .parquet} either way.
 */
public enum Compression {
    NONE("UNCOMPRESSED"), GZIP("GZIP"), SNAPPY("SNAPPY");

    private final String parquetCodec;

    Compression(String parquetCodec) {
        this.parquetCodec = parquetCodec;
    }

    /** The codec name DuckDB's COPY ... (FORMAT parquet, COMPRESSION ...) takes. */
    String parquetCodec() {
        return parquetCodec;
    }

    public static Compression parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a compression: use none or gzip (or snappy for parquet)");
        }
    }
}
