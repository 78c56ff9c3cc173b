package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.auth.AccessKey;
import wildrydes.testing.ServerFixture;
import wildrydes.testing.TestKeys;

/**
 * The lab's tools against a server shared with --credentials, as a learner runs them with the key
 * they were given, in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or in a profile (AWS_PROFILE):
 * ./producer, ./consumer, ./archive and ./process write and read their own account's streams and
 * tables, another learner's key does not see them, and a wrong secret is explained in one line.
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

    /** No key in the environment: the profile AWS_PROFILE names in the credentials file, as `aws configure --profile` writes it. */
    Map<String, String> profile(AccessKey key) throws Exception {
        Path file = Files.writeString(home.resolve("credentials"), "[default]\naws_access_key_id = AKIDNOBODY\n"
                + "aws_secret_access_key = nobody\n\n[learner]\naws_access_key_id = " + key.id() + "\naws_secret_access_key = "
                + key.secret() + "\n");
        Path config = Files.writeString(home.resolve("config"), "[profile learner]\nregion = us-east-1\n");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "");
        env.put("AWS_SECRET_ACCESS_KEY", "");
        env.put("AWS_PROFILE", "learner");
        env.put("AWS_SHARED_CREDENTIALS_FILE", file.toString());
        env.put("AWS_CONFIG_FILE", config.toString());
        return env;
    }

    @Test
    void archiveQueryAndProcessWorkWithAProfilesKeyInItsAccount() throws Exception {
        try (KinesisClient bob = TestKeys.kinesis(server.endpoint(), TestKeys.BOB)) {
            for (String stream : List.of("wildrydes", "wildrydes-summary")) {
                bob.createStream(r -> r.streamName(stream).shardCount(1));
                bob.waiter().waitUntilStreamExists(r -> r.streamName(stream));
            }
        }
        Map<String, String> bob = profile(TestKeys.BOB);
        try (ScriptRun producer = ScriptRun.run(bob, 60, "producer", "-endpoint", server.endpoint(), "-count", "3")) {
            assertThat(producer.exitCode()).as(LabScriptsIT.describe(producer)).isZero();
        }
        Path lake = home.resolve("lake");
        try (ScriptRun archive = ScriptRun.run(bob, 90, "archive", "-endpoint", server.endpoint(), "-to", lake.toString(),
                "-buffer-interval", "1", "-timeout", "4s")) {
            assertThat(archive.exitCode()).as(LabScriptsIT.describe(archive)).isZero();
        }
        try (ScriptRun query = ScriptRun.run(bob, 90, "wildrydes", "query", "-lake", lake.toString(), "-output", "csv",
                "SELECT COUNT(*) AS n FROM wildrydes")) {
            assertThat(query.exitCode()).as(LabScriptsIT.describe(query)).isZero();
            assertThat(query.stdout().lines().toList()).containsExactly("n", "3");
        }
        try (ScriptRun process = ScriptRun.start(bob, "process", "-endpoint", server.endpoint(), "-state-dir",
                home.resolve("process").toString());
             DynamoDbClient bobsTables = TestKeys.dynamo(server.endpoint(), TestKeys.BOB);
             DynamoDbClient alicesTables = TestKeys.dynamo(server.endpoint(), TestKeys.ALICE)) {
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (!process.stderr().contains("reading shardId-000000000000")) { // from LATEST: put once it reads
                assertThat(System.nanoTime()).as(LabScriptsIT.describe(process)).isLessThan(deadline);
                Thread.sleep(50);
            }
            try (KinesisClient kinesis = TestKeys.kinesis(server.endpoint(), TestKeys.BOB)) {
                kinesis.putRecord(r -> r.streamName("wildrydes-summary").partitionKey("Shadowfax").data(SdkBytes.fromUtf8String(
                        "{\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-12-03 10:00:00.000\",\"Distance\":3000,\"MinMagicPoints\":140,"
                                + "\"MaxMagicPoints\":150,\"MinHealthPoints\":130,\"MaxHealthPoints\":160}")));
            }
            while (items(bobsTables, "UnicornSensorData") < 1) {
                assertThat(System.nanoTime()).as(LabScriptsIT.describe(process)).isLessThan(deadline);
                assertThat(process.alive()).as(LabScriptsIT.describe(process)).isTrue();
                Thread.sleep(100);
            }
            assertThat(bobsTables.describeTable(r -> r.tableName("UnicornSensorData")).table().tableArn())
                    .isEqualTo("arn:aws:dynamodb:us-east-1:222222222222:table/UnicornSensorData");
            assertThat(alicesTables.listTables().tableNames()).doesNotContain("UnicornSensorData");
            process.interrupt();
            assertThat(process.awaitExit(30)).as(LabScriptsIT.describe(process)).isEqualTo(130);
        }
    }

    /** The items of a table, 0 while it does not exist or is being created. */
    static int items(DynamoDbClient client, String table) {
        try {
            return client.scan(r -> r.tableName(table)).count();
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException notYet) {
            return 0;
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
