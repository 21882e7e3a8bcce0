package io.pipecat.cli.auth;

import io.pipecat.cli.context.BrowserOpener;
import io.pipecat.cli.testkit.CliResult;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.PipecatTestCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The auth tests' view of the test kit's {@link PipecatTestCli}: the real launcher in-process
 * against a {@link FakePipecatCloud}, with a temporary home (never the real one), captured
 * streams, a fixed clock, a fake browser, and an always-locked credential store beside the file
 * store.
 */
final class AuthCli {
    /** The fixed "now" of every run: 2026-01-01T00:00:00Z. */
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final PipecatTestCli cli;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    AuthCli(Path home, FakePipecatCloud fake) {
        cli = PipecatTestCli.create(fake, home).clock(clock).credentialStore(new LockedStoreProvider());
    }

    Path configPath() {
        return cli.configPath();
    }

    String config() {
        return cli.configText();
    }

    AuthCli writeConfig(String toml) {
        cli.writeConfig(toml);
        return this;
    }

    /** Writes exact bytes (a BOM, invalid UTF-8…) as the config file, mode 0600. */
    AuthCli writeConfig(byte[] bytes) {
        try {
            Files.createDirectories(configPath().getParent());
            Files.write(configPath(), bytes);
            Files.setPosixFilePermissions(
                    configPath(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    AuthCli env(String name, String value) {
        cli.env(name, value);
        return this;
    }

    AuthCli browser(BrowserOpener opener) {
        cli.browser(opener);
        return this;
    }

    AuthCli clock(Clock value) {
        this.clock = value;
        cli.clock(value);
        return this;
    }

    AuthCli stdin(String text) {
        cli.stdin(text);
        return this;
    }

    /** Pretend stderr is a terminal (progress lines are drawn only then). */
    AuthCli stderrTerminal(boolean value) {
        cli.stderrTerminal(value);
        return this;
    }

    /** Pretend stdout is a terminal (colour is used only then). */
    AuthCli stdoutTerminal(boolean value) {
        cli.stdoutTerminal(value);
        return this;
    }

    /** Pretend stdin is a terminal (the user types there: prompts instead of redrawn lines). */
    AuthCli stdinTerminal(boolean value) {
        cli.stdinTerminal(value);
        return this;
    }

    AuthCli stdin(InputStream in) {
        cli.stdin(in);
        return this;
    }

    /** URLs the CLI asked the browser to open. */
    List<String> openedUrls() {
        return cli.openedUrls();
    }

    double nowSeconds() {
        return clock.millis() / 1000.0;
    }

    Result run(String... args) {
        return result(cli.run(args));
    }

    /** Runs with {@code out} as the live stdout buffer (tests that watch stdout while the command runs). */
    Result run(ByteArrayOutputStream out, String... args) {
        return result(cli.run(out, args));
    }

    private static Result result(CliResult r) {
        return new Result(r.exitCode(), r.stdout(), r.stderr());
    }
}
