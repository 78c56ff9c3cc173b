package wildrydes.lab.kpl;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Takes apart the records that the Kinesis Producer Library writes in its aggregate format, as
 * the Kinesis Client Library does ({@code AggregatorUtil.deaggregate}). The format:
 * <pre>
 *   4 magic bytes F3 89 9A C2
 *   a protobuf AggregatedRecord {
 *       repeated string partition_key_table = 1;
 *       repeated string explicit_hash_key_table = 2;
 *       repeated Record records = 3;   // Record { required uint64 partition_key_index = 1;
 *   }                                  //          optional uint64 explicit_hash_key_index = 2;
 *                                      //          required bytes data = 3; repeated Tag tags = 4; }
 *                                      // Tag { required string key = 1; optional string value = 2; }
 *   the 16-byte MD5 of the protobuf bytes
 * </pre>
 * As in the KCL: a record without the magic, too short, with a wrong MD5 or a protobuf that does
 * not parse is delivered as it is; the user records of a good aggregate get sub-sequence numbers
 * 0, 1, ...; and if one user record's hash key (its explicit hash key, else the MD5 of its
 * partition key) lies outside the shard's range, the whole aggregate is dropped — the KCL's rule
 * for aggregates the KPL routed by a shard map that a reshard has since changed. One deliberate
 * difference: an aggregate whose record points past the end of its partition key or explicit hash
 * key table, or whose explicit hash key is not a number, is delivered as it is (the KCL logs an
 * error and keeps only the user records before that one).
 */
public final class KplAggregate {
    public static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    static final int DIGEST_LENGTH = 16;

    private KplAggregate() {
    }

    /** True when the data starts with the aggregate magic (it may still not be a valid aggregate). */
    public static boolean hasMagic(byte[] data) {
        return data.length >= MAGIC.length && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** What the Kinesis record with this data holds, for a shard with this hash key range. */
    public static Deaggregation deaggregate(byte[] data, HashKeyRange shardRange) {
        if (!hasMagic(data)) {
            return Deaggregation.PLAIN;
        }
        int messageLength = data.length - MAGIC.length - DIGEST_LENGTH;
        if (messageLength <= 0) {
            return Deaggregation.malformed("too short for a KPL aggregate");
        }
        MessageDigest md5 = md5();
        md5.update(data, MAGIC.length, messageLength);
        if (!Arrays.equals(md5.digest(), 0, DIGEST_LENGTH, data, data.length - DIGEST_LENGTH, data.length)) {
            return Deaggregation.malformed("its MD5 does not match");
        }
        AggregatedRecord aggregate;
        try {
            aggregate = AggregatedRecord.parse(new ProtobufReader(data, MAGIC.length, messageLength));
        } catch (ProtobufReader.MalformedException e) {
            return Deaggregation.malformed("its protobuf does not parse: " + e.getMessage());
        }
        return userRecords(aggregate, shardRange, md5);
    }

    private static Deaggregation userRecords(AggregatedRecord aggregate, HashKeyRange shardRange, MessageDigest md5) {
        List<UserRecord> records = new ArrayList<>(aggregate.records().size());
        for (AggregatedRecord.Entry entry : aggregate.records()) {
            long subSequence = records.size();
            int keyIndex = (int) entry.partitionKeyIndex(); // the KCL's cast, wrap-around included
            if (keyIndex < 0 || keyIndex >= aggregate.partitionKeys().size()) {
                return Deaggregation.malformed("user record " + subSequence + " names partition key " + entry.partitionKeyIndex()
                        + " of " + aggregate.partitionKeys().size());
            }
            String partitionKey = aggregate.partitionKeys().get(keyIndex);
            String explicitHashKey = null;
            BigInteger hashKey;
            if (entry.explicitHashKeyIndex() != null) {
                int hashIndex = (int) entry.explicitHashKeyIndex().longValue();
                if (hashIndex < 0 || hashIndex >= aggregate.explicitHashKeys().size()) {
                    return Deaggregation.malformed("user record " + subSequence + " names explicit hash key "
                            + entry.explicitHashKeyIndex() + " of " + aggregate.explicitHashKeys().size());
                }
                explicitHashKey = aggregate.explicitHashKeys().get(hashIndex);
                try {
                    hashKey = new BigInteger(explicitHashKey);
                } catch (NumberFormatException e) {
                    return Deaggregation.malformed("user record " + subSequence + " has the explicit hash key '"
                            + explicitHashKey + "', not a number");
                }
            } else {
                hashKey = new BigInteger(1, md5.digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
            }
            if (!shardRange.contains(hashKey)) {
                return new Deaggregation(Deaggregation.Kind.OUT_OF_RANGE, List.of(),
                        "user record " + subSequence + " has hash key " + hashKey + ", outside the shard's range "
                                + shardRange.start() + ".." + shardRange.end());
            }
            records.add(new UserRecord(subSequence, partitionKey, explicitHashKey, entry.data()));
        }
        return new Deaggregation(Deaggregation.Kind.AGGREGATE, List.copyOf(records), null);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
