package wildrydes.lab.kpl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * De-aggregation of KPL records, checked against the Kinesis Client Library itself: the
 * aggregates are built with the KCL's generated protobuf classes and every result is compared
 * with what {@link AggregatorUtil#deaggregate} makes of the same record.
 */
class KplAggregateTest {
    private static final BigInteger MIDDLE = BigInteger.ONE.shiftLeft(127);
    private static final HashKeyRange LOWER_HALF = new HashKeyRange(BigInteger.ZERO, MIDDLE.subtract(BigInteger.ONE));

    /** A user record as both sides see it: (aggregated, sub-sequence number, partition key, explicit hash key, data). */
    record Seen(boolean aggregated, long subSequenceNumber, String partitionKey, String explicitHashKey, String data) {
    }

    static byte[] framed(byte[] message) throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(message);
        ByteBuffer out = ByteBuffer.allocate(4 + message.length + 16);
        return out.put(KplAggregate.MAGIC).put(message).put(md5).array();
    }

    static Messages.Record.Builder userRecord(int partitionKeyIndex, String data) {
        return Messages.Record.newBuilder().setPartitionKeyIndex(partitionKeyIndex).setData(ByteString.copyFromUtf8(data));
    }

    /** Three user records: two routed by partition key, one by explicit hash key, with tags. */
    static Messages.AggregatedRecord.Builder threeRides() {
        return Messages.AggregatedRecord.newBuilder()
                .addPartitionKeyTable("Shadowfax").addPartitionKeyTable("Bucephalus")
                .addExplicitHashKeyTable("5")
                .addRecords(userRecord(0, "{\"Name\":\"Shadowfax\"}"))
                .addRecords(userRecord(1, "{\"Name\":\"Bucephalus\"}")
                        .addTags(Messages.Tag.newBuilder().setKey("colour").setValue("white")))
                .addRecords(userRecord(0, "{\"Name\":\"Shadowfax\",\"n\":2}").setExplicitHashKeyIndex(0));
    }

    static List<Seen> ours(byte[] data, HashKeyRange range) {
        Deaggregation result = KplAggregate.deaggregate(data, range);
        if (result.deliverAsIs()) {
            return List.of(new Seen(false, 0, "outer", null, latin1(data)));
        }
        return result.records().stream().map(r -> new Seen(true, r.subSequenceNumber(), r.partitionKey(), r.explicitHashKey(),
                latin1(r.data()))).toList();
    }

    static List<Seen> kcl(byte[] data, HashKeyRange range) {
        KinesisClientRecord record = KinesisClientRecord.builder().data(ByteBuffer.wrap(data.clone())).partitionKey("outer")
                .sequenceNumber("49000000000000000000000000000000000000000000000000000001")
                .approximateArrivalTimestamp(Instant.parse("2026-01-01T00:00:00Z")).build();
        List<Seen> seen = new ArrayList<>();
        for (KinesisClientRecord r : new AggregatorUtil().deaggregate(List.of(record), range.start(), range.end())) {
            byte[] bytes = new byte[r.data().remaining()];
            r.data().duplicate().get(bytes);
            seen.add(new Seen(r.aggregated(), r.subSequenceNumber(), r.partitionKey(), r.explicitHashKey(), latin1(bytes)));
        }
        return seen;
    }

    private static String latin1(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aGoodAggregateBecomesItsUserRecordsNumberedFromZero() throws Exception {
        byte[] data = framed(threeRides().build().toByteArray());
        Deaggregation result = KplAggregate.deaggregate(data, HashKeyRange.ALL);
        assertThat(result.kind()).isEqualTo(Deaggregation.Kind.AGGREGATE);
        assertThat(result.records()).extracting(UserRecord::subSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(result.records()).extracting(UserRecord::partitionKey).containsExactly("Shadowfax", "Bucephalus", "Shadowfax");
        assertThat(result.records()).extracting(UserRecord::explicitHashKey).containsExactly(null, null, "5");
        assertThat(new String(result.records().get(1).data(), StandardCharsets.UTF_8)).isEqualTo("{\"Name\":\"Bucephalus\"}");
        assertThat(ours(data, HashKeyRange.ALL)).isEqualTo(kcl(data, HashKeyRange.ALL)).hasSize(3);
    }

    @Test
    void aWrongMd5IsDeliveredAsItIs() throws Exception {
        byte[] data = framed(threeRides().build().toByteArray());
        data[data.length - 1] ^= 1;
        assertThat(KplAggregate.deaggregate(data, HashKeyRange.ALL).kind()).isEqualTo(Deaggregation.Kind.MALFORMED);
        assertThat(KplAggregate.deaggregate(data, HashKeyRange.ALL).problem()).contains("MD5");
        assertThat(ours(data, HashKeyRange.ALL)).isEqualTo(kcl(data, HashKeyRange.ALL)).hasSize(1);
    }

    @Test
    void aTruncatedProtobufWithAMatchingMd5IsDeliveredAsItIs() throws Exception {
        byte[] message = threeRides().build().toByteArray();
        for (int length = 1; length < message.length; length++) {
            byte[] data = framed(Arrays.copyOf(message, length));
            assertThat(ours(data, HashKeyRange.ALL)).as("cut at %d of %d", length, message.length)
                    .isEqualTo(kcl(data, HashKeyRange.ALL));
        }
        Deaggregation cut = KplAggregate.deaggregate(framed(Arrays.copyOf(message, message.length - 3)), HashKeyRange.ALL);
        assertThat(cut.kind()).isEqualTo(Deaggregation.Kind.MALFORMED);
        assertThat(cut.problem()).contains("does not parse");
    }

    @Test
    void aUserRecordOutsideTheShardsRangeDropsTheWholeAggregateAsTheKclDoes() throws Exception {
        // "Bucephalus" hashes into the upper half of the key space, so a shard owning the lower half drops the aggregate.
        assertThat(new BigInteger(1, MessageDigest.getInstance("MD5").digest("Bucephalus".getBytes(StandardCharsets.UTF_8))))
                .isGreaterThanOrEqualTo(MIDDLE);
        byte[] data = framed(threeRides().build().toByteArray());
        Deaggregation result = KplAggregate.deaggregate(data, LOWER_HALF);
        assertThat(result.kind()).isEqualTo(Deaggregation.Kind.OUT_OF_RANGE);
        assertThat(result.problem()).contains("user record 1");
        assertThat(ours(data, LOWER_HALF)).isEmpty();
        assertThat(kcl(data, LOWER_HALF)).isEmpty();

        byte[] explicitOutside = framed(Messages.AggregatedRecord.newBuilder().addPartitionKeyTable("a")
                .addExplicitHashKeyTable(MIDDLE.toString()).addRecords(userRecord(0, "x").setExplicitHashKeyIndex(0))
                .build().toByteArray());
        assertThat(KplAggregate.deaggregate(explicitOutside, LOWER_HALF).kind()).isEqualTo(Deaggregation.Kind.OUT_OF_RANGE);
        assertThat(kcl(explicitOutside, LOWER_HALF)).isEmpty();
        assertThat(ours(explicitOutside, HashKeyRange.ALL)).isEqualTo(kcl(explicitOutside, HashKeyRange.ALL)).hasSize(1);
    }

    @Test
    void anEmptyAggregateHoldsNoUserRecordsAndAnEmptyMessageIsDeliveredAsItIs() throws Exception {
        byte[] noRecords = framed(Messages.AggregatedRecord.newBuilder().addPartitionKeyTable("unused").build().toByteArray());
        assertThat(KplAggregate.deaggregate(noRecords, HashKeyRange.ALL).kind()).isEqualTo(Deaggregation.Kind.AGGREGATE);
        assertThat(ours(noRecords, HashKeyRange.ALL)).isEmpty();
        assertThat(kcl(noRecords, HashKeyRange.ALL)).isEmpty();

        byte[] emptyMessage = framed(new byte[0]); // magic and MD5 only: too short to be an aggregate
        assertThat(KplAggregate.deaggregate(emptyMessage, HashKeyRange.ALL).deliverAsIs()).isTrue();
        assertThat(ours(emptyMessage, HashKeyRange.ALL)).isEqualTo(kcl(emptyMessage, HashKeyRange.ALL)).hasSize(1);
    }

    @Test
    void dataWithoutTheMagicIsPlain() throws Exception {
        for (byte[] data : List.of(new byte[0], new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A},
                "{\"Name\":\"Shadowfax\"}".getBytes(StandardCharsets.UTF_8))) {
            assertThat(KplAggregate.deaggregate(data, HashKeyRange.ALL)).isEqualTo(Deaggregation.PLAIN);
            assertThat(ours(data, HashKeyRange.ALL)).isEqualTo(kcl(data, HashKeyRange.ALL));
        }
    }

    @Test
    void aRecordOrTagWithoutARequiredFieldMakesTheAggregateUnparsable() throws Exception {
        byte[] noData = framed(Messages.AggregatedRecord.newBuilder().addPartitionKeyTable("a")
                .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(0).buildPartial()).buildPartial().toByteArray());
        byte[] tagWithoutKey = framed(Messages.AggregatedRecord.newBuilder().addPartitionKeyTable("a")
                .addRecords(userRecord(0, "x").addTags(Messages.Tag.newBuilder().setValue("v").buildPartial()).buildPartial())
                .buildPartial().toByteArray());
        for (byte[] data : List.of(noData, tagWithoutKey)) {
            assertThat(KplAggregate.deaggregate(data, HashKeyRange.ALL).kind()).isEqualTo(Deaggregation.Kind.MALFORMED);
            assertThat(ours(data, HashKeyRange.ALL)).isEqualTo(kcl(data, HashKeyRange.ALL)).hasSize(1);
        }
    }

    /**
     * Where the KCL is no model: it catches the IndexOutOfBoundsException, keeps the user records
     * before the bad one and logs the record with javax.xml.bind, which Java 11+ no longer has, so
     * in fact it throws NoClassDefFoundError. We deliver the record as it is, as for any invalid aggregate.
     */
    @Test
    void anIndexPastItsTableOrAKeyThatIsNoNumberIsDeliveredAsItIs() throws Exception {
        byte[] pastTable = framed(Messages.AggregatedRecord.newBuilder().addPartitionKeyTable("a")
                .addRecords(userRecord(0, "first")).addRecords(userRecord(7, "second")).build().toByteArray());
        Deaggregation result = KplAggregate.deaggregate(pastTable, HashKeyRange.ALL);
        assertThat(result.kind()).isEqualTo(Deaggregation.Kind.MALFORMED);
        assertThat(result.problem()).contains("partition key 7 of 1");

        byte[] hashPastTable = framed(Messages.AggregatedRecord.newBuilder().addPartitionKeyTable("a")
                .addRecords(userRecord(0, "x").setExplicitHashKeyIndex(1)).build().toByteArray());
        assertThat(KplAggregate.deaggregate(hashPastTable, HashKeyRange.ALL).problem()).contains("explicit hash key 1 of 0");

        byte[] notANumber = framed(Messages.AggregatedRecord.newBuilder().addPartitionKeyTable("a").addExplicitHashKeyTable("0x10")
                .addRecords(userRecord(0, "x").setExplicitHashKeyIndex(0)).build().toByteArray());
        assertThat(KplAggregate.deaggregate(notANumber, HashKeyRange.ALL).problem()).contains("'0x10', not a number");
    }

    /** Random aggregates, randomly damaged with a matching MD5, so that the protobuf parser itself is what is compared. */
    @Test
    void randomlyDamagedAggregatesAreTakenApartAsTheKclTakesThemApart() throws Exception {
        Random random = new Random(20_260_101L);
        int compared = 0;
        Map<Deaggregation.Kind, Integer> kinds = new EnumMap<>(Deaggregation.Kind.class);
        for (int round = 0; round < 3_000; round++) {
            byte[] message = randomAggregate(random).toByteArray();
            byte[] damaged = damage(message, random);
            byte[] data = framed(damaged);
            HashKeyRange range = random.nextBoolean() ? HashKeyRange.ALL : LOWER_HALF;
            if (indexOrKeyProblem(damaged, range)) {
                assertThat(KplAggregate.deaggregate(data, range).deliverAsIs()).as("round %d", round).isTrue();
                continue;
            }
            assertThat(ours(data, range)).as("round %d", round).isEqualTo(kcl(data, range));
            kinds.merge(KplAggregate.deaggregate(data, range).kind(), 1, Integer::sum);
            compared++;
        }
        assertThat(compared).isGreaterThan(2_000);
        assertThat(kinds).as("every outcome is exercised").containsOnlyKeys(Deaggregation.Kind.AGGREGATE,
                Deaggregation.Kind.MALFORMED, Deaggregation.Kind.OUT_OF_RANGE).allSatisfy((kind, count) -> assertThat(count)
                .as(kind.name()).isGreaterThan(200));
    }

    private static Messages.AggregatedRecord randomAggregate(Random random) {
        Messages.AggregatedRecord.Builder aggregate = Messages.AggregatedRecord.newBuilder();
        int keys = 1 + random.nextInt(4);
        for (int i = 0; i < keys; i++) {
            aggregate.addPartitionKeyTable("unicorn-" + random.nextInt(1000));
        }
        aggregate.addExplicitHashKeyTable(new BigInteger(128, random).toString());
        int records = random.nextInt(6);
        for (int i = 0; i < records; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            Messages.Record.Builder record = Messages.Record.newBuilder().setPartitionKeyIndex(random.nextInt(keys))
                    .setData(ByteString.copyFrom(bytes));
            if (random.nextInt(4) == 0) {
                record.setExplicitHashKeyIndex(0);
            }
            aggregate.addRecords(record);
        }
        return aggregate.build();
    }

    private static byte[] damage(byte[] message, Random random) {
        byte[] out = message.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // flip a few bytes
                for (int i = random.nextInt(3); i >= 0 && out.length > 0; i--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length + 1));
            case 2 -> { // insert random bytes somewhere
                byte[] junk = new byte[1 + random.nextInt(4)];
                random.nextBytes(junk);
                int at = random.nextInt(out.length + 1);
                byte[] grown = new byte[out.length + junk.length];
                System.arraycopy(out, 0, grown, 0, at);
                System.arraycopy(junk, 0, grown, at, junk.length);
                System.arraycopy(out, at, grown, at + junk.length, out.length - at);
                out = grown;
            }
            default -> { // leave it whole
            }
        }
        return out;
    }

    /**
     * Whether protobuf-java parses it and, before any user record outside the range (where the
     * KCL stops), one points past a table or names a non-numeric explicit hash key.
     */
    private static boolean indexOrKeyProblem(byte[] message, HashKeyRange range) throws Exception {
        Messages.AggregatedRecord parsed;
        try {
            parsed = Messages.AggregatedRecord.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
        for (Messages.Record record : parsed.getRecordsList()) {
            int key = (int) record.getPartitionKeyIndex();
            if (key < 0 || key >= parsed.getPartitionKeyTableCount()) {
                return true;
            }
            BigInteger hashKey = new BigInteger(1, MessageDigest.getInstance("MD5")
                    .digest(parsed.getPartitionKeyTable(key).getBytes(StandardCharsets.UTF_8)));
            if (record.hasExplicitHashKeyIndex()) {
                int hash = (int) record.getExplicitHashKeyIndex();
                if (hash < 0 || hash >= parsed.getExplicitHashKeyTableCount()) {
                    return true;
                }
                try {
                    hashKey = new BigInteger(parsed.getExplicitHashKeyTable(hash));
                } catch (NumberFormatException e) {
                    return true;
                }
            }
            if (!range.contains(hashKey)) {
                return false;
            }
        }
        return false;
    }
}
