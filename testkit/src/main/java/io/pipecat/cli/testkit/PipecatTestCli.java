package io.pipecat.cli.testkit;

import io.pipecat.cli.context.BrowserOpener;
import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.launcher.inprocess.InProcessLauncher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs the real {@code pipecat} CLI in-process — plugin discovery, argument parsing, the command,
 * the exit code — against a {@link FakePipecatCloud} and a temporary home folder, and captures
 * what it prints. For plugin authors and the CLI's own tests; it needs nothing but this test kit
 * and {@code pipecat-core} on the test path (no {@code --add-exports}).
 *
 * <pre>{@code
 * @Test
 * void listsTheAgents(@TempDir Path home) {
 *     try (FakePipecatCloud fake = FakePipecatCloud.start()) {
 *         fake.addOrganization("acme", "Acme").acceptPat("pcc_pat_test", "acme")
 *             .route("GET", "/v1/organizations/{org}/agents",
 *                     request -> RouteResponse.json(200, "{\"agents\":[{\"name\":\"bot\"}]}"));
 *         PipecatTestCli cli = PipecatTestCli.create(fake, home).signedIn("pcc_pat_test", "acme");
 *
 *         CliResult result = cli.run("hello", "agents");
 *
 *         assertEquals(0, result.exitCode(), result.toString());
 *         assertEquals("bot\n", result.stdout());
 *         fake.assertNoUnexpectedRequests();
 *     }
 * }
 * }</pre>
 *
 * <p>Every run sees only the environment this harness holds, never the test process's:
 * {@code HOME} (the temporary folder), {@code PIPECAT_CONFIG_PATH}
 * ({@code HOME/.config/pipecatcloud/pipecatcloud.toml}), {@code PIPECAT_API_HOST} (the fake) and
 * {@code PIPECAT_PLUGIN_PATH} (an empty folder, so only the plugins on the test's module path are
 * loaded: the plugin under test, the launcher's own commands, and the others on the path), plus
 * what {@link #env(String, String)} adds. Stdin is empty and no stream is a terminal unless set.
 * The browser is a {@link FakeBrowser} that follows the login redirects against the fake; the
 * clock is the system clock. The file credential store is on the path; tests may add stores.
 *
 * <p>Options apply to the runs that follow; one instance can run many commands in sequence
 * against the same home. Not thread-safe: configure it from one thread.
 */
public final class PipecatTestCli implements AutoCloseable {
    private final FakePipecatCloud fake;
    private final Path home;
    private final boolean ownsHome;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> openedUrls = new CopyOnWriteArrayList<>();
    private final List<Object> extraStores = new ArrayList<>();
    private BrowserOpener browser;
    private Clock clock;
    private Supplier<InputStream> stdin = () -> new ByteArrayInputStream(new byte[0]);
    private boolean stdinTerminal;
    private boolean stdoutTerminal;
    private boolean stderrTerminal;

    private PipecatTestCli(FakePipecatCloud fake, Path home, boolean ownsHome) {
        this.fake = Objects.requireNonNull(fake, "fake");
        this.home = home.toAbsolutePath();
        this.ownsHome = ownsHome;
        try {
            Files.createDirectories(pluginFolder());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test home " + home, e);
        }
        env.put("HOME", this.home.toString());
        env.put("PIPECAT_CONFIG_PATH", configPath().toString());
        env.put("PIPECAT_API_HOST", fake.baseUrl());
        env.put("PIPECAT_PLUGIN_PATH", pluginFolder().toString());
        browser(url -> {
            FakeBrowser.openAsync(url);
            return true;
        });
    }

    /**
     * A harness with a home folder of its own, in the system temporary folder; {@link #close()}
     * deletes it. Prefer {@link #create(FakePipecatCloud, Path)} with a JUnit {@code @TempDir}.
     */
    public static PipecatTestCli create(FakePipecatCloud fake) {
        try {
            return new PipecatTestCli(fake, Files.createTempDirectory("pipecat-test-cli"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary home", e);
        }
    }

    /**
     * A harness whose home is {@code home} (typically a JUnit {@code @TempDir}); the folder is the
     * caller's and {@link #close()} leaves it.
     */
    public static PipecatTestCli create(FakePipecatCloud fake, Path home) {
        return new PipecatTestCli(fake, home, false);
    }

    // ------------------------------------------------------------------ options

    /** Sets an environment variable for the runs that follow; a {@code null} value removes it. */
    public PipecatTestCli env(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /**
     * Runs as someone signed in with a personal access token: sets {@code PIPECAT_TOKEN} and
     * {@code PIPECAT_ORG}, which the CLI prefers to the config file. Pair it with
     * {@link FakePipecatCloud#acceptPat(String, String...)}.
     */
    public PipecatTestCli signedIn(String token, String organization) {
        return env("PIPECAT_TOKEN", Objects.requireNonNull(token, "token"))
                .env("PIPECAT_ORG", Objects.requireNonNull(organization, "organization"));
    }

    /** Standard input of each following run: this text, UTF-8 encoded, read afresh every run. */
    public PipecatTestCli stdin(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        this.stdin = () -> new ByteArrayInputStream(bytes);
        return this;
    }

    /** Standard input of the following runs: this stream, as is (a later run reads what is left). */
    public PipecatTestCli stdin(InputStream in) {
        Objects.requireNonNull(in, "in");
        this.stdin = () -> in;
        return this;
    }

    /** Pretend stdin is an interactive terminal (commands may prompt only then). */
    public PipecatTestCli stdinTerminal(boolean value) {
        this.stdinTerminal = value;
        return this;
    }

    /** Pretend stdout is a terminal. */
    public PipecatTestCli stdoutTerminal(boolean value) {
        this.stdoutTerminal = value;
        return this;
    }

    /** Pretend stderr is a terminal (progress lines are drawn only then). */
    public PipecatTestCli stderrTerminal(boolean value) {
        this.stderrTerminal = value;
        return this;
    }

    /** The commands' clock (token expiry, timestamps); the system clock by default. */
    public PipecatTestCli clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * What opens the login URL; the default drives a {@link FakeBrowser} against the fake. Every
     * URL is also recorded in {@link #openedUrls()}.
     */
    public PipecatTestCli browser(BrowserOpener opener) {
        Objects.requireNonNull(opener, "opener");
        this.browser = url -> {
            openedUrls.add(url);
            return opener.open(url);
        };
        return this;
    }

    /**
     * Adds a credential store to those on the module path (e.g. one that is always locked): for the
     * tests of the auth plugin and the store modules, the only modules that can implement one.
     *
     * @param provider an {@code io.pipecat.cli.credentials.store.CredentialStoreProvider}; typed as
     *     {@code Object} because that package is exported to those modules alone, and in a plugin's
     *     tests this class sits on the class path, which cannot name it
     * @throws IllegalArgumentException (when run) if it is not one
     */
    public PipecatTestCli credentialStore(Object provider) {
        extraStores.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs {@code pipecat args…} and waits for it to finish.
     *
     * @param args the command line without the program name, e.g. {@code "cloud", "auth", "whoami"}
     * @return exit code, stdout and stderr
     */
    public CliResult run(String... args) {
        return run(OutputStream.nullOutputStream(), args);
    }

    /**
     * Like {@link #run(String...)}, also copying stdout to {@code liveStdout} as it is written
     * (for tests that watch the output while the command still runs, e.g. a login waiting for its
     * callback).
     */
    public CliResult run(OutputStream liveStdout, String... args) {
        Objects.requireNonNull(liveStdout, "liveStdout");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliIO io = new CliIO(
                stdin.get(),
                new PrintStream(new Tee(out, liveStdout), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                stdinTerminal,
                stdoutTerminal,
                stderrTerminal);
        InProcessLauncher.Overrides overrides =
                InProcessLauncher.Overrides.of(Optional.ofNullable(clock), Optional.of(browser), extraStores);
        int exit = InProcessLauncher.run(io, Map.copyOf(env), overrides, args);
        return new CliResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ the home folder

    /** The fake this harness points the CLI at. */
    public FakePipecatCloud fake() {
        return fake;
    }

    /** The temporary home folder ({@code HOME}). */
    public Path home() {
        return home;
    }

    /** The config file the CLI uses ({@code PIPECAT_CONFIG_PATH}); it may not exist yet. */
    public Path configPath() {
        return home.resolve(".config").resolve("pipecatcloud").resolve("pipecatcloud.toml");
    }

    /** The (empty) plugin folder named in {@code PIPECAT_PLUGIN_PATH}. */
    public Path pluginFolder() {
        return home.resolve("plugins");
    }

    /** The config file's text, or {@code ""} when there is none. */
    public String configText() {
        try {
            return Files.exists(configPath()) ? Files.readString(configPath()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the config file (owner-only permissions where the file system has them). */
    public PipecatTestCli writeConfig(String toml) {
        try {
            Files.createDirectories(configPath().getParent());
            Files.writeString(configPath(), toml);
            if (Files.getFileStore(configPath()).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(configPath(), PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The environment the next run gets. */
    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    /** The URLs the CLI asked the browser to open, in order. */
    public List<String> openedUrls() {
        return List.copyOf(openedUrls);
    }

    /** Deletes the home folder if this harness created it; a caller's folder is left alone. */
    @Override
    public void close() {
        if (!ownsHome) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test home " + home, e);
        }
    }

    /** Writes to the capture buffer and the caller's live stream. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
