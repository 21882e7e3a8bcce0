package io.pipecat.cli.core.internal;

import io.pipecat.cli.config.ConfigFile;
import io.pipecat.cli.config.FileSettings;
import io.pipecat.cli.config.MalformedConfigFileException;
import io.pipecat.cli.config.TomlDocument;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.credentials.ActiveToken;
import io.pipecat.cli.credentials.CredentialBroker;
import io.pipecat.cli.credentials.StoreSwitch;
import io.pipecat.cli.credentials.TokenRefresher;
import io.pipecat.cli.credentials.store.ConfigSecrets;
import io.pipecat.cli.credentials.store.CredentialStore;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.credentials.store.StoreContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import io.pipecat.cli.http.HttpTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The core's {@link CredentialBroker}: {@code PIPECAT_TOKEN} first, then the configured store;
 * refresh through the {@link TokenRefresher} the auth plugin provides, once across all processes
 * that share the config file. The store is created on first use and closed with the broker. Stores
 * see only the secret keys of the config file ({@link TomlSecrets}), never its document.
 */
public final class DefaultCredentialBroker implements CredentialBroker, AutoCloseable {
    /** Time limit of one call into a credential store (keychain). */
    public static final Duration STORE_TIMEOUT = Duration.ofSeconds(5);

    private static final String STORE_VARIABLE = "PIPECAT_CREDENTIAL_STORE";

    private final Environment env;
    private final FileSettings settings;
    private final ConfigFile configFile;
    private final Supplier<List<CredentialStoreProvider>> providers;
    private final Consumer<String> warnings;
    private final Optional<TokenRefresher> refresher;
    private final Supplier<HttpTransport> transport;
    private final Clock clock;
    private CredentialStore store;
    /**
     * The stored login {@link #requireToken()} read, kept for the rest of the invocation: a command
     * makes several API calls, and with the keychain every read is a D-Bus round trip (whoami would
     * read it four times). Forgotten whenever this broker changes what is stored.
     */
    private Credentials kept;

    /**
     * @param refresher the token refresher (the auth plugin's); without one, stored tokens are
     *     used as they are
     * @param transport the context's transport (created on first use), for refreshes
     * @param clock     the context's clock
     */
    public DefaultCredentialBroker(
            Environment env,
            FileSettings settings,
            ConfigFile configFile,
            Supplier<List<CredentialStoreProvider>> providers,
            Consumer<String> warnings,
            Optional<TokenRefresher> refresher,
            Supplier<HttpTransport> transport,
            Clock clock) {
        this.env = env;
        this.settings = settings;
        this.configFile = configFile;
        this.providers = providers;
        this.warnings = warnings;
        this.refresher = refresher;
        this.transport = transport;
        this.clock = clock;
    }

    @Override
    public ActiveToken requireToken() {
        prepareTransport();
        Optional<ActiveToken> fromEnv = ActiveToken.fromEnvironment(env);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        CredentialStore active = store();
        if (kept == null) {
            kept = active.read(secrets(settings.document())).orElseThrow(CliException::notLoggedIn);
        }
        if (isDue(kept)) {
            kept = refreshOnce(active);
        }
        return new ActiveToken(kept.token(), active.name());
    }

    /**
     * A token is wanted for an API call: the transport may set up TLS meanwhile, on the other core,
     * while the store is read (a keychain read is mostly D-Bus round trips) and the command gets to
     * its first request. Only a hint (once per transport): a bad API host or timeout setting is
     * reported by the request itself.
     */
    private void prepareTransport() {
        try {
            transport.get().prepare(URI.create(settings.apiHost()));
        } catch (RuntimeException e) {
            // the request that follows reports it
        }
    }

    private boolean isDue(Credentials credentials) {
        return refresher.isPresent() && refresher.get().isDue(credentials, clock);
    }

    private static TomlSecrets secrets(TomlDocument document) {
        return new TomlSecrets(document);
    }

    @Override
    public Optional<Credentials> stored() {
        return store().read(secrets(settings.document()));
    }

    @Override
    public String storeName() {
        return settings.credentialStore().orElseGet(() -> defaultProvider().name());
    }

    @Override
    public String storeOrigin() {
        return settings.credentialStoreOrigin();
    }

    @Override
    public String storeLocation() {
        return store().describeLocation(configFile.path().toString());
    }

