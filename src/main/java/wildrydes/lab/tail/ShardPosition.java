package wildrydes.lab.tail;

import java.math.BigInteger;

/**
 * How far a shard has been delivered: through the Kinesis record {@code sequenceNumber}, either
 * whole ({@code wholeRecord}: every user record it holds) or, inside a KPL aggregate, through
 * its user record {@code subSequenceNumber}. A tail resumes AFTER_SEQUENCE_NUMBER a whole
 * record, and AT_SEQUENCE_NUMBER a partly delivered aggregate, skipping the user records up to
 * {@code subSequenceNumber} (as the KCL does with its extended sequence numbers).
 *
 * @param subSequenceNumber the last user record delivered (0 for a record that is no aggregate)
 */
public record ShardPosition(String sequenceNumber, long subSequenceNumber, boolean wholeRecord) {
    public ShardPosition {
        if (sequenceNumber == null || !sequenceNumber.matches("\\d+")) {
            throw new IllegalArgumentException("not a sequence number: " + sequenceNumber);
        }
        if (subSequenceNumber < 0) {
            throw new IllegalArgumentException("negative sub-sequence number: " + subSequenceNumber);
        }
    }

    /** Everything through the Kinesis record {@code sequenceNumber}. */
    public static ShardPosition after(String sequenceNumber) {
        return new ShardPosition(sequenceNumber, 0, true);
    }

    /** User records 0 to {@code subSequenceNumber} of the aggregate {@code sequenceNumber}, but not the rest of it. */
    public static ShardPosition within(String sequenceNumber, long subSequenceNumber) {
        return new ShardPosition(sequenceNumber, subSequenceNumber, false);
    }

    /** Whether the user record ({@code sequence}, {@code subSequence}) is at or before this position. */
    public boolean covers(BigInteger sequence, long subSequence) {
        int order = sequence.compareTo(new BigInteger(sequenceNumber));
        return order < 0 || order == 0 && (wholeRecord || subSequence <= subSequenceNumber);
    }

    /** Whether the whole Kinesis record {@code sequence} is at or before this position. */
    public boolean coversWhole(BigInteger sequence) {
        int order = sequence.compareTo(new BigInteger(sequenceNumber));
        return order < 0 || order == 0 && wholeRecord;
    }

    /** Where reading resumes: after a whole record, at a partly delivered one. */
    StartPosition resumeAt() {
        return wholeRecord ? StartPosition.afterSequenceNumber(sequenceNumber) : StartPosition.atSequenceNumber(sequenceNumber);
    }
}
