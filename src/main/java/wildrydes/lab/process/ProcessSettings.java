package wildrydes.lab.process;

import java.nio.file.Path;
import java.time.Duration;
import wildrydes.lab.process.mapping.MappingSettings;
import wildrydes.lab.process.runtime.FunctionConfig;

/**
 * What {@link Processor} runs.
 *
 * @param stream       the source stream (wildrydes-summary, or wildrydes for the later edition)
 * @param table        the table the function writes (its TABLE_NAME); created if missing unless {@code createTable} is false
 * @param functionName the function's name (WildRydesStreamProcessor)
 * @param function     a user's function, or null for the built-in table writer
 * @param timeout      the function's timeout (default 60 s, as the workshop sets it)
 * @param onFailure    the on-failure destination ({@code kinesis:NAME}, a stream ARN or {@code file:PATH}), or null
 * @param stateDir     where the checkpoint and status live; null: {@code ~/.wildrydes/process/<function>}
 * @param role         the execution role ARN in the events' invokeIdentityArn; null: {@code arn:aws:iam::<account>:role/<function>Role}
 * @param endpoint     the endpoint given to the function's SDKs, or null (real AWS)
 */
public record ProcessSettings(String stream, String table, boolean createTable, String functionName, FunctionConfig function,
                              MappingSettings mapping, Duration timeout, String onFailure, Path stateDir, String role,
                              String endpoint) {

    public static final String SUMMARY_STREAM = "wildrydes-summary";
    public static final String TABLE = "UnicornSensorData";

    /** The workshop's mapping: the built-in function on wildrydes-summary from LATEST, batches of 100, into UnicornSensorData. */
    public static ProcessSettings workshop(String endpoint, Path stateDir) {
        return new ProcessSettings(SUMMARY_STREAM, TABLE, true, BuiltInFunction.NAME, null, MappingSettings.defaults(),
                Duration.ofSeconds(60), null, stateDir, null, endpoint);
    }

    public Path stateDirOrDefault() {
        return stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".wildrydes", "process", functionName);
    }
}
