package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.auth.AccessKey;
import wildrydes.testing.ServerFixture;
import wildrydes.testing.TestKeys;

/**
 * The lab's ./producer and ./consumer against a server shared with --credentials, as a learner runs
 * them with the key they were given in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: they write and
 * read their own account's stream, another learner's key does not see it, and a wrong secret is
 * explained in one line.
 */
class SharedServerLabIT {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory(c -> c.withCredentials(TestKeys.ALL).withStateChangeMillis(50));

    @TempDir
    Path home;

    Map<String, String> env(AccessKey key, String secret) throws Exception {
        Path empty = Files.writeString(home.resolve("empty"), "");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", key.id());
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.put("AWS_CONFIG_FILE", empty.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        return env;
    }

    @Test
    void aLearnersKeyWritesAndReadsItsOwnStreamOnly() throws Exception {
        try (KinesisClient alice = TestKeys.kinesis(server.endpoint(), TestKeys.ALICE)) {
            alice.createStream(r -> r.streamName("wildrydes").shardCount(1));
            alice.waiter().waitUntilStreamExists(r -> r.streamName("wildrydes"));
        }
        Map<String, String> alice = env(TestKeys.ALICE, TestKeys.ALICE.secret());
        try (ScriptRun producer = ScriptRun.run(alice, 60, "producer", "-endpoint", server.endpoint(), "-count", "3")) {
            assertThat(producer.exitCode()).as(LabScriptsIT.describe(producer)).isZero();
        }
        try (ScriptRun consumer = ScriptRun.run(alice, 60, "consumer", "-endpoint", server.endpoint(), "-from", "trim-horizon",
                "-max", "3", "-format", "line")) {
            assertThat(consumer.exitCode()).as(LabScriptsIT.describe(consumer)).isZero();
            assertThat(consumer.stdout().lines()).hasSize(3).allMatch(line -> line.startsWith("{\"Name\":\"Shadowfax\""));
        }
        try (ScriptRun bobs = ScriptRun.run(env(TestKeys.BOB, TestKeys.BOB.secret()), 60, "consumer", "-endpoint",
                server.endpoint(), "-max", "1")) {
            assertThat(bobs.exitCode()).isNotZero();
            assertThat(bobs.stderr()).as(LabScriptsIT.describe(bobs)).contains("Stream wildrydes does not exist");
        }
    }

    @Test
    void aWrongSecretIsExplainedInOneLine() throws Exception {
        try (ScriptRun producer = ScriptRun.run(env(TestKeys.ALICE, "not-the-secret"), 60, "producer", "-endpoint",
                server.endpoint(), "-count", "1")) {
            assertThat(producer.exitCode()).isNotZero();
            assertThat(producer.stderr().strip().lines().toList()).as(LabScriptsIT.describe(producer)).hasSize(1);
            assertThat(producer.stderr()).contains(server.endpoint()).contains("refused the request's credentials "
                    + "(InvalidSignatureException: The request signature we calculated does not match")
                    .contains("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
    }
}
