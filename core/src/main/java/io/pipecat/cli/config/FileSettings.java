package io.pipecat.cli.config;

import io.pipecat.cli.context.Environment;
import io.pipecat.cli.context.Settings;
import io.pipecat.cli.errors.CliException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The core's {@link Settings}, over the config file, plus what only the core and the credential
 * broker use: the parsed document, the credential store choice, {@link #readForReplacement()}.
 *
 * <p>The config file is read only when a setting actually needs it, and at most once per
 * invocation (call {@link #reload()} after writing it). Not thread-safe.
 */
public final class FileSettings implements Settings {

    /** Default API base URL. */
    public static final String DEFAULT_API_HOST = "https://api.pipecat.daily.co";
    /** Default dashboard base URL. */
    public static final String DEFAULT_DASHBOARD_HOST = "https://pipecat.daily.co";
    /**
     * The top-level keys that hold the secrets of a login: never read or written through
     * {@link Settings}.
     */
    public static final Set<String> SECRET_KEYS = Set.of("token", "refresh_token", "token_expires_at");

    /** Name of our own preferences file, beside the shared config file. */
    public static final String PREFERENCES_FILE_NAME = "pipecat-cli.toml";

    private final Environment env;
    private final Path configPath;
    private final Supplier<TomlDocument> reader;
    private final Supplier<TomlDocument> preferencesReader;
    private final Consumer<Consumer<TomlDocument>> updater;
    private TomlDocument document;
    private TomlDocument preferences;
    private boolean malformedReadsAsEmpty;

    /**
     * @param env               the environment
     * @param configPath        the shared config file
     * @param reader            reads (and validates) the shared config file
     * @param preferencesReader reads our preferences file
     */
    public FileSettings(
            Environment env, Path configPath, Supplier<TomlDocument> reader, Supplier<TomlDocument> preferencesReader) {
        this(env, configPath, reader, preferencesReader, mutation -> {
            throw new UnsupportedOperationException("these settings are read-only");
        });
    }

    /**
     * @param updater runs a mutation of the config file as one locked, atomic update
     */
    public FileSettings(
            Environment env,
            Path configPath,
            Supplier<TomlDocument> reader,
            Supplier<TomlDocument> preferencesReader,
            Consumer<Consumer<TomlDocument>> updater) {
        this.env = env;
        this.configPath = configPath;
        this.reader = reader;
        this.preferencesReader = preferencesReader;
        this.updater = updater;
    }

    /** Settings over {@code config}, with our preferences file beside it. */
    public static FileSettings of(Environment env, ConfigFile config, ConfigFile preferences) {
        return new FileSettings(env, config.path(), config::read, preferences::read, config::update);
    }

    /**
     * @param env  the environment ({@code PIPECAT_CONFIG_PATH}, {@code HOME})
     * @return the config file path: {@code PIPECAT_CONFIG_PATH}, else
     *     {@code ~/.config/pipecatcloud/pipecatcloud.toml}
     */
    public static Path configPathFrom(Environment env) {
        return env.get("PIPECAT_CONFIG_PATH")
                .map(Path::of)
                .orElseGet(() ->
                        home(env).resolve(".config").resolve("pipecatcloud").resolve("pipecatcloud.toml"))
                .toAbsolutePath();
    }

    /** @return the user's home folder: {@code HOME}, else the JVM's {@code user.home} */
    public static Path home(Environment env) {
        return Path.of(env.get("HOME").orElseGet(() -> System.getProperty("user.home")));
    }

    /** @return the environment variable that overrides {@code key}, e.g. {@code PIPECAT_API_HOST} */
    public static String envName(String key) {
        return "PIPECAT_" + key.toUpperCase(Locale.ROOT);
    }

    @Override
    public Path configPath() {
        return configPath;
    }

    /** @return our preferences file (store choice), beside the config file */
    public Path preferencesPath() {
        return configPath.resolveSibling(PREFERENCES_FILE_NAME);
    }

    @Override
    public String apiHost() {
        return stripSlash(get("api_host").orElse(DEFAULT_API_HOST));
    }

    @Override
    public String dashboardHost() {
        return stripSlash(get("dashboard_host").orElse(DEFAULT_DASHBOARD_HOST));
    }

    @Override
    public Optional<String> org() {
        Optional<String> fromEnv = env.get(envName("org"));
        return fromEnv.isPresent() ? fromEnv : document().getString("org");
    }

    /**
     * @return the credential store chosen: {@code PIPECAT_CREDENTIAL_STORE}, else the persisted
     *     choice in the preferences file; empty when none was chosen (the default store is used)
     */
    public Optional<String> credentialStore() {
        Optional<String> fromEnv = env.get(envName("credential_store"));
        if (fromEnv.isPresent()) {
            return Optional.of(fromEnv.get().trim().toLowerCase(Locale.ROOT));
        }
        return savedCredentialStore();
    }

    /**
     * @return why {@link #credentialStore()} is what it is: {@code from PIPECAT_CREDENTIAL_STORE},
     *     {@code saved in <preferences file>} or {@code default}
     */
    public String credentialStoreOrigin() {
        if (env.isSet(envName("credential_store"))) {
            return "from " + envName("credential_store");
        }
        return savedCredentialStore().isPresent() ? "saved in " + preferencesPath() : "default";
    }

    /**
     * @return the credential store saved in the preferences file, whatever
     *     {@code PIPECAT_CREDENTIAL_STORE} says; empty when none was saved
     */
    public Optional<String> savedCredentialStore() {
        Map<String, Object> table = preferences().table("preferences");
        Object persisted = table == null ? null : table.get("credential_store");
        return persisted instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    @Override
    public Optional<String> get(String key) {
        refuseSecret(key);
        Optional<String> fromEnv = env.get(envName(key));
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        TomlDocument doc = document();
        Object topLevel = doc.root().get(key);
        if (topLevel != null && !(topLevel instanceof Map)) {
            return Optional.of(String.valueOf(topLevel));
        }
        Optional<String> org = org();
        if (org.isPresent()) {
            Map<String, Object> table = doc.table(org.get());
            Object value = table == null ? null : table.get(key);
            if (value != null && !(value instanceof Map)) {
                return Optional.of(String.valueOf(value));
            }
        }
        return Optional.empty();
    }

    @Override
    public String sourceOf(String key) {
        refuseSecret(key);
        if (env.isSet(envName(key))) {
            return "env";
        }
        Object topLevel = document().root().get(key);
        if (topLevel != null && !(topLevel instanceof Map)) {
            return "file";
        }
        return get(key).isPresent() ? "org table" : "default";
    }

    /**
     * @return the parsed config file (empty when it does not exist), read once
     * @throws MalformedConfigFileException when its content is not a config, unless
     *     {@link #readForReplacement()} was called: it then reads as empty
     * @throws ConfigFileException when it cannot be read at all
     */
    public TomlDocument document() {
        if (document == null) {
            try {
                document = reader.get();
            } catch (MalformedConfigFileException e) {
                if (!malformedReadsAsEmpty) {
                    throw e;
                }
                document = TomlDocument.empty();
            }
        }
        return document;
    }

    /**
     * For the commands that store a new login or remove one ({@code login}, {@code use-pat},
     * {@code logout}): their save keeps a malformed config file as a backup and writes a new one,
     * so such a file must not stop them. Reads the file now, before the command makes any network
     * call or opens a browser, so that a file nothing could replace fails first and no token the
     * server issues is thrown away. From then on a malformed file reads as empty: none of its
     * values can be trusted.
     *
     * @return the problem when the file is malformed (tell the user before going on); empty when
     *     it is valid or does not exist
     * @throws ConfigFileException when the file cannot be used at all (a folder, a dangling link,
     *     no permission, too large): the command must stop
     */
    public Optional<MalformedConfigFileException> readForReplacement() {
        malformedReadsAsEmpty = true;
        document = null;
        try {
            document = reader.get();
            return Optional.empty();
        } catch (MalformedConfigFileException e) {
            document = TomlDocument.empty();
            return Optional.of(e);
        }
    }

    @Override
    public Optional<String> orgValue(String org, String key) {
        refuseSecret(key);
        Map<String, Object> table = document().table(org);
        Object value = table == null ? null : table.get(key);
        return value == null || value instanceof Map ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    @Override
    public void setOrg(String org, Map<String, String> values) {
        checkName("organization", org);
        values.forEach((key, value) -> checkValue(key, value));
        updater.accept(doc -> {
            checkOrgTable(doc, org);
            doc.root().put("org", org);
            doc.tableOrCreate(org).putAll(values);
        });
        reload();
    }

    @Override
    public void setOrgValue(String org, String key, String value) {
        checkName("organization", org);
        checkValue(key, value);
        updater.accept(doc -> {
            checkOrgTable(doc, org);
            doc.tableOrCreate(org).put(key, value);
        });
        reload();
    }

    private static void checkValue(String key, String value) {
        checkName("key", key);
        if (SECRET_KEYS.contains(key)) {
            throw CliException.error("'" + key + "' holds a secret of the login and cannot be set as a setting.");
        }
        java.util.Objects.requireNonNull(value, "value");
    }

    private static void checkName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw CliException.error("The " + what + " name must not be blank.");
        }
    }

    /** An organization's table must not replace a top-level value (the token, the org, a host). */
    private static void checkOrgTable(TomlDocument doc, String org) {
        Object existing = doc.root().get(org);
        if (SECRET_KEYS.contains(org) || (existing != null && !(existing instanceof Map))) {
            throw CliException.error("'" + org + "' is a top-level setting of the config file, not an organization.");
        }
    }

    private static void refuseSecret(String key) {
        if (SECRET_KEYS.contains(key)) {
            throw new IllegalArgumentException("'" + key + "' is a secret, not a setting; the authenticated API client"
                    + " attaches the token itself.");
        }
    }

    /** Forgets what was read, after the file was written. */
    public void reload() {
        document = null;
        preferences = null;
    }

    private TomlDocument preferences() {
        if (preferences == null) {
            preferences = preferencesReader.get();
        }
        return preferences;
    }

    private static String stripSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
