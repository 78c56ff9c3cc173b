package wildrydes.lab.process.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A user's function and the settings Lambda would give it.
 *
 * @param runtime     java, nodejs or provided
 * @param handler     {@code com.example.Fn::handleRequest} (java), {@code index.handler} (nodejs), anything (provided: _HANDLER)
 * @param classpath   the function's jars and class directories (java)
 * @param code        the task root (LAMBDA_TASK_ROOT, the working directory); null: the bootstrap's or a private directory
 * @param bootstrap   the executable (provided)
 * @param environment the function's own variables ({@code -env K=V}), on top of Lambda's
 * @param endpoint    the URL AWS SDKs in the function use (AWS_ENDPOINT_URL...), null for real AWS
 * @param credentials access key, secret key and session token (may be null) handed to the function
 * @param workDir     where the tool keeps what it writes for the function (the Node.js bootstrap, a default task root)
 */
public record FunctionConfig(String name, FunctionRuntime runtime, String handler, List<Path> classpath, Path code, Path bootstrap,
                             Map<String, String> environment, Duration timeout, int memoryMb, String region, String functionArn,
                             String endpoint, List<String> credentials, Path workDir) {
}
