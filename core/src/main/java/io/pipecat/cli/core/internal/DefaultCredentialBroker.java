package io.pipecat.cli.core.internal;

import io.pipecat.cli.config.ConfigFile;
import io.pipecat.cli.config.Settings;
import io.pipecat.cli.context.ActiveToken;
import io.pipecat.cli.context.CredentialBroker;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.context.TokenSource;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.spi.CredentialStore;
import io.pipecat.cli.spi.CredentialStoreProvider;
import io.pipecat.cli.spi.Credentials;
import io.pipecat.cli.spi.StoreContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The core's {@link CredentialBroker}: {@code PIPECAT_TOKEN} first, then the configured store;
 * refresh through a {@link TokenRefresher}, once across all processes that share the config file. The store is created on first use and closed with
 * the broker.
 */
public final class DefaultCredentialBroker implements CredentialBroker, AutoCloseable {
    /** Time limit of one call into a credential store (keychain). */
    public static final Duration STORE_TIMEOUT = Duration.ofSeconds(5);

    private final Environment env;
    private final Settings settings;
    private final ConfigFile configFile;
    private final Supplier<List<CredentialStoreProvider>> providers;
    private final Consumer<String> warnings;
    private final TokenRefresher refresher;
    private CredentialStore store;

    public DefaultCredentialBroker(Environment env, Settings settings, ConfigFile configFile,
            Supplier<List<CredentialStoreProvider>> providers, Consumer<String> warnings,
            TokenRefresher refresher) {
        this.env = env;
        this.settings = settings;
        this.configFile = configFile;
        this.providers = providers;
        this.warnings = warnings;
        this.refresher = refresher;
    }

    @Override
    public ActiveToken requireToken() {
        Optional<String> fromEnv = env.get("PIPECAT_TOKEN");
        if (fromEnv.isPresent()) {
            return new ActiveToken(fromEnv.get().trim(), TokenSource.ENV);
        }
        CredentialStore active = store();
        Credentials credentials = active.read(settings.document()).orElseThrow(CliException::notLoggedIn);
        if (refresher.isDue(credentials)) {
            credentials = refreshOnce(active);
        }
        return new ActiveToken(credentials.token(), active.tokenSource());
    }

    @Override
    public Optional<Credentials> stored() {
        return store().read(settings.document());
    }

    @Override
    public String storeName() {
        return settings.credentialStore();
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
        CredentialStore active = store();
        active.checkAvailable();
        ConfigFile.UpdateResult result = configFile.updateRegenerating(doc -> {
            active.write(doc, credentials);
            doc.root().put("org", org);
            doc.tableOrCreate(org);
        });
        settings.reload();
        reportBackup(result);
        return active.describeLocation(configFile.path().toString());
    }

    @Override
    public Optional<Credentials> remove() {
        CredentialStore active = store();
        AtomicReference<Credentials> removed = new AtomicReference<>();
        ConfigFile.UpdateResult result = configFile.updateRegenerating(doc -> {
            active.read(doc).ifPresent(removed::set);
            active.delete(doc);
        });
        settings.reload();
        reportBackup(result);
        return Optional.ofNullable(removed.get());
    }

    /** Names the backup of a malformed config file that an update replaced, if there was one. */
    private void reportBackup(ConfigFile.UpdateResult result) {
        result.backup().ifPresent(backup -> warnings.accept("The malformed config file " + configFile.path()
                + " was replaced by a new one; its old contents are kept in " + backup
                + " (mode 600; it may still hold a token, so delete it once you no longer need it)."));
    }

    @Override
    public boolean moveTo(String target) {
        if (env.isSet("PIPECAT_CREDENTIAL_STORE")) {
            throw CliException.usage("PIPECAT_CREDENTIAL_STORE is set and overrides the saved choice; unset it first.");
        }
        CredentialStore source = store();
        if (source.name().equals(target)) {
            return false;
        }
        CredentialStore destination = provider(target).create(storeContext());
        try {
            destination.checkAvailable();
            Optional<Credentials> login = source.read(settings.document());
            if (login.isPresent()) {
                configFile.update(doc -> destination.write(doc, login.get()));
            }
            new ConfigFile(settings.preferencesPath(), warnings)
                    .update(doc -> doc.tableOrCreate("preferences").put("credential_store", target));
            if (login.isPresent()) {
                configFile.update(source::delete);
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
            Credentials stored = active.read(transaction.document()).orElseThrow(CliException::notLoggedIn);
            if (!refresher.isDue(stored)) {
                return stored;
            }
            transaction.reserveWrite();
            active.checkAvailable();
            Credentials refreshed = refresher.refresh(stored);
            active.write(transaction.document(), refreshed);
            return refreshed;
        });
        settings.reload();
        return current;
    }

    /** @return the configured store, created on first use */
    public CredentialStore store() {
        if (store == null) {
            String name = settings.credentialStore();
            store = provider(name).create(storeContext());
        }
        return store;
    }

    private StoreContext storeContext() {
        return new StoreContext(env, settings.apiHost(), configFile.path(), STORE_TIMEOUT, warnings);
    }

    private CredentialStoreProvider provider(String name) {
        List<CredentialStoreProvider> available = providers.get();
        return available.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> CliException.usage("Unknown credential store '" + name + "' (from "
                        + (env.isSet("PIPECAT_CREDENTIAL_STORE") ? "PIPECAT_CREDENTIAL_STORE" : settings.preferencesPath())
                        + "); available: " + available.stream().map(CredentialStoreProvider::name).sorted()
                                .collect(Collectors.joining(", ")) + "."));
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
