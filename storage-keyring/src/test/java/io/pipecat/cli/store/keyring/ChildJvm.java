package io.pipecat.cli.store.keyring;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs KeyringSmokeMain as a real module in a child JVM: {@code java --module-path
 * target/classes:target/mods/*.jar -m io.pipecat.cli.store.keyring/...KeyringSmokeMain}, i.e.
 * without surefire's --add-modules ALL-MODULE-PATH, so a missing {@code requires} shows up.
 */
final class ChildJvm {
    static final String MODULE = "io.pipecat.cli.store.keyring";
    static final String MAIN = MODULE + "/io.pipecat.cli.store.keyring.smoke.KeyringSmokeMain";

    static final Path BASEDIR = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Path WITH_KEYRING =
            BASEDIR.resolve("../scripts/with-keyring.sh").normalize();

    record Result(int exitCode, String output, long elapsedMs, long exitAfterMainEndMs) {
        boolean timedOut() {
            return exitCode == Integer.MIN_VALUE;
        }

        String field(String name) {
            Matcher m = Pattern.compile(name + "=(-?\\d+)").matcher(output);
            return m.find() ? m.group(1) : null;
        }
    }

    private ChildJvm() {}

    static String modulePath() {
        Path classes = Paths.get(System.getProperty("keyring.classesDir", "target/classes"));
        Path mods = Paths.get(System.getProperty("keyring.modsDir", "target/mods"));
        try (Stream<Path> jars = Files.list(mods)) {
            List<String> parts = new ArrayList<>();
            parts.add(classes.toAbsolutePath().toString());
            jars.filter(p -> p.toString().endsWith(".jar"))
                    .sorted()
                    .forEach(p -> parts.add(p.toAbsolutePath().toString()));
            return String.join(File.pathSeparator, parts);
        } catch (IOException e) {
            throw new IllegalStateException("run mvn verify (target/mods is made in process-classes)", e);
        }
    }

    static String javaExe(String javaHome) {
        return Paths.get(javaHome, "bin", "java").toString();
    }

    static String currentJavaHome() {
        return System.getProperty("java.home");
    }

    /** java [jvmArgs] --module-path ... -m MAIN args */
    static List<String> javaCommand(String javaHome, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExe(javaHome));
        cmd.addAll(jvmArgs);
        cmd.add("--module-path");
        cmd.add(modulePath());
        // The smoke driver is a test class: patch it into the real module (production code stays as shipped).
        cmd.add("--patch-module");
        cmd.add(MODULE + "="
                + Paths.get(System.getProperty("keyring.testClassesDir", "target/test-classes"))
                        .toAbsolutePath());
        cmd.add("-m");
        cmd.add(MAIN);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    static List<String> prefixed(List<String> prefix, List<String> cmd) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(cmd);
        return all;
    }

    static Result run(List<String> command, Consumer<Map<String, String>> env, long timeoutSec)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))); // like CI: no stdin
        Path out = Files.createTempFile("keyring-child", ".log");
        pb.redirectOutput(out.toFile());
        if (env != null) {
            env.accept(pb.environment());
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSec, TimeUnit.SECONDS);
        long endWall = System.currentTimeMillis();
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        long afterMain = -1;
        Matcher m = Pattern.compile("MAIN_END_MS=(\\d+)").matcher(output);
        if (done && m.find()) {
            afterMain = endWall - Long.parseLong(m.group(1));
        }
        System.out.println("[child] " + String.join(" ", abbreviate(command)) + "\n[child] rc="
                + (done ? p.exitValue() : "TIMEOUT") + " elapsed=" + elapsed + "ms\n"
                + output.strip().replaceAll("(?m)^", "[child]   "));
        return new Result(done ? p.exitValue() : Integer.MIN_VALUE, output, elapsed, afterMain);
    }

    private static List<String> abbreviate(List<String> cmd) {
        List<String> r = new ArrayList<>();
        for (String s : cmd) {
            r.add(s.length() > 120 ? "<module-path>" : s);
        }
        return r;
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static boolean canStartKeyringSession() {
        return onPath("dbus-run-session")
                && onPath("gnome-keyring-daemon")
                && onPath("dbus-send")
                && Files.isExecutable(WITH_KEYRING);
    }
}
