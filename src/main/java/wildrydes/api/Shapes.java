package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import wildrydes.protocol.Member;
import wildrydes.protocol.Shape;
import wildrydes.stream.RecordSizes;

/** Shapes and constraints shared by many operations, as the API model (2013-12-02) declares them. */
final class Shapes {
    static final Shape STREAM_NAME = Shape.string().length(1, 128).pattern("[a-zA-Z0-9_.-]+");
    static final Shape STREAM_ARN = Shape.string().length(1, 2048).pattern("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    static final Shape STREAM_ID = Shape.string().length(1, 24).pattern("[a-z0-9]{20}-[a-z0-9]{3}");
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
    /** Up to 200 tags a call; a resource keeps at most 50 ({@code wildrydes.stream.TagRules}). */
    static final Shape TAG_MAP = Shape.map(TAG_KEY, TAG_VALUE).length(1, 200);
    /** The order is AWS's when it lists the set in a message (recorded), not the model's. */
    static final Shape SHARD_ITERATOR_TYPE = Shape.string().oneOf("AFTER_SEQUENCE_NUMBER", "LATEST", "AT_TIMESTAMP",
            "AT_SEQUENCE_NUMBER", "TRIM_HORIZON");
    static final Shape NEXT_TOKEN = Shape.string().length(1, 1_048_576);
    static final Shape STREAM_MODE_DETAILS = Shape.structure(
            Member.required("StreamMode", Shape.string().oneOf("PROVISIONED", "ON_DEMAND")));

    /**
     * StreamName may be left out when StreamARN names the stream; with neither, AWS reports
     * StreamName missing among the other validation errors (kinesalite's recordings).
     */
    static final Member STREAM_NAME_MEMBER = Member.requiredUnless("StreamName", STREAM_NAME, "StreamARN");
    static final Member STREAM_ARN_MEMBER = optional("StreamARN", STREAM_ARN);
    static final Member STREAM_ID_MEMBER = optional("StreamId", STREAM_ID);

    private Shapes() {
    }

    /**
     * A structure of StreamName, the given members, StreamARN and StreamId, in the model's
     * order, which is the order AWS reports validation errors in (and so which ten it reports).
     */
    static Shape withStream(Member... members) {
        Member[] all = new Member[members.length + 3];
        all[0] = STREAM_NAME_MEMBER;
        System.arraycopy(members, 0, all, 1, members.length);
        all[members.length + 1] = STREAM_ARN_MEMBER;
        all[members.length + 2] = STREAM_ID_MEMBER;
        return Shape.structure(all);
    }
}
