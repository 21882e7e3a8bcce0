package io.pipecat.cli.core.internal;

import io.pipecat.cli.config.ConfigFile;
import io.pipecat.cli.config.FileSettings;
import io.pipecat.cli.context.BrowserOpener;
import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.context.Settings;
import io.pipecat.cli.context.TerminalText;
import io.pipecat.cli.credentials.CredentialBroker;
import io.pipecat.cli.credentials.TokenRefresher;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.HttpTransport;
import io.pipecat.cli.http.PipecatApiClient;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The command context the launcher builds once per invocation. Parts that cost something (HTTP
 * client, credential store, config file contents) are created on first use; {@link #close()}
 * releases whatever was created.
 */
public final class DefaultCommandContext implements CommandContext, AutoCloseable {
    /** The longest {@code PIPECAT_HTTP_TIMEOUT} accepted: a day (anything longer is a typo). */
    static final double MAX_HTTP_TIMEOUT_SECONDS = 86400;

    private final CliIO io;
    private final Environment env;
    private final Clock clock;
    private final boolean verbose;
    private final BrowserOpener browser;
    private final FileSettings settings;
    private final DefaultCredentialBroker broker;
    private HttpTransport transport;
    private PipecatApiClient api;

    private DefaultCommandContext(Builder b) {
        this.io = b.io;
        this.env = b.env;
        this.clock = b.clock;
        this.verbose = b.verbose;
        this.browser = b.browser != null ? b.browser : new SystemBrowserOpener(env);
        Path configPath = FileSettings.configPathFrom(env);
        ConfigFile configFile = new ConfigFile(configPath, this::warn);
        ConfigFile preferences =
                new ConfigFile(configPath.resolveSibling(FileSettings.PREFERENCES_FILE_NAME), this::warn);
        this.settings = FileSettings.of(env, configFile, preferences);
        this.broker = new DefaultCredentialBroker(
                env, settings, configFile, b.storeProviders, this::warn, b.refresher.get(), this::http, clock);
    }

    /** Starts a context for the given streams and environment. */
    public static Builder builder(CliIO io, Environment env) {
        return new Builder(io, env);
    }

    @Override
    public CliIO io() {
        return io;
    }

    @Override
    public Environment env() {
        return env;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String cliVersion() {
        return CliVersion.get();
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    /**
     * @return this invocation's credential broker; reached by the auth plugin through
     *     {@link io.pipecat.cli.credentials.AuthCapabilities}, never through {@link CommandContext}
     */
    public CredentialBroker broker() {
        return broker;
    }

    /**
     * @throws io.pipecat.cli.errors.CliException exit 2 when {@code PIPECAT_HTTP_TIMEOUT} is not a
     *     positive number of seconds
     */
    @Override
    public synchronized HttpTransport http() {
        if (transport == null) {
            transport = new HttpClient5Transport(
                    "PipecatCloudCLI/" + CliVersion.get(), new ProxyRules(env), httpDeadline(env));
        }
        return transport;
    }

    /**
     * @return {@code PIPECAT_HTTP_TIMEOUT} (seconds, fractions allowed) as a duration, or the default
     * @throws io.pipecat.cli.errors.CliException exit 2 naming the variable when it is not a number
     *     in (0, 86400]
     */
    static Duration httpDeadline(Environment env) {
        String name = HttpClient5Transport.TIMEOUT_VARIABLE;
        Optional<String> value = env.get(name).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return HttpClient5Transport.DEFAULT_DEADLINE;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        // Hexadecimal and "Infinity" parse as doubles too; plain decimal only.
        if (!value.get().matches("[0-9]*\\.?[0-9]+|[0-9]+\\.")
                || !(seconds > 0)
                || seconds > MAX_HTTP_TIMEOUT_SECONDS) {
            throw CliException.usage(name + " must be a positive number of seconds (at most 86400), e.g. " + name
                    + "=30; it is \"" + TerminalText.line(value.get()) + "\".");
        }
        return Duration.ofNanos(Math.max(1_000_000, Math.round(seconds * 1e9)));
    }

    @Override
    public synchronized PipecatApiClient api() {
        if (api == null) {
            api = new DefaultPipecatApiClient(settings::apiHost, this::http, broker);
        }
        return api;
    }

    @Override
    public BrowserOpener browser() {
        return browser;
    }

    /** Closes the credential store and the HTTP client, if they were created. Never throws. */
    @Override
    public void close() {
        broker.close();
        if (transport instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Nothing useful to report at exit: the process is ending.
            }
        }
    }

    /** Builds a {@link DefaultCommandContext}. */
    public static final class Builder {
        private final CliIO io;
        private final Environment env;
        private Clock clock = Clock.systemUTC();
        private boolean verbose;
        private BrowserOpener browser;
        private Supplier<List<CredentialStoreProvider>> storeProviders = Builder::loadStoreProviders;
        private Supplier<Optional<TokenRefresher>> refresher = Builder::loadTokenRefresher;

        private Builder(CliIO io, Environment env) {
            this.io = Objects.requireNonNull(io);
            this.env = Objects.requireNonNull(env);
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** @param value whether to print stack traces (the launcher folds in {@code PIPECAT_DEBUG}) */
        public Builder verbose(boolean value) {
            this.verbose = value;
            return this;
        }

        public Builder browser(BrowserOpener value) {
            this.browser = value;
            return this;
        }

        public Builder storeProviders(Supplier<List<CredentialStoreProvider>> value) {
            this.storeProviders = Objects.requireNonNull(value);
            return this;
        }

        public DefaultCommandContext build() {
            return new DefaultCommandContext(this);
        }

        /**
         * The token refresher: the one the auth plugin provides. Only a named module of the boot
         * layer counts (the built-in plugins); a third-party plugin in a layer of its own cannot
         * even name this service, and must not be asked for it.
         */
        public static Optional<TokenRefresher> loadTokenRefresher() {
            return ServiceLoader.load(TokenRefresher.class).stream()
                    .filter(p -> p.type().getModule().isNamed()
                            && p.type().getModule().getLayer() == ModuleLayer.boot())
                    .map(ServiceLoader.Provider::get)
                    .findFirst();
        }

        /** The credential stores on the module path, sorted by name. */
        public static List<CredentialStoreProvider> loadStoreProviders() {
            return ServiceLoader.load(CredentialStoreProvider.class).stream()
                    .map(ServiceLoader.Provider::get)
                    // not Comparator.comparing: a serializable lambda, which the start-up cache cannot hold
                    .sorted((a, b) -> a.name().compareTo(b.name()))
                    .toList();
        }
    }
}
