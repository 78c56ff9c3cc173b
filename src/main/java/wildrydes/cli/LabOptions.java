package wildrydes.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import wildrydes.lab.common.Durations;
import wildrydes.lab.common.KinesisEndpoint;

/** The options every lab tool shares, in Go style ({@code -x v}, {@code -x=v}, {@code --x v}) like the originals. */
final class LabOptions {
    @Option(names = {"-region", "--region"}, defaultValue = "us-east-1", description = "AWS region (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = {"-stream", "--stream"}, defaultValue = "wildrydes", description = "Stream name (default: ${DEFAULT-VALUE}).")
    String stream;

    @Option(names = {"-endpoint", "--endpoint"}, paramLabel = "URL|aws",
            description = {"Kinesis endpoint. Default: $AWS_ENDPOINT_URL_KINESIS, else $AWS_ENDPOINT_URL, else the local "
                + "server at " + KinesisEndpoint.LOCAL + ".", "'aws' uses real Amazon Kinesis in -region with your AWS credentials."})
    String endpoint;

    KinesisEndpoint resolveEndpoint() {
        return KinesisEndpoint.resolve(endpoint, region, System.getenv());
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
