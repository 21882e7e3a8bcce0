package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real CLI as a separate process, the way {@code ./pipecat} does: the runtime image
 * ({@code target/pipecat/java @target/pipecat/jvm.args}) when it was built, else
 * {@code java --module-path <dist lib> -m io.pipecat.cli.launcher/…Main}. The environment is clean
 * (only PATH and a temporary HOME, plus what the test adds) so the developer's own config is never
 * touched.
 */
public final class CliProcess {
    /** What a run produced. */
    public record Result(int exit, String out, String err) {}

    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private long fileSizeLimitKib = -1;
    private List<String> wrapper = List.of();

    public CliProcess(Path home) {
        this.home = home;
        env.put("HOME", home.toString());
        env.put(
                "PIPECAT_CONFIG_PATH",
                home.resolve(".config/pipecatcloud/pipecatcloud.toml").toString());
        env.put("PIPECAT_PLUGIN_PATH", home.resolve("plugins").toString());
    }

    /** @return the module path of the built distribution */
    public static Path lib() {
        Path lib = Path.of(System.getProperty("pipecat.lib", "target/pipecat/lib"));
        assertTrue(Files.isDirectory(lib), "the distribution is built by `mvn verify`: " + lib.toAbsolutePath());
        return lib;
    }

    public CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliProcess stdin(String text) {
        this.stdin = text;
        return this;
    }

    /**
     * Runs the CLI under {@code ulimit -f} (RLIMIT_FSIZE): any write that would make a file larger
     * than {@code kib} KiB fails with "File too large", a real file-layer fault that needs no root.
     */
    public CliProcess fileSizeLimitKib(long kib) {
        this.fileSizeLimitKib = kib;
        return this;
    }

    /**
     * Runs the CLI as the arguments of {@code command} (e.g. a script that sets up a private D-Bus
     * session and then runs {@code "$@"}).
     */
    public CliProcess wrappedIn(List<String> command) {
        this.wrapper = List.copyOf(command);
        return this;
    }

    public Path home() {
        return home;
    }

    /** Runs {@code pipecat args…} and waits (at most 60 s). */
    public Result run(String... args) {
        try {
            Process process = start(args);
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The CLI may exit without reading stdin.
            }
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("pipecat " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts {@code pipecat args…} without waiting; the caller talks to its streams. */
    public Process start(String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        builder.environment().clear();
        builder.environment().putAll(environment());
        return builder.start();
    }

    /** @return the environment a run gets: PATH, the temporary HOME and what the test added */
    public Map<String, String> environment() {
        Map<String, String> all = new HashMap<>();
        all.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        all.putAll(env);
        return all;
    }

    /** @return the command line that runs {@code pipecat args…} (for a test that starts it itself, e.g. in tmux) */
    public List<String> command(String... args) {
        List<String> command = new ArrayList<>(wrapper);
        if (fileSizeLimitKib >= 0) {
            // bash counts ulimit -f in 1024-byte blocks; "$@" is the CLI command that follows.
            command.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimitKib + " && exec \"$@\"", "pipecat"));
        }
        Path dist =
                Path.of(System.getProperty("pipecat.dist", "target/pipecat")).toAbsolutePath();
        if (!Boolean.getBoolean("pipecat.image.skip")
                && Files.isExecutable(dist.resolve("java"))
                && Files.isRegularFile(dist.resolve("jvm.args"))) {
            command.add(dist.resolve("java").toString());
            command.add("@" + dist.resolve("jvm.args"));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:TieredStopAtLevel=1");
            command.add("--module-path");
            command.add(lib().toString());
            command.add("-m");
            command.add("io.pipecat.cli.launcher/io.pipecat.cli.launcher.Main");
        }
        command.addAll(List.of(args));
        return command;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
