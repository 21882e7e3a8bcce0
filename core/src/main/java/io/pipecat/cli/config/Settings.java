package io.pipecat.cli.config;

import io.pipecat.cli.context.Environment;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolved settings of one invocation. Every setting resolves the same way (spec §2):
 * environment variable {@code PIPECAT_<KEY>} &gt; top-level value in the config file &gt; value in the
 * table of the active organization &gt; built-in default.
 *
 * <p>The config file is read only when a setting actually needs it, and at most once per
 * invocation (call {@link #reload()} after writing it). Not thread-safe.
 */
public final class Settings {

    /** Default API base URL. */
    public static final String DEFAULT_API_HOST = "https://api.pipecat.daily.co";
    /** Default dashboard base URL. */
    public static final String DEFAULT_DASHBOARD_HOST = "https://pipecat.daily.co";
    /** Default credential store. */
    public static final String DEFAULT_CREDENTIAL_STORE = "file";

    /** Name of our own preferences file, beside the shared config file. */
    public static final String PREFERENCES_FILE_NAME = "pipecat-cli.toml";

    private final Environment env;
    private final Path configPath;
    private final Supplier<TomlDocument> reader;
    private final Supplier<TomlDocument> preferencesReader;
    private TomlDocument document;
    private TomlDocument preferences;
    private boolean malformedReadsAsEmpty;

    /**
     * @param env               the environment
     * @param configPath        the shared config file
     * @param reader            reads (and validates) the shared config file
     * @param preferencesReader reads our preferences file
     */
    public Settings(Environment env, Path configPath, Supplier<TomlDocument> reader,
            Supplier<TomlDocument> preferencesReader) {
        this.env = env;
        this.configPath = configPath;
        this.reader = reader;
        this.preferencesReader = preferencesReader;
    }

    /**
     * @param env  the environment ({@code PIPECAT_CONFIG_PATH}, {@code HOME})
     * @return the config file path: {@code PIPECAT_CONFIG_PATH}, else
     *     {@code ~/.config/pipecatcloud/pipecatcloud.toml}
     */
    public static Path configPathFrom(Environment env) {
        return env.get("PIPECAT_CONFIG_PATH").map(Path::of)
                .orElseGet(() -> home(env).resolve(".config").resolve("pipecatcloud").resolve("pipecatcloud.toml"))
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

    /** @return the shared config file's path */
    public Path configPath() {
        return configPath;
    }

    /** @return our preferences file (store choice), beside the config file */
    public Path preferencesPath() {
        return configPath.resolveSibling(PREFERENCES_FILE_NAME);
    }

    /** @return the API base URL, without a trailing slash */
    public String apiHost() {
        return stripSlash(get("api_host").orElse(DEFAULT_API_HOST));
    }

    /** @return the dashboard base URL, without a trailing slash */
    public String dashboardHost() {
        return stripSlash(get("dashboard_host").orElse(DEFAULT_DASHBOARD_HOST));
    }

    /** @return the active organization: {@code PIPECAT_ORG}, else the file's {@code org} */
    public Optional<String> org() {
        Optional<String> fromEnv = env.get(envName("org"));
        return fromEnv.isPresent() ? fromEnv : document().getString("org");
    }

    /**
     * @return the credential store to use: {@code PIPECAT_CREDENTIAL_STORE}, else the persisted
     *     choice in the preferences file, else {@code file}
     */
    public String credentialStore() {
        Optional<String> fromEnv = env.get(envName("credential_store"));
        if (fromEnv.isPresent()) {
            return fromEnv.get().trim().toLowerCase(Locale.ROOT);
        }
        return savedCredentialStore().orElse(DEFAULT_CREDENTIAL_STORE);
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

    private Optional<String> savedCredentialStore() {
        Map<String, Object> table = preferences().table("preferences");
        Object persisted = table == null ? null : table.get("credential_store");
        return persisted instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /**
     * Resolves any setting by its file key.
     *
     * @param key the key as written in the file, e.g. {@code default_public_key}
     * @return environment &gt; top-level &gt; active org table; empty when none has it
     */
    public Optional<String> get(String key) {
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

    /** @return where {@link #get} found {@code key}: {@code env}, {@code file}, {@code org table} or {@code default} */
    public String sourceOf(String key) {
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
