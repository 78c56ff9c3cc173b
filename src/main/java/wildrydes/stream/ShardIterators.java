package wildrydes.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import wildrydes.storage.StorageEngine;

/**
 * Opaque, tamper-proof shard iterators in AWS's layout: base64 of the 8 bytes
 * {@code 00 00 00 00 00 00 00 01} and then sealed bytes in whole 16-byte blocks, 152 bytes in all
 * plus 16 for every 16 characters of the stream name ({@code 152 + 16 * floor((nameLength + 2) / 16)},
 * the lengths AWS's iterators have; at most 280 bytes, 376 characters).
 *
 * <p>The sealed part is AES-256-GCM under a key derived from the server's secret key: a 12-byte
 * random nonce, the ciphertext and the 16-byte tag, with the 8-byte header as associated data.
 * The plaintext is {@code format(1) nameLength(1) streamName streamCreatedMillis(8)
 * shardIndex(4) position(8) issuedAtMillis(8)}, zero-padded to its length. So a client can
 * neither read, forge nor alter one; nothing is stored per iterator on the server.
 *
 * <p>Iterators of the earlier layout (version byte 1, the same fields in clear, then the first
 * 16 bytes of an HMAC-SHA256 under the same secret) are still read, so a reader holding one
 * across an upgrade goes on until it expires.
 */
public final class ShardIterators {
    private static final byte[] HEADER = {0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte FORMAT = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int MIN_BYTES = 152;
    private static final int FIELDS_BYTES = 28;
    private static final byte LEGACY_VERSION = 1;
    private static final int LEGACY_MAC_BYTES = 16;
    private static final String KEY_BLOB = "iterator-key";

    private final SecretKeySpec sealingKey;
    private final ThreadLocal<Mac> legacyMacs;
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    });
    private final ThreadLocal<SecureRandom> nonces = ThreadLocal.withInitial(SecureRandom::new);

    public ShardIterators(byte[] secretKey) {
        SecretKeySpec macKey = new SecretKeySpec(secretKey, "HmacSHA256");
        this.legacyMacs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(macKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        });
        Mac derive = legacyMacs.get();
        this.sealingKey = new SecretKeySpec(derive.doFinal("wildrydes shard iterator AES-256-GCM".getBytes(StandardCharsets.US_ASCII)), "AES");
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

    /** The iterator's length in bytes (before base64) for a stream name of that length, as AWS's. */
    static int sealedLength(int nameLength) {
        return MIN_BYTES + 16 * ((nameLength + 2) / 16);
    }

    public String encode(Position p) {
        byte[] name = p.streamName().getBytes(StandardCharsets.US_ASCII);
        int total = sealedLength(name.length);
        byte[] plain = new byte[total - HEADER.length - NONCE_BYTES - TAG_BYTES];
        ByteBuffer.wrap(plain).put(FORMAT).put((byte) name.length).put(name)
                .putLong(p.streamCreatedMillis()).putInt(p.shardIndex()).putLong(p.position()).putLong(p.issuedAtMillis());
        byte[] out = new byte[total];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        byte[] nonce = new byte[NONCE_BYTES];
        nonces.get().nextBytes(nonce);
        System.arraycopy(nonce, 0, out, HEADER.length, NONCE_BYTES);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, sealingKey, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(HEADER);
            cipher.doFinal(plain, 0, plain.length, out, HEADER.length + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a shard iterator", e);
        }
        return Base64.getEncoder().encodeToString(out);
    }

    /** The position an iterator names, or null if it is not an intact iterator of this server. */
    public Position decode(String iterator) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(iterator);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == LEGACY_VERSION) {
            return decodeLegacy(bytes);
        }
        if (bytes.length < MIN_BYTES || (bytes.length - MIN_BYTES) % 16 != 0
                || !Arrays.equals(bytes, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            return null;
        }
        byte[] plain;
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, sealingKey, new GCMParameterSpec(TAG_BYTES * 8, bytes, HEADER.length, NONCE_BYTES));
            cipher.updateAAD(HEADER);
            plain = cipher.doFinal(bytes, HEADER.length + NONCE_BYTES, bytes.length - HEADER.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            return null; // altered, forged, or sealed under another server's key
        }
        int nameLength = plain[1] & 0xFF;
        if (plain[0] != FORMAT || 2 + nameLength + FIELDS_BYTES > plain.length) {
            return null;
        }
        ByteBuffer fields = ByteBuffer.wrap(plain, 2 + nameLength, FIELDS_BYTES);
        String name = new String(plain, 2, nameLength, StandardCharsets.US_ASCII);
        return new Position(name, fields.getLong(), fields.getInt(), fields.getLong(), fields.getLong());
    }

    /** An iterator of the earlier layout: {@code 1 nameLength name fields(28)} and 16 bytes of HMAC-SHA256. */
    private Position decodeLegacy(byte[] bytes) {
        if (bytes.length < 2 + FIELDS_BYTES + LEGACY_MAC_BYTES) {
            return null;
        }
        int nameLength = bytes[1] & 0xFF;
        int bodyLength = 2 + nameLength + FIELDS_BYTES;
        if (bytes.length != bodyLength + LEGACY_MAC_BYTES) {
            return null;
        }
        Mac mac = legacyMacs.get();
        mac.update(bytes, 0, bodyLength);
        byte[] expected = mac.doFinal();
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, LEGACY_MAC_BYTES), Arrays.copyOfRange(bytes, bodyLength, bytes.length))) {
            return null;
        }
        ByteBuffer fields = ByteBuffer.wrap(bytes, 2 + nameLength, FIELDS_BYTES);
        String name = new String(bytes, 2, nameLength, StandardCharsets.US_ASCII);
        return new Position(name, fields.getLong(), fields.getInt(), fields.getLong(), fields.getLong());
    }
}
