package io.pipecat.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.launcher.tree.EnvironmentHelp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code pipecat help environment} names every variable the CLI reads: the main sources of every
 * module of the checkout and the {@code ./pipecat} script are searched for the variable names they
 * use, so a variable added without documentation fails here.
 */
class EnvironmentHelpTest {
    /** A quoted variable name: ours, the proxies, and the few standard ones the CLI reads. */
    private static final Pattern JAVA_VARIABLE = Pattern.compile(
            "\"(PIPECAT_[A-Z0-9_]+|[A-Z]+_PROXY|BROWSER|NO_COLOR|CLICOLOR(?:_FORCE)?|COLUMNS|TERM|DISPLAY|WAYLAND_DISPLAY"
                    + "|XDG_[A-Z_]+|DBUS_SESSION_BUS_ADDRESS|HOME)\"");

    private static final Pattern SCRIPT_VARIABLE = Pattern.compile("\\$\\{?(PIPECAT_[A-Z0-9_]+|JAVA_HOME)");

    @Test
    void everyVariableTheSourcesReadIsDocumented() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(root.resolve("pipecat")), "run from the launcher module of a checkout: " + root);
        Set<String> read = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> collect(f, JAVA_VARIABLE, read));
                }
            }
        }
        collect(root.resolve("pipecat"), SCRIPT_VARIABLE, read);
        assertTrue(read.containsAll(List.of("PIPECAT_TOKEN", "PIPECAT_HTTP_TIMEOUT", "BROWSER")), read.toString());

        Set<String> missing = new TreeSet<>();
        for (String variable : read) {
            if (!Pattern.compile("(?m)^" + variable + "\\b|, " + variable + "\\b")
                    .matcher(EnvironmentHelp.TEXT)
                    .find()) {
                missing.add(variable);
            }
        }
        assertEquals(Set.of(), missing, "variables read but not in 'pipecat help environment'");
    }

    private static void collect(Path file, Pattern pattern, Set<String> into) {
        try {
            Matcher matcher = pattern.matcher(Files.readString(file));
            while (matcher.find()) {
                into.add(matcher.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
