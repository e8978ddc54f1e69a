package dev.atrium.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the {@code java} the services run on, the way {@code mvnw} does: {@code JAVA_HOME} when it is
 * at least 21, else the newest JDK under {@code /usr/lib/jvm}, else the JVM running the launcher.
 */
final class JavaRuntime {

    static final int MINIMUM = 21;
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    private JavaRuntime() {
    }

    static Path find(Map<String, String> env) {
        Optional<Path> fromJavaHome = Optional.ofNullable(env.get("JAVA_HOME"))
                .filter(home -> !home.isBlank())
                .map(Path::of)
                .filter(home -> featureVersion(home).orElse(0) >= MINIMUM);
        if (fromJavaHome.isPresent()) {
            return fromJavaHome.get().resolve("bin/java");
        }
        return newestUnder(Path.of("/usr/lib/jvm"))
                .orElseGet(() -> Path.of(System.getProperty("java.home")))
                .resolve("bin/java");
    }

    private static Optional<Path> newestUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(dir)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home).orElse(0) >= MINIMUM)
                    .max(Comparator.comparingInt(home -> featureVersion(home).orElse(0)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads the {@code release} file every JDK ships instead of starting a JVM to ask. */
    static OptionalInt featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return OptionalInt.empty();
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
