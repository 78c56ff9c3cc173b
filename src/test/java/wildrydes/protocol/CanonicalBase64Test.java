package wildrydes.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalBase64Test {

    private static byte[] decode(String text) throws CanonicalBase64.InvalidBase64 {
        char[] padded = ("xx" + text + "yy").toCharArray(); // the parser hands over a window of a larger buffer
        return CanonicalBase64.decode(padded, 2, text.length());
    }

    @Test
    void decodesWhatTheJdkEncodesForEveryLengthAndRemainder() throws Exception {
        Random random = new Random(7);
        for (int length = 0; length < 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(decode(Base64.getEncoder().encodeToString(data))).isEqualTo(data);
        }
    }

    /** Whatever it accepts is canonical: the JDK decodes it to the same bytes and encodes them back to the same text. */
    @Test
    void acceptsOnlyCanonicalTextUnderRandomMutations() {
        Random random = new Random(11);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ é\n";
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] data = new byte[random.nextInt(12)];
            random.nextBytes(data);
            char[] text = Base64.getEncoder().encodeToString(data).toCharArray();
            if (text.length == 0) {
                continue;
            }
            text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            String mutated = new String(text);
            try {
                byte[] decoded = decode(mutated);
                assertThat(Base64.getEncoder().encodeToString(decoded)).as(mutated).isEqualTo(mutated);
                accepted++;
            } catch (CanonicalBase64.InvalidBase64 e) {
                assertThat(isCanonical(mutated)).as(mutated).isFalse();
                refused++;
            }
        }
        assertThat(accepted).isPositive();
        assertThat(refused).isPositive();
    }

    private static boolean isCanonical(String text) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text)).equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void refusesStrayBitsInTheLastCharacterBeforePadding() {
        assertThatThrownBy(() -> decode("YR==")).hasMessage("Invalid last non-pad Base64 character dectected");
        assertThatThrownBy(() -> decode("YWJ=")).hasMessage("Invalid last non-pad Base64 character dectected");
    }

    @Test
    void refusesMoreThanTwoPaddingCharactersUnlessAnEarlierCharacterIsInvalid() {
        assertThatThrownBy(() -> decode("A===")).hasMessage("Invalid last non-pad Base64 character dectected");
        assertThatThrownBy(() -> decode("====")).hasMessage("Invalid last non-pad Base64 character dectected");
        assertThatThrownBy(() -> decode("#===")).hasMessage("Invalid Base64 character: '#'");
    }

    @Test
    void namesTheFirstInvalidCharacter() {
        assertThatThrownBy(() -> decode("AAAA!A-A")).hasMessage("Invalid Base64 character: '!'");
        assertThatThrownBy(() -> decode("AB=C")).hasMessage("Invalid Base64 character: '='");
        assertThatThrownBy(() -> decode("ABC")).hasMessage("Base64 encoded length is expected a multiple of 4 bytes but found: 3");
    }
}
