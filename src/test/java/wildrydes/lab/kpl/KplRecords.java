package wildrydes.lab.kpl;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import software.amazon.kinesis.retrieval.kpl.Messages;

/** KPL aggregates for tests, built with the KCL's own generated protobuf classes. */
public final class KplRecords {
    private KplRecords() {
    }

    /** Magic, the message, its MD5. */
    public static byte[] framed(byte[] message) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(message);
            return ByteBuffer.allocate(4 + message.length + 16).put(KplAggregate.MAGIC).put(message).put(md5).array();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An aggregate of these user records, all with the one partition key (so that they all belong to the same shard). */
    public static byte[] aggregate(String partitionKey, List<String> data) {
        Messages.AggregatedRecord.Builder aggregate = Messages.AggregatedRecord.newBuilder().addPartitionKeyTable(partitionKey);
        for (String one : data) {
            aggregate.addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(0)
                    .setData(ByteString.copyFrom(one, StandardCharsets.UTF_8)));
        }
        return framed(aggregate.build().toByteArray());
    }
}
