package wildrydes.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentInputStatus;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** The rest of the control plane through the AWS SDK for Java v2: modes, record size, encryption, monitoring, tags, policies, account. */
class ControlPlaneTest {
    static final String ACCOUNT = "000000000000";

    @RegisterExtension
    static final SdkServer server = SdkServer.durable();
    static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        kinesis = server.kinesis;
    }

    static String arn(String stream) {
        return "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + stream;
    }

    static StreamDescriptionSummary summary(String stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary();
    }

    @Test
    void streamModeChangesThroughUpdating() {
        String stream = server.createActiveStream("mode", 1);
        kinesis.updateStreamMode(r -> r.streamARN(arn(stream)).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        assertThat(summary(stream).streamStatus()).isEqualTo(StreamStatus.UPDATING);
        server.awaitUpdate(stream);
        assertThat(summary(stream).streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThatThrownBy(() -> kinesis.updateStreamMode(r -> r.streamARN(arn(stream)).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("already in ON_DEMAND mode");
        var warm = kinesis.updateStreamWarmThroughput(r -> r.streamName(stream).warmThroughputMiBps(50));
        assertThat(warm.warmThroughput().targetMiBps()).isEqualTo(50);
        server.awaitUpdate(stream);
        assertThat(summary(stream).warmThroughput().targetMiBps()).isEqualTo(50);
        String provisioned = server.createActiveStream("mode-provisioned", 1);
        assertThatThrownBy(() -> kinesis.updateStreamWarmThroughput(r -> r.streamName(provisioned).warmThroughputMiBps(10)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void maxRecordSizeCanBeRaisedToTenMebibytes() {
        String stream = server.createActiveStream("bigrecords", 1);
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        twoMiB[twoMiB.length - 1] = 42;
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromByteArray(twoMiB))))
                .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("Member must have length less than or equal to 1048576"));
        kinesis.updateMaxRecordSize(r -> r.streamARN(arn(stream)).maxRecordSizeInKiB(10240));
        server.awaitUpdate(stream);
        assertThat(summary(stream).maxRecordSizeInKiB()).isEqualTo(10240);
        String shard = kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromByteArray(twoMiB))).shardId();
        String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        assertThat(kinesis.getRecords(r -> r.shardIterator(it)).records().get(0).data().asByteArray()).isEqualTo(twoMiB);
    }

    @Test
    void encryptionShowsOnTheStreamAndItsRecords() {
        String stream = server.createActiveStream("encrypted", 1);
        kinesis.startStreamEncryption(r -> r.streamName(stream).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        server.awaitUpdate(stream);
        assertThat(summary(stream).encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(summary(stream).keyId()).isEqualTo("alias/aws/kinesis");
        var put = kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("secret")));
        assertThat(put.encryptionType()).isEqualTo(EncryptionType.KMS);
        String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId(put.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        Record record = kinesis.getRecords(r -> r.shardIterator(it)).records().get(0);
        assertThat(record.encryptionType()).isEqualTo(EncryptionType.KMS);
        kinesis.stopStreamEncryption(r -> r.streamName(stream).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        server.awaitUpdate(stream);
        assertThat(summary(stream).encryptionType()).isEqualTo(EncryptionType.NONE);
    }

    @Test
    void enhancedMonitoringReportsCurrentAndDesiredMetrics() {
        String stream = server.createActiveStream("monitoring", 1);
        var enabled = kinesis.enableEnhancedMonitoring(r -> r.streamName(stream).shardLevelMetrics(MetricsName.INCOMING_BYTES));
        assertThat(enabled.currentShardLevelMetrics()).isEmpty();
        assertThat(enabled.desiredShardLevelMetrics()).containsExactly(MetricsName.INCOMING_BYTES);
        var all = kinesis.enableEnhancedMonitoring(r -> r.streamName(stream).shardLevelMetrics(MetricsName.ALL));
        assertThat(all.desiredShardLevelMetrics()).hasSize(7);
        var disabled = kinesis.disableEnhancedMonitoring(r -> r.streamName(stream).shardLevelMetrics(MetricsName.INCOMING_BYTES));
        assertThat(disabled.desiredShardLevelMetrics()).hasSize(6).doesNotContain(MetricsName.INCOMING_BYTES);
        assertThat(summary(stream).enhancedMonitoring().get(0).shardLevelMetrics()).hasSize(6);
    }

    @Test
    void tagsByResourceArn() {
        String stream = server.createActiveStream("resourcetags", 1);
        kinesis.tagResource(r -> r.resourceARN(arn(stream)).tags(Map.of("team", "unicorns", "env", "lab")));
        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(arn(stream))).tags()).extracting(Tag::key).containsExactly("env", "team");
        assertThat(kinesis.listTagsForStream(r -> r.streamName(stream)).tags()).extracting(Tag::key).containsExactly("env", "team");
        kinesis.untagResource(r -> r.resourceARN(arn(stream)).tagKeys("env"));
        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(arn(stream))).tags()).extracting(Tag::key).containsExactly("team");
        assertThatThrownBy(() -> kinesis.listTagsForResource(r -> r.resourceARN(arn("absent-stream"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void consumersHaveTagsAndPoliciesOfTheirOwn() {
        String stream = server.createActiveStream("consumertags", 1);
        String consumerArn = kinesis.registerStreamConsumer(r -> r.streamARN(arn(stream)).consumerName("dashboard"))
                .consumer().consumerARN();
        kinesis.tagResource(r -> r.resourceARN(consumerArn).tags(Map.of("owner", "console")));
        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(consumerArn)).tags()).extracting(Tag::key).containsExactly("owner");
        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(arn(stream))).tags()).as("the stream's tags are its own").isEmpty();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        kinesis.putResourcePolicy(r -> r.resourceARN(consumerArn).policy(policy));
        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(consumerArn)).policy()).isEqualTo(policy);
        kinesis.untagResource(r -> r.resourceARN(consumerArn).tagKeys("owner"));
        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(consumerArn)).tags()).isEmpty();
        assertThatThrownBy(() -> kinesis.listTagsForResource(r -> r.resourceARN(arn(stream) + "/consumer/absent:1")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void resourcePoliciesArePutReadAndDeleted() {
        String stream = server.createActiveStream("policies", 1);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + ACCOUNT + ":root\"},\"Action\":\"kinesis:GetRecords\",\"Resource\":\"" + arn(stream) + "\"}]}";
        kinesis.putResourcePolicy(r -> r.resourceARN(arn(stream)).policy(policy));
        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(arn(stream))).policy()).isEqualTo(policy);
        kinesis.deleteResourcePolicy(r -> r.resourceARN(arn(stream)));
        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(arn(stream))).policy()).isEqualTo("{}");
        assertThatThrownBy(() -> kinesis.deleteResourcePolicy(r -> r.resourceARN(arn(stream)))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> kinesis.putResourcePolicy(r -> r.resourceARN(arn(stream)).policy("not json")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void accountSettingsTrackTheBillingCommitment() {
        assertThat(kinesis.describeAccountSettings(r -> { }).minimumThroughputBillingCommitment().status())
                .isIn(MinimumThroughputBillingCommitmentOutputStatus.DISABLED, MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
        var enabled = kinesis.updateAccountSettings(r -> r.minimumThroughputBillingCommitment(
                c -> c.status(MinimumThroughputBillingCommitmentInputStatus.ENABLED))).minimumThroughputBillingCommitment();
        assertThat(enabled.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
        assertThat(enabled.startedAt()).isNotNull();
        assertThat(enabled.earliestAllowedEndAt()).isAfter(enabled.startedAt());
        var disabling = kinesis.updateAccountSettings(r -> r.minimumThroughputBillingCommitment(
                c -> c.status(MinimumThroughputBillingCommitmentInputStatus.DISABLED))).minimumThroughputBillingCommitment();
        assertThat(disabling.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        assertThat(kinesis.describeAccountSettings(r -> { }).minimumThroughputBillingCommitment().status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
    }
}
