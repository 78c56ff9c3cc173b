package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import wildrydes.protocol.Member;
import wildrydes.protocol.Shape;
import wildrydes.stream.RecordSizes;

/** Shapes and constraints shared by many operations, as the API model (2013-12-02) declares them. */
final class Shapes {
    static final Shape STREAM_NAME = Shape.string().length(1, 128).pattern("[a-zA-Z0-9_.-]+");
    static final Shape STREAM_ARN = Shape.string().length(1, 2048).pattern("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    static final Shape STREAM_ID = Shape.string().length(1, 24).pattern("[a-z0-9]+");
    static final Shape SHARD_ID = Shape.string().length(1, 128).pattern("[a-zA-Z0-9_.-]+");
    static final Shape PARTITION_KEY = Shape.string().length(1, 256);
    static final Shape HASH_KEY = Shape.string().pattern("0|([1-9]\\d{0,38})");
    static final Shape SEQUENCE_NUMBER = Shape.string().pattern("0|([1-9]\\d{0,128})");
    /**
     * Up to the largest record of any stream, as in the API model; the stream's own maximum is
     * checked by {@link RecordSizes} when the record is written.
     */
    static final Shape DATA = Shape.blob().length(0, RecordSizes.MAX_RECORD_BYTES);
    /** MaxRecordSizeInKiB of CreateStream and UpdateMaxRecordSize. */
    static final Shape MAX_RECORD_SIZE_KIB = Shape.integer()
            .range(RecordSizes.SMALLEST_MAX_RECORD_SIZE_KIB, RecordSizes.LARGEST_MAX_RECORD_SIZE_KIB);
    static final Shape TAG_KEY = Shape.string().length(1, 128);
    static final Shape TAG_VALUE = Shape.string().length(0, 256);
    static final Shape NEXT_TOKEN = Shape.string().length(1, 1_048_576);
    static final Shape STREAM_MODE_DETAILS = Shape.structure(
            Member.required("StreamMode", Shape.string().oneOf("PROVISIONED", "ON_DEMAND")));

    /** StreamName, StreamARN and StreamId: how almost every operation names its stream. */
    static final Member[] STREAM_REFERENCE = {
        optional("StreamName", STREAM_NAME),
        optional("StreamARN", STREAM_ARN),
        optional("StreamId", STREAM_ID),
    };

    private Shapes() {
    }

    /** A structure of the stream reference members followed by the given ones. */
    static Shape withStream(Member... members) {
        Member[] all = new Member[STREAM_REFERENCE.length + members.length];
        System.arraycopy(STREAM_REFERENCE, 0, all, 0, STREAM_REFERENCE.length);
        System.arraycopy(members, 0, all, STREAM_REFERENCE.length, members.length);
        return Shape.structure(all);
    }
}
