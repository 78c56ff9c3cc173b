package wildrydes.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;

/** The API contract through the AWS SDK for Java v2 with its default encoding, CBOR. */
class CborSdkApiTest extends KinesisApiContract {

    @BeforeAll
    static void sdkUsesCbor() {
        assertThat(System.getProperty("aws.cborEnabled")).as("this class runs with the SDK's default, CBOR").isNull();
    }

    @Override
    String expectedContentType() {
        return "application/x-amz-cbor-1.1";
    }
}
