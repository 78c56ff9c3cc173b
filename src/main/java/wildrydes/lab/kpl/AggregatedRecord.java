package wildrydes.lab.kpl;

import java.util.ArrayList;
import java.util.List;

/** The KPL's AggregatedRecord message, parsed as protobuf-java parses it (proto2: required fields checked). */
record AggregatedRecord(List<String> partitionKeys, List<String> explicitHashKeys, List<Entry> records) {
    private static final int PARTITION_KEY_TABLE = 1 << 3 | ProtobufReader.LENGTH_DELIMITED;
    private static final int EXPLICIT_HASH_KEY_TABLE = 2 << 3 | ProtobufReader.LENGTH_DELIMITED;
    private static final int RECORDS = 3 << 3 | ProtobufReader.LENGTH_DELIMITED;
    private static final int PARTITION_KEY_INDEX = 1 << 3 | ProtobufReader.VARINT;
    private static final int EXPLICIT_HASH_KEY_INDEX = 2 << 3 | ProtobufReader.VARINT;
    private static final int DATA = 3 << 3 | ProtobufReader.LENGTH_DELIMITED;
    private static final int TAGS = 4 << 3 | ProtobufReader.LENGTH_DELIMITED;
    private static final int TAG_KEY = 1 << 3 | ProtobufReader.LENGTH_DELIMITED;

    /** One Record of the aggregate; {@code explicitHashKeyIndex} is null when the field is absent. */
    record Entry(long partitionKeyIndex, Long explicitHashKeyIndex, byte[] data) {
    }

    static AggregatedRecord parse(ProtobufReader in) throws ProtobufReader.MalformedException {
        List<String> partitionKeys = new ArrayList<>();
        List<String> explicitHashKeys = new ArrayList<>();
        List<Entry> records = new ArrayList<>();
        while (!in.atEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case PARTITION_KEY_TABLE -> partitionKeys.add(in.readString());
                case EXPLICIT_HASH_KEY_TABLE -> explicitHashKeys.add(in.readString());
                case RECORDS -> records.add(entry(in.readEmbedded()));
                default -> in.skipField(tag);
            }
        }
        return new AggregatedRecord(partitionKeys, explicitHashKeys, records);
    }

    private static Entry entry(ProtobufReader in) throws ProtobufReader.MalformedException {
        Long partitionKeyIndex = null;
        Long explicitHashKeyIndex = null;
        byte[] data = null;
        while (!in.atEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case PARTITION_KEY_INDEX -> partitionKeyIndex = in.readVarint(); // a field given twice: the last counts
                case EXPLICIT_HASH_KEY_INDEX -> explicitHashKeyIndex = in.readVarint();
                case DATA -> data = in.readBytes();
                case TAGS -> checkTag(in.readEmbedded());
                default -> in.skipField(tag);
            }
        }
        if (partitionKeyIndex == null || data == null) {
            throw new ProtobufReader.MalformedException("a Record lacks its required "
                    + (partitionKeyIndex == null ? "partition_key_index" : "data"));
        }
        return new Entry(partitionKeyIndex, explicitHashKeyIndex, data);
    }

    /** Tags are not delivered, but a Tag without its required key makes the message invalid. */
    private static void checkTag(ProtobufReader in) throws ProtobufReader.MalformedException {
        boolean hasKey = false;
        while (!in.atEnd()) {
            int tag = in.readTag();
            if (tag == TAG_KEY) {
                in.readString();
                hasKey = true;
            } else {
                in.skipField(tag);
            }
        }
        if (!hasKey) {
            throw new ProtobufReader.MalformedException("a Tag lacks its required key");
        }
    }
}
