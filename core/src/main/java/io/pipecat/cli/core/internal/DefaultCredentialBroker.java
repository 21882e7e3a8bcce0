package io.pipecat.cli.core.internal;

import io.pipecat.cli.config.ConfigFile;
import io.pipecat.cli.config.FileSettings;
import io.pipecat.cli.config.MalformedConfigFileException;
import io.pipecat.cli.config.TomlDocument;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.credentials.ActiveToken;
import io.pipecat.cli.credentials.CredentialBroker;
import io.pipecat.cli.credentials.TokenRefresher;
import io.pipecat.cli.credentials.store.ConfigSecrets;
import io.pipecat.cli.credentials.store.CredentialStore;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.credentials.store.StoreContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.HttpTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
        Optional<String> fromEnv = env.get("PIPECAT_TOKEN");
        if (fromEnv.isPresent()) {
            return new ActiveToken(fromEnv.get().trim(), ActiveToken.ENV_SOURCE);
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
    public boolean moveTo(String target) {
        if (env.isSet("PIPECAT_CREDENTIAL_STORE")) {
            throw CliException.usage("PIPECAT_CREDENTIAL_STORE is set and overrides the saved choice; unset it first.");
        }
        kept = null;
        CredentialStore source = store();
        if (source.name().equals(target)) {
            return false;
        }
        CredentialStore destination = provider(target).create(storeContext());
        try {
            destination.checkAvailable();
            Optional<Credentials> login = source.read(secrets(settings.document()));
            if (login.isPresent()) {
                configFile.update(doc -> destination.write(secrets(doc), login.get()));
            }
            new ConfigFile(settings.preferencesPath(), warnings)
                    .update(doc -> doc.tableOrCreate("preferences").put("credential_store", target));
            if (login.isPresent()) {
                configFile.update(doc -> source.delete(secrets(doc)));
            }
            settings.reload();
            return login.isPresent();
        } finally {
            destination.close();
        }
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

    private CredentialStoreProvider provider(String name) {
        List<CredentialStoreProvider> available = providers.get();
        return available.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> CliException.usage("Unknown credential store '" + name + "' (from "
                        + (env.isSet("PIPECAT_CREDENTIAL_STORE")
                                ? "PIPECAT_CREDENTIAL_STORE"
                                : settings.preferencesPath())
                        + "); available: " + available() + "."));
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
