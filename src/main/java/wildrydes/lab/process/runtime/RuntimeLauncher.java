package wildrydes.lab.process.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line and environment of a function's runtime process, as Lambda starts one: a
 * clean environment with Lambda's reserved variables (AWS_LAMBDA_RUNTIME_API, AWS_LAMBDA_FUNCTION_NAME,
 * _VERSION, _MEMORY_SIZE, _HANDLER, LAMBDA_TASK_ROOT, AWS_REGION, AWS_DEFAULT_REGION, the
 * credentials, TZ, ...), the endpoint variables that point the AWS SDKs at the local server, then
 * the function's own {@code -env} variables. The working directory is the task root.
 */
final class RuntimeLauncher {
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private RuntimeLauncher() {
    }

    static ProcessBuilder builder(FunctionConfig config, String runtimeApi) throws IOException {
        Path taskRoot = taskRoot(config);
        List<String> command = switch (config.runtime()) {
            case JAVA -> javaCommand(config);
            case NODEJS -> List.of(nodeBinary(), nodeBootstrap(config.workDir()).toString());
            case PROVIDED -> List.of(config.bootstrap().toAbsolutePath().toString());
        };
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        String home = env.get("HOME");
        env.clear();
        env.putAll(environment(config, runtimeApi, taskRoot, path));
        if (home != null) {
            env.put("HOME", home);
        }
        return builder;
    }

    static Map<String, String> environment(FunctionConfig config, String runtimeApi, Path taskRoot, String path) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", path);
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + ProcessHandle.current().pid());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("_HANDLER", config.handler() == null ? "" : config.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", config.workDir().toAbsolutePath().toString());
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        if (config.runtime() == FunctionRuntime.JAVA) {
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
        }
        if (config.runtime() == FunctionRuntime.NODEJS) {
            env.put("NODE_PATH", taskRoot.resolve("node_modules").toString());
        }
        List<String> credentials = config.credentials();
        env.put("AWS_ACCESS_KEY_ID", credentials.get(0));
        env.put("AWS_SECRET_ACCESS_KEY", credentials.get(1));
        if (credentials.size() > 2 && credentials.get(2) != null) {
            env.put("AWS_SESSION_TOKEN", credentials.get(2));
        }
        if (config.endpoint() != null) {
            env.put("AWS_ENDPOINT_URL", config.endpoint());
            env.put("AWS_ENDPOINT_URL_DYNAMODB", config.endpoint());
            env.put("AWS_ENDPOINT_URL_KINESIS", config.endpoint());
        }
        env.putAll(config.environment());
        return env;
    }

    static Path taskRoot(FunctionConfig config) throws IOException {
        if (config.code() != null) {
            return config.code().toAbsolutePath();
        }
        if (config.runtime() == FunctionRuntime.PROVIDED) {
            return config.bootstrap().toAbsolutePath().getParent();
        }
        Path root = config.workDir().resolve("task").toAbsolutePath();
        Files.createDirectories(root);
        return root;
    }

    private static List<String> javaCommand(FunctionConfig config) throws IOException {
        List<String> classpath = new ArrayList<>();
        config.classpath().forEach(p -> classpath.add(p.toAbsolutePath().toString()));
        LambdaJars.find().forEach(p -> classpath.add(p.toString()));
        List<String> command = new ArrayList<>(List.of(javaBinary(),
                "-XX:MaxHeapSize=" + Math.max(64, config.memoryMb() * 85 / 100) + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-Djava.net.preferIPv4Stack=true", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // the client's UnsafeUtil; JDK 24+ warns without this
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), RIC_MAIN, config.handler()));
        return command;
    }

    /** The java binary of this JVM, so the function runs on the same JDK. */
    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String nodeBinary() {
        String configured = System.getenv("WILDRYDES_NODE");
        return configured != null && !configured.isBlank() ? configured : "node";
    }

    /** Writes the shipped Node.js bootstrap into the work directory (again when it changed). */
    static Path nodeBootstrap(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path target = workDir.resolve("wildrydes-node-bootstrap.cjs").toAbsolutePath();
        try (InputStream in = RuntimeLauncher.class.getResourceAsStream("node-bootstrap.cjs")) {
            if (in == null) {
                throw new IOException("the Node.js bootstrap is missing from the jar: rebuild it");
            }
            byte[] bytes = in.readAllBytes();
            if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                Path temporary = workDir.resolve("wildrydes-node-bootstrap.cjs.tmp");
                Files.write(temporary, bytes);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }
}
