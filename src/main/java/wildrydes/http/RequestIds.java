package wildrydes.http;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** The request ids on every response: {@code x-amzn-RequestId} (UUID-shaped) and {@code x-amz-id-2}. */
final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        char[] out = new char[36];
        int pos = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                out[pos++] = '-';
            }
            long word = i < 16 ? high : low;
            int shift = (15 - (i % 16)) * 4;
            out[pos++] = HEX[(int) ((word >>> shift) & 0xF)];
        }
        return new String(out);
    }

    static String extendedId() {
        byte[] bytes = new byte[72]; // as AWS's: 96 characters of base64
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
