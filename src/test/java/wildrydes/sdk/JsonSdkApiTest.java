package wildrydes.sdk;

/**
 * The API contract through the AWS SDK for Java v2 with CBOR switched off, so it speaks JSON
 * 1.1. Surefire runs this class in its own JVM with {@code -Daws.cborEnabled=false} (see the
 * pom), because the SDK reads that setting once.
 */
class JsonSdkApiTest extends KinesisApiContract {

    @Override
    String expectedContentType() {
        return "application/x-amz-json-1.1";
    }
}