    @Override
    public Optional<String> prepareReplacement() {
        return settings.readForReplacement().map(MalformedConfigFileException::replacementNotice);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also proves the config file writable (a sized temp file is created beside it and deleted),
     * since every login writes it, whatever the store: a full disk then fails before any token is
     * requested instead of after.
     */
    @Override
    public void checkStoreAvailable() {
        store().checkAvailable();
        configFile.checkWritable();
    }

    @Override
    public String save(Credentials credentials, String org) {
        kept = null;
        CredentialStore active = store();
        active.checkAvailable();
        ConfigFile.UpdateResult result = configFile.updateRegenerating(doc -> {
            active.write(secrets(doc), credentials);
            doc.root().put("org", org);
            doc.tableOrCreate(org);
        });
        settings.reload();
        reportBackup(result);
        return active.describeLocation(configFile.path().toString());
    }

    @Override
    public Optional<Credentials> remove() {
        kept = null;
        CredentialStore active = store();
        AtomicReference<Credentials> removed = new AtomicReference<>();
        ConfigFile.UpdateResult result = configFile.updateRegenerating(doc -> {
            TomlSecrets secrets = secrets(doc);
            active.read(secrets).ifPresent(removed::set);
            active.delete(secrets);
            // A logout leaves no credential anywhere: also a plaintext copy in the file when
            // another store is in use (not in moveTo, where the file may be the new home).
            for (ConfigSecrets.Key key : ConfigSecrets.Key.values()) {
                secrets.remove(key);
            }
        });
        settings.reload();
        reportBackup(result);
        return Optional.ofNullable(removed.get());
    }

    /** Names the backup of a malformed config file that an update replaced, if there was one. */
    private void reportBackup(ConfigFile.UpdateResult result) {
        result.backup()
                .ifPresent(backup -> warnings.accept("The malformed config file " + configFile.path()
                        + " was replaced by a new one; its old contents are kept in " + backup
                        + " (mode 600; it may still hold a token, so delete it once you no longer need it)."));
    }

    @Override
    public StoreSwitch moveTo(String requested) {
        String target = normalised(requested);
        CredentialStoreProvider targetProvider = findProvider(target)
                .orElseThrow(() -> CliException.usage("Unknown credential store '" + requested.strip()
                        + "': choose one of " + available() + " (pipecat cloud auth store " + choices() + ")."));
        Optional<String> forced = env.get(STORE_VARIABLE).map(DefaultCredentialBroker::normalised);
        if (forced.isPresent() && !forced.get().equals(target)) {
            throw CliException.usage(STORE_VARIABLE + "=" + forced.get()
                    + " is set and overrides the saved choice; unset it (or set it to " + target + ") first.");
        }
        kept = null;
        // The login to move is in the store chosen before, whatever the variable says: it is where
        // the CLI keeps it once the variable is gone. A saved name that no store answers to is
        // replaced, not an error: this command is how such a file gets repaired.
        Optional<String> saved = settings.savedCredentialStore();
        Optional<CredentialStoreProvider> previous = saved.isPresent() ? findProvider(saved.get()) : soleDefault();
        String from = saved.orElse(previous.map(CredentialStoreProvider::name).orElse("none"));
        if (previous.isPresent() && previous.get().name().equals(target)) {
            return new StoreSwitch(target, target, StoreSwitch.Outcome.ALREADY, false, Optional.empty());
        }
        CredentialStore destination = targetProvider.create(storeContext());
        CredentialStore source = previous.map(p -> p.create(storeContext())).orElse(null);
        try {
            destination.checkAvailable();
            Optional<Credentials> login = Optional.empty();
            boolean unreachable = false;
            if (source != null) {
                try {
                    login = source.read(secrets(settings.document()));
                } catch (CliException e) {
                    unreachable = rethrowUnlessUnavailable(e);
                }
            }
            boolean targetHadLogin =
                    destination.read(secrets(settings.document())).isPresent();
            // With the variable naming the target, the target's login is the one in force: keep it.
            boolean keepTarget = forced.isPresent() && login.isPresent() && targetHadLogin;
            Optional<Credentials> moving = keepTarget ? Optional.empty() : login;
            if (moving.isPresent()) {
                configFile.update(doc -> destination.write(secrets(doc), moving.get()));
            }
            new ConfigFile(settings.preferencesPath(), warnings)
                    .update(doc -> doc.tableOrCreate("preferences").put("credential_store", target));
            boolean cleaned = true;
            if (login.isPresent()) {
                try {
                    configFile.update(doc -> source.delete(secrets(doc)));
                } catch (CliException e) {
                    cleaned = !rethrowUnlessUnavailable(e);
                }
            }
            settings.reload();
            StoreSwitch.Outcome outcome = unreachable
                    ? StoreSwitch.Outcome.SOURCE_UNREACHABLE
                    : keepTarget
                            ? StoreSwitch.Outcome.KEPT_TARGET_LOGIN
                            : login.isPresent() ? StoreSwitch.Outcome.MOVED : StoreSwitch.Outcome.NOTHING_TO_MOVE;
            Optional<String> leftBehind = unreachable || !cleaned ? Optional.of(leftBehind(source)) : Optional.empty();
            return new StoreSwitch(from, target, outcome, targetHadLogin || login.isPresent(), leftBehind);
        } finally {
            destination.close();
            if (source != null) {
                source.close();
            }
        }
    }

    /** @return true for a store-unavailable failure (exit 5), which the caller handles; else rethrows */
    private static boolean rethrowUnlessUnavailable(CliException e) {
        if (e.exitCode() != ExitCode.CREDENTIAL_STORE_UNAVAILABLE) {
            throw e;
        }
        return true;
    }

    private static String leftBehind(CredentialStore source) {
        String what = "The " + source.name() + " store could not be reached, so a login it holds could not be removed";
        return source.manualRemoval()
                .map(how -> what + "; once it can be reached, remove it with: " + how)
                .orElse(what + "; remove it by hand once the store can be reached.");
    }

    private static String normalised(String storeName) {
        return storeName.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Refreshes the stored login at most once across all processes sharing the config file. With
     * an issuer that rotates refresh tokens strictly, two processes sending the same refresh token
     * would log one of them out, so: take the config file's lock (which other pipecat processes
     * wait on), re-read the credentials under it, and if another process has refreshed them in the
     * meantime use its result. Otherwise make sure the result can be stored (space reserved beside
     * the config file, the store reachable and writable) before the refresh token is spent, then
     * refresh and store while still holding the lock.
     */
    private Credentials refreshOnce(CredentialStore active) {
        Credentials current = configFile.transact(transaction -> {
            TomlSecrets secrets = secrets(transaction.document());
            Credentials stored = active.read(secrets).orElseThrow(CliException::notLoggedIn);
            if (!isDue(stored)) {
                return stored;
            }
            transaction.reserveWrite();
            active.checkAvailable();
            Credentials refreshed = refresher.orElseThrow().refresh(stored, transport.get(), settings.apiHost(), clock);
            active.write(secrets, refreshed);
            return refreshed;
        });
        settings.reload();
        return current;
    }

    /** @return the configured store, created on first use */
    public CredentialStore store() {
        if (store == null) {
            Optional<String> chosen = settings.credentialStore();
            store = (chosen.isPresent() ? provider(chosen.get()) : defaultProvider()).create(storeContext());
        }
        return store;
    }

    private StoreContext storeContext() {
        return new StoreContext(env, settings.apiHost(), STORE_TIMEOUT, warnings);
    }

    /** The store used when none was chosen: the one provider that says it is the default. */
    private CredentialStoreProvider defaultProvider() {
        List<CredentialStoreProvider> defaults = providers.get().stream()
                .filter(CredentialStoreProvider::isDefault)
                .toList();
        if (defaults.isEmpty()) {
            throw CliException.usage(
                    "No credential store says it is the default; set PIPECAT_CREDENTIAL_STORE to one of: " + available()
                            + ".");
        }
        if (defaults.size() > 1) {
            throw CliException.usage("Credential stores "
                    + defaults.stream()
                            .map(CredentialStoreProvider::name)
                            .sorted()
                            .collect(Collectors.joining(", "))
                    + " each say they are the default; set PIPECAT_CREDENTIAL_STORE"
                    + " to one of: " + available() + ".");
        }
        return defaults.get(0);
    }

    private String available() {
        return providers.get().stream()
                .map(CredentialStoreProvider::name)
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private String choices() {
        return providers.get().stream()
                .map(CredentialStoreProvider::name)
                .sorted()
                .collect(Collectors.joining("|"));
    }

    private Optional<CredentialStoreProvider> findProvider(String name) {
        return providers.get().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The default store, or empty when not exactly one provider says it is the default. */
    private Optional<CredentialStoreProvider> soleDefault() {
        List<CredentialStoreProvider> defaults = providers.get().stream()
                .filter(CredentialStoreProvider::isDefault)
                .toList();
        return defaults.size() == 1 ? Optional.of(defaults.get(0)) : Optional.empty();
    }

    /** The store chosen by the variable or the preferences file: an unknown name blames its source. */
    private CredentialStoreProvider provider(String name) {
        return findProvider(name)
                .orElseThrow(() -> CliException.usage("Unknown credential store '" + name + "' (from "
                        + (env.isSet(STORE_VARIABLE) ? STORE_VARIABLE : settings.preferencesPath())
                        + "); available: " + available() + "."));
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
