package wildrydes.metrics;

/**
 * The fixed set of per-stream, per-minute series, named after their CloudWatch counterparts.
 * Each is a sum over the minute except {@link #ITERATOR_AGE_MAX}, the largest
 * MillisBehindLatest a GetRecords call returned in the minute.
 */
public enum Metric {
    PUT_RECORD_SUCCESS("putRecordSuccess", "PutRecord calls that wrote their record"),
    PUT_RECORD_FAILED("putRecordFailed", "PutRecord calls that failed inside the server"),
    PUT_RECORD_BYTES("putRecordBytes", "Bytes (data and partition key) written with PutRecord"),
    PUT_RECORDS_SUCCESS("putRecordsSuccess", "PutRecords calls that wrote at least one record"),
    PUT_RECORDS_TOTAL_RECORDS("putRecordsTotalRecords", "Records sent with PutRecords"),
    PUT_RECORDS_SUCCESSFUL_RECORDS("putRecordsSuccessfulRecords", "Records written with PutRecords"),
    PUT_RECORDS_FAILED_RECORDS("putRecordsFailedRecords", "Records of PutRecords calls that were not written"),
    PUT_RECORDS_BYTES("putRecordsBytes", "Bytes (data and partition keys) sent with PutRecords"),
    INCOMING_RECORDS("incomingRecords", "Records written by PutRecord and PutRecords"),
    INCOMING_BYTES("incomingBytes", "Bytes (data and partition keys) written by PutRecord and PutRecords"),
    GET_RECORDS_SUCCESS("getRecordsSuccess", "GetRecords calls that succeeded"),
    GET_RECORDS_RECORDS("getRecordsRecords", "Records returned by GetRecords"),
    GET_RECORDS_BYTES("getRecordsBytes", "Bytes returned by GetRecords"),
    ITERATOR_AGE_MAX("iteratorAgeMillisMax", "Largest MillisBehindLatest returned by GetRecords"),
    WRITE_THROTTLED("writeThrottled", "Writes refused with ProvisionedThroughputExceededException"),
    READ_THROTTLED("readThrottled", "Reads refused with ProvisionedThroughputExceededException");

    /** How many series there are: the width of every minute bucket. */
    public static final int COUNT = values().length;

    private final String key;
    private final String description;

    Metric(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The name in the console's JSON. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** Whether minutes combine by taking the largest value rather than adding. */
    public boolean isMaximum() {
        return this == ITERATOR_AGE_MAX;
    }
}
