package wildrydes.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both formats of the credentials file, and every mistake named with its place and its fix. */
class CredentialsFileTest {

    @Test
    void readsOneKeyPerLineWithOptionalSessionTokens() {
        Credentials keys = CredentialsFile.parse("""
                # the classroom
                AKIDALICE alice/secret+1 111111111111

                AKIDBOB   bob-secret     222222222222   FwoGZXIvYXdzE==
                """, "keys.txt");
        assertThat(keys.find("AKIDALICE")).isEqualTo(new AccessKey("AKIDALICE", "alice/secret+1", "111111111111"));
        assertThat(keys.find("AKIDBOB")).isEqualTo(new AccessKey("AKIDBOB", "bob-secret", "222222222222", "FwoGZXIvYXdzE=="));
        assertThat(keys.accountIds()).containsExactly("111111111111", "222222222222");
        assertThat(keys.find("AKIDCAROL")).isNull();
    }

    @Test
    void readsCommaSeparatedEntriesAsAnEnvironmentVariableHoldsThem() {
        Credentials keys = CredentialsFile.parse("AKIDA a 111111111111, AKIDB b 111111111111 tok", "$WILDRYDES_CREDENTIALS");
        assertThat(keys.keys()).extracting(AccessKey::id).containsExactly("AKIDA", "AKIDB");
        assertThat(keys.accountIds()).containsExactly("111111111111");
    }

    @Test
    void readsTheAwsCredentialsFileFormatWithAnAccountIdPerProfile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, """
                ; shared server
                [alice]
                aws_access_key_id = AKIDALICE
                aws_secret_access_key = alice-secret
                aws_account_id = 111111111111
                region = us-east-1

                [profile bob]
                aws_access_key_id=AKIDBOB
                aws_secret_access_key=bob-secret   # inline comment
                aws_session_token=FwoGZXIvYXdzE==
                aws_account_id=222222222222
                """);
        Credentials keys = CredentialsFile.read(file);
        assertThat(List.copyOf(keys.keys())).containsExactly(new AccessKey("AKIDALICE", "alice-secret", "111111111111"),
                new AccessKey("AKIDBOB", "bob-secret", "222222222222", "FwoGZXIvYXdzE=="));
    }

    @Test
    void namesEveryMistakeWithItsPlace() {
        assertThatThrownBy(() -> CredentialsFile.parse("AKIDA secret", "keys.txt")).hasMessage(
                "keys.txt line 1: expected 'access-key-id secret-access-key account-id [session-token]', found 2 field(s).");
        assertThatThrownBy(() -> CredentialsFile.parse("\nAKIDA secret 1234", "keys.txt")).hasMessage(
                "keys.txt line 2: account id '1234' of key AKIDA must be 12 digits, like 111122223333.");
        assertThatThrownBy(() -> CredentialsFile.parse("AKID/A secret 111111111111", "keys.txt")).hasMessage(
                "keys.txt line 1: access key id 'AKID/A' may only hold letters, digits and _.+=@- (at most 128).");
        assertThatThrownBy(() -> CredentialsFile.parse("AKIDA s 111111111111\nAKIDA t 222222222222", "keys.txt"))
                .hasMessage("keys.txt: access key id AKIDA is given twice; give every access key once.");
        assertThatThrownBy(() -> CredentialsFile.parse("# nothing\n", "keys.txt")).hasMessageStartingWith("keys.txt holds no access key");
        assertThatThrownBy(() -> CredentialsFile.parse("[a]\naws_access_key_id = AKIDA\naws_secret_access_key = s\n", "creds"))
                .hasMessage("creds profile [a] (line 1) has no aws_account_id: add 'aws_account_id = ...' (12 digits: the "
                        + "account this key's streams belong to).");
        assertThatThrownBy(() -> CredentialsFile.read(Path.of("/nonexistent/keys.txt")))
                .hasMessageStartingWith("cannot read the credentials file /nonexistent/keys.txt");
    }

    @Test
    void neverShowsASecretWhenPrinted() {
        AccessKey key = new AccessKey("AKIDALICE", "alice-secret", "111111111111", "the-token");
        assertThat(key.toString()).doesNotContain("alice-secret").doesNotContain("the-token").contains("AKIDALICE");
    }
}
