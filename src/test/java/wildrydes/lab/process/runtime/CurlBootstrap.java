package wildrydes.lab.process.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A custom runtime's {@code bootstrap} as the Lambda tutorial writes one: a shell script with
 * curl. What it does is chosen by the MODE variable: {@code echo} answers the invocation's headers
 * and some of its environment as JSON; {@code error} posts an error; {@code crash-once} exits with
 * status 3 during its first invocation (a marker file remembers it); {@code sleep} sleeps 30 s;
 * {@code init-error} reports an init error and exits; {@code log} appends each event to
 * $EVENT_LOG (one line each) after sleeping $SLEEP seconds.
 */
final class CurlBootstrap {
    static final String SCRIPT = """
            #!/bin/bash
            set -euo pipefail
            api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
            if [ "$MODE" = init-error ]; then
              curl -sS -X POST "$api/init/error" -H 'Lambda-Runtime-Function-Error-Type: Runtime.ConfigError' \\
                -d '{"errorMessage":"no configuration","errorType":"Runtime.ConfigError"}' >/dev/null
              exit 1
            fi
            headers="$(mktemp)"
            while true; do
              event="$(curl -sS -D "$headers" "$api/invocation/next")"
              header() { grep -Fi "$1:" "$headers" | head -n 1 | cut -d: -f2- | tr -d '[:space:]'; }
              id="$(header Lambda-Runtime-Aws-Request-Id)"
              case "$MODE" in
                echo)
                  body="{\\"id\\":\\"$id\\",\\"deadline\\":$(header Lambda-Runtime-Deadline-Ms),\\"arn\\":\\"$(header Lambda-Runtime-Invoked-Function-Arn)\\",\\"trace\\":\\"$(header Lambda-Runtime-Trace-Id)\\",\\"name\\":\\"$AWS_LAMBDA_FUNCTION_NAME\\",\\"version\\":\\"$AWS_LAMBDA_FUNCTION_VERSION\\",\\"memory\\":\\"$AWS_LAMBDA_FUNCTION_MEMORY_SIZE\\",\\"handler\\":\\"$_HANDLER\\",\\"root\\":\\"$LAMBDA_TASK_ROOT\\",\\"region\\":\\"$AWS_REGION\\",\\"table\\":\\"${TABLE_NAME:-}\\",\\"endpoint\\":\\"${AWS_ENDPOINT_URL_DYNAMODB:-}\\",\\"key\\":\\"$AWS_ACCESS_KEY_ID\\",\\"tz\\":\\"$TZ\\",\\"pwd\\":\\"$(pwd)\\",\\"records\\":$(printf '%s' "$event" | grep -o '"eventID"' | wc -l)}"
                  curl -sS -X POST "$api/invocation/$id/response" -d "$body" >/dev/null ;;
                error)
                  curl -sS -X POST "$api/invocation/$id/error" -H 'Lambda-Runtime-Function-Error-Type: Function.Poisoned' \\
                    -d '{"errorMessage":"it went wrong","errorType":"PoisonError","stackTrace":[]}' >/dev/null ;;
                crash-once)
                  if [ ! -e crashed ]; then touch crashed; exit 3; fi
                  curl -sS -X POST "$api/invocation/$id/response" -d '"survived"' >/dev/null ;;
                sleep)
                  sleep 30 ;;
                log)
                  sleep "${SLEEP:-0}"
                  printf '%s\\n' "$event" >> "$EVENT_LOG"
                  curl -sS -X POST "$api/invocation/$id/response" -d 'null' >/dev/null ;;
              esac
            done
            """;

    private CurlBootstrap() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path bootstrap = dir.resolve("bootstrap");
        Files.writeString(bootstrap, SCRIPT);
        Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bootstrap;
    }
}
