package io.pipecat.cli.dist.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child process of the image build: a JDK tool or a run of the CLI being cached. */
final class Command {
    private static final long TIMEOUT_MINUTES = 5;

    /** How a run ended; {@code err} is its stderr (the tools' output goes to the build log). */
    record Outcome(int exit, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final List<String> words = new ArrayList<>();
    private Map<String, String> env;
    private Path log;

    Command(Object... words) {
        add(words);
    }

    Command add(Object... more) {
        for (Object w : more) {
            if (w instanceof List<?> list) {
                list.forEach(x -> words.add(x.toString()));
            } else {
                words.add(w.toString());
            }
        }
        return this;
    }

    /** Runs with exactly this environment (none of the build's own variables). */
    Command env(Map<String, String> environment) {
        this.env = environment;
        return this;
    }

    /** Appends stdout and stderr to {@code file}; without it, stdout is dropped. */
    Command log(Path file) {
        this.log = file;
        return this;
    }

    Outcome run() {
        try {
            Path err = Files.createTempFile("image-build", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(words)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                if (env != null) {
                    pb.environment().clear();
                    pb.environment().putAll(env);
                }
                pb.redirectOutput(
                        log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
                pb.redirectError(err.toFile());
                Process p = pb.start();
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly().waitFor();
                    return new Outcome(-1, "timed out after " + TIMEOUT_MINUTES + " min: " + String.join(" ", words));
                }
                String text = Files.readString(err);
                if (log != null) {
                    Files.writeString(
                            log,
                            "$ " + String.join(" ", words) + "\n" + text,
                            java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                }
                return new Outcome(p.exitValue(), text);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", words), e);
        }
    }
}
