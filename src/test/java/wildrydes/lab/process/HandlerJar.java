package wildrydes.lab.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A real Lambda handler jar, built by the test: the Java port of the workshop's function
 * (src/test/resources/.../WildRydesStreamProcessor.java.txt) compiled with javax.tools against
 * aws-lambda-java-core, -events and the AWS SDK, and packed as {@code fn.jar}.
 */
public final class HandlerJar {
    public static final String HANDLER = "fn.WildRydesStreamProcessor::handleRequest";

    private HandlerJar() {
    }

    public static Path build(Path dir) throws IOException {
        Path sources = dir.resolve("src/fn");
        Path classes = dir.resolve("classes");
        Files.createDirectories(sources);
        Files.createDirectories(classes);
        Path source = sources.resolve("WildRydesStreamProcessor.java");
        try (InputStream in = HandlerJar.class.getResourceAsStream("WildRydesStreamProcessor.java.txt")) {
            Files.write(source, in.readAllBytes());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-proc:none", "--release", "21", "-cp", System.getProperty("java.class.path"),
                "-d", classes.toString(), source.toString());
        if (status != 0) {
            throw new IOException("the handler did not compile (status " + status + ")");
        }
        Path jar = dir.resolve("fn.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The handler's dependencies (the AWS SDK, Jackson, aws-lambda-java-core and -events): this JVM's class path. */
    public static List<Path> dependencies() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).filter(e -> e.endsWith(".jar"))
                .map(Path::of).toList();
    }

    /** The Node.js function's directory: index.js and a node_modules link to the pinned packages in target/js-client. */
    public static Path nodeFunction(Path dir) throws IOException {
        Path code = dir.resolve("node-function");
        Files.createDirectories(code);
        Files.copy(Path.of("src/test/js/stream-processor/index.js"), code.resolve("index.js"));
        Path modules = Path.of("target/js-client/node_modules").toAbsolutePath();
        if (!Files.isDirectory(modules.resolve("@aws-sdk/lib-dynamodb"))) {
            throw new IOException("the pinned JavaScript SDK is not installed in target/js-client: run ./run-tests (npm ci)");
        }
        Files.createSymbolicLink(code.resolve("node_modules"), modules);
        Files.writeString(code.resolve("package.json"), "{\"name\":\"wild-rydes-stream-processor\",\"private\":true}\n",
                StandardCharsets.UTF_8);
        return code;
    }
}
