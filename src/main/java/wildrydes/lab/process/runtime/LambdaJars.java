package wildrydes.lab.process.runtime;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the Java runtime interface client's jars are: {@code lib/lambda/} beside the runnable jar
 * (the build copies them there), else the entries of this JVM's class path that are those jars
 * (tests), else the directory named by the system property {@code wildrydes.lambda.lib}.
 */
final class LambdaJars {
    private static final List<String> NAMES = List.of("aws-lambda-java-runtime-interface-client", "aws-lambda-java-core",
            "aws-lambda-java-serialization", "aws-lambda-java-events", "joda-time", "utils-lite");

    private LambdaJars() {
    }

    static List<Path> find() throws IOException {
        String property = System.getProperty("wildrydes.lambda.lib");
        if (property != null) {
            return jarsIn(Path.of(property));
        }
        Path beside = besideRunnableJar();
        if (beside != null && Files.isDirectory(beside)) {
            return jarsIn(beside);
        }
        List<Path> found = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
            if (file.endsWith(".jar") && NAMES.stream().anyMatch(file::startsWith)) {
                found.add(Path.of(entry).toAbsolutePath());
            }
        }
        if (found.stream().noneMatch(p -> p.getFileName().toString().startsWith(NAMES.getFirst()))) {
            throw new IOException("the Lambda runtime interface client for Java is not in "
                    + (beside == null ? "target/lib/lambda" : beside) + ": build it with 'mvn -DskipTests package'");
        }
        return found;
    }

    private static Path besideRunnableJar() {
        try {
            Path code = Path.of(LambdaJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toString().endsWith(".jar") ? code.getParent().resolve("lib").resolve("lambda") : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static List<Path> jarsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IOException("no jars in " + directory + ": build them with 'mvn -DskipTests package'");
            }
            return jars;
        }
    }
}
