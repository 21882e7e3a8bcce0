package io.pipecat.cli.auth;

import io.pipecat.cli.context.BrowserOpener;
import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.core.internal.DefaultCommandContext;
import io.pipecat.cli.launcher.PipecatLauncher;
import io.pipecat.cli.spi.CredentialStoreProvider;
import io.pipecat.cli.testkit.FakeBrowser;
import io.pipecat.cli.testkit.FakePipecatCloud;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the real launcher in-process against a {@link FakePipecatCloud}, with a temporary config
 * folder (never the real home), captured streams, a fixed clock and a fake browser.
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

    private final Path home;
    private final FakePipecatCloud fake;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> openedUrls = new CopyOnWriteArrayList<>();
    private BrowserOpener browser;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private InputStream stdin = new ByteArrayInputStream(new byte[0]);
    private boolean stderrTerminal;

    AuthCli(Path home, FakePipecatCloud fake) {
        this.home = home;
        this.fake = fake;
        env.put("HOME", home.toString());
        env.put("PIPECAT_CONFIG_PATH", configPath().toString());
        env.put("PIPECAT_API_HOST", fake.baseUrl());
        env.put("PIPECAT_PLUGIN_PATH", home.resolve("no-plugins").toString());
        browser = url -> {
            openedUrls.add(url);
            FakeBrowser.openAsync(url);
            return true;
        };
    }

    Path configPath() {
        return home.resolve("cfg").resolve("pipecatcloud.toml");
    }

    String config() {
        try {
            return Files.exists(configPath()) ? Files.readString(configPath()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AuthCli writeConfig(String toml) {
        try {
            Files.createDirectories(configPath().getParent());
            Files.writeString(configPath(), toml);
            Files.setPosixFilePermissions(configPath(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes exact bytes (a BOM, invalid UTF-8…) as the config file, mode 0600. */
    AuthCli writeConfig(byte[] bytes) {
        try {
            Files.createDirectories(configPath().getParent());
            Files.write(configPath(), bytes);
            Files.setPosixFilePermissions(configPath(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    AuthCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    AuthCli browser(BrowserOpener opener) {
        this.browser = url -> {
            openedUrls.add(url);
            return opener.open(url);
        };
        return this;
    }

    AuthCli clock(Clock value) {
        this.clock = value;
        return this;
    }

    AuthCli stdin(String text) {
        this.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Pretend stderr is a terminal (progress lines are drawn only then). */
    AuthCli stderrTerminal(boolean value) {
        this.stderrTerminal = value;
        return this;
    }

    AuthCli stdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    /** URLs the CLI asked the browser to open. */
    List<String> openedUrls() {
        return new ArrayList<>(openedUrls);
    }

    double nowSeconds() {
        return clock.millis() / 1000.0;
    }

    /** The stores on the module path (the real file store) plus an always-locked one. */
    private static List<CredentialStoreProvider> storeProviders() {
        List<CredentialStoreProvider> all = new ArrayList<>(DefaultCommandContext.Builder.loadStoreProviders());
        all.add(new LockedStoreProvider());
        return all;
    }

    Result run(String... args) {
        return run(new ByteArrayOutputStream(), args);
    }

    /** Runs with {@code out} as the live stdout buffer (tests that watch stdout while the command runs). */
    Result run(ByteArrayOutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliIO io = new CliIO(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false, stderrTerminal);
        Clock fixed = clock;
        BrowserOpener opener = browser;
        int exit = PipecatLauncher.run(io, Environment.of(env), b -> b.clock(fixed).browser(opener)
                .storeProviders(AuthCli::storeProviders), args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
