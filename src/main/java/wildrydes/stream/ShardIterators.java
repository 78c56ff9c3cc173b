package wildrydes.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import wildrydes.storage.StorageEngine;

/**
 * Opaque, tamper-proof shard iterators. An iterator is base64 of
 * {@code version(1) nameLength(1) streamName streamCreatedMillis(8) shardIndex(4) position(8)
 * issuedAtMillis(8)} followed by the first 16 bytes of an HMAC-SHA256 of all that under the
 * server's secret key, so a client can neither forge nor alter one. Nothing is stored per
 * iterator on the server.
 */
public final class ShardIterators {
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final String KEY_BLOB = "iterator-key";

    private final ThreadLocal<Mac> macs;

    public ShardIterators(byte[] secretKey) {
        SecretKeySpec key = new SecretKeySpec(secretKey, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        });
    }

    /** Iterators under the server's key, kept in the storage engine (made on first start), so they outlive restarts. */
    public static ShardIterators withStoredKey(StorageEngine storage) {
        byte[] key = storage.readBlob(KEY_BLOB);
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            storage.writeBlob(KEY_BLOB, key);
        }
        return new ShardIterators(key);
    }

    public record Position(String streamName, long streamCreatedMillis, int shardIndex, long position, long issuedAtMillis) {
    }

    public String encode(Position p) {
        byte[] name = p.streamName().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(2 + name.length + 28 + MAC_BYTES);
        buffer.put(VERSION).put((byte) name.length).put(name)
                .putLong(p.streamCreatedMillis()).putInt(p.shardIndex()).putLong(p.position()).putLong(p.issuedAtMillis());
        Mac mac = macs.get();
        mac.update(buffer.array(), 0, buffer.position());
        buffer.put(mac.doFinal(), 0, MAC_BYTES);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    /** The position an iterator names, or null if it is not an intact iterator of this server. */
    public Position decode(String iterator) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(iterator);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < 2 + 28 + MAC_BYTES || bytes[0] != VERSION) {
            return null;
        }
        int nameLength = bytes[1] & 0xFF;
        int bodyLength = 2 + nameLength + 28;
        if (bytes.length != bodyLength + MAC_BYTES) {
            return null;
        }
        Mac mac = macs.get();
        mac.update(bytes, 0, bodyLength);
        byte[] expected = mac.doFinal();
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, MAC_BYTES),
                java.util.Arrays.copyOfRange(bytes, bodyLength, bytes.length))) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 2 + nameLength, 28);
        String name = new String(bytes, 2, nameLength, StandardCharsets.US_ASCII);
        return new Position(name, buffer.getLong(), buffer.getInt(), buffer.getLong(), buffer.getLong());
    }
}
