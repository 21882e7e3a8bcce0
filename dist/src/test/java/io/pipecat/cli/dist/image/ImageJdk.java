package io.pipecat.cli.dist.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK the image is built with: its {@code jlink} links the runtime and its {@code java} runs
 * the cache training, so the start-up cache fits that runtime exactly.
 *
 * <p>Chosen explicitly, in this order: the Maven property {@code pipecat.image.jdk}; the
 * environment variable {@code PIPECAT_IMAGE_JDK} (what {@code bench/startup.sh} passes on); a
 * Temurin 25 under {@code /usr/lib/jvm} (JDK 24+ links its cache ahead of time, the fastest start
 * measured); else the JDK that runs Maven. A JDK named explicitly that does not exist fails the
 * build; it is never swapped for another one silently.
 *
 * @param home    the JDK's home folder
 * @param version its {@code JAVA_VERSION} from the {@code release} file, e.g. {@code 25.0.3}
 */
public record ImageJdk(Path home, String version) {
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

    /** A JDK together with why it was chosen, for the build output. */
    public record Choice(ImageJdk jdk, String reason) {}

    /**
     * @param property     the value of {@code pipecat.image.jdk} (empty: not set)
     * @param env          the build's environment
     * @param jvmFolder    where the machine keeps its JDKs ({@code /usr/lib/jvm})
     * @param mavenJdk     the home of the JDK running the build
     * @throws IllegalArgumentException a JDK named by the property or the variable is not a JDK
     */
    public static Choice choose(String property, Map<String, String> env, Path jvmFolder, Path mavenJdk) {
        if (property != null && !property.isBlank()) {
            return new Choice(named(property.trim(), "-Dpipecat.image.jdk"), "-Dpipecat.image.jdk");
        }
        String variable = env.getOrDefault("PIPECAT_IMAGE_JDK", "");
        if (!variable.isBlank()) {
            return new Choice(named(variable.trim(), "PIPECAT_IMAGE_JDK"), "PIPECAT_IMAGE_JDK");
        }
        Optional<ImageJdk> temurin = temurin25(jvmFolder);
        if (temurin.isPresent()) {
            return new Choice(temurin.get(), "default: the Temurin 25 in " + jvmFolder);
        }
        return new Choice(named(mavenJdk.toString(), "the JDK running Maven"), "default: the JDK running Maven");
    }

    /** @return the JDK at {@code home}, or empty when it has no {@code release} file or no {@code java} */
    public static Optional<ImageJdk> at(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(new ImageJdk(home.toRealPath(), m.group(1))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImageJdk named(String path, String source) {
        return at(Path.of(path))
                .orElseThrow(() -> new IllegalArgumentException(
                        source + "=" + path + " is not a JDK (it needs a release file and bin/java)"));
    }

    private static Optional<ImageJdk> temurin25(Path jvmFolder) {
        if (!Files.isDirectory(jvmFolder)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(jvmFolder)) {
            List<Path> candidates = entries.filter(
                            p -> p.getFileName().toString().startsWith("temurin-25"))
                    .sorted()
                    .toList();
            return candidates.stream()
                    .map(ImageJdk::at)
                    .flatMap(Optional::stream)
                    .filter(jdk -> jdk.feature() == 25 && jdk.has("jlink"))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the feature release, e.g. 17 or 25 */
    public int feature() {
        return Integer.parseInt(version.split("[.+-]", 2)[0]);
    }

    /** @return whether {@code bin/<tool>} exists (a JRE has no {@code jlink}, {@code javac}) */
    public boolean has(String tool) {
        return Files.isExecutable(tool(tool));
    }

    public Path tool(String tool) {
        return home.resolve("bin").resolve(tool);
    }

    /** JDK 24+ can store classes linked ahead of time in the cache (and then preloads all of it). */
    public boolean linksAheadOfTime() {
        return feature() >= 24;
    }
}
