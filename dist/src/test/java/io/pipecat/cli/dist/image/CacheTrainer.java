package io.pipecat.cli.dist.image;

import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.Organization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Trains a start-up cache (a static class-data archive) on the runtime the build just made.
 *
 * <p>Each invocation runs as the real CLI in a JVM of its own, started exactly as {@code ./pipecat}
 * starts it, recording the classes it loads ({@code -XX:DumpLoadedClassList}); the lists are merged
 * and the archive is dumped once with the production command line, so the cache matches the module
 * graph of a real run. On JDK 24+ the classes are also linked ahead of time
 * ({@code -XX:+AOTClassLinking}). The runs take the paths users take: commands that call the API
 * run over https against the test kit's {@link FakePipecatCloud} (in this process; its throw-away
 * test CA is trusted through a trust store that also holds the system's CAs, so the TLS classes and
 * the trust store's reading are cached), with a real config file and the file store, and, where a
 * private Secret Service can be started ({@code scripts/with-keyring.sh}), with the keychain store.
 * The training homes are deleted afterwards; the keychain is a throw-away one, never the user's.
 */
final class CacheTrainer implements AutoCloseable {
    /** The training token: accepted by the fake only, and deleted with the training home. */
    private static final String PAT = "pcc_pat_training";

    /** What users have: a login (here the training PAT) and one organization with its table. */
    // The shape users have after a login: a refresh token, an expiry (a float, as the official CLI
    // writes it; far ahead, so nothing is refreshed) and the org's table with its defaults.
    private static final String CONFIG = "token = \"" + PAT + "\"\norg = \"acme\"\n"
            + "refresh_token = \"training-refresh-token\"\ntoken_expires_at = 4102444800.5\n\n[acme]\n"
            + "default_public_key = \"pk_training\"\ndefault_public_key_name = \"Training key\"\n"
            + "default_secret_set = \"training-secrets\"\n";

    /**
     * The invocations the full cache is trained on: the commands that are not help-like (whoami
     * stands for every command that calls the API), a group's help and a mistyped command. On JDK
     * 24+ the JVM preloads the whole cache at every start, so each class in it costs every such run
     * time and memory: there, help-only classes (the light cache has them) and the {@link
     * #RARER_INVOCATIONS} are left out.
     */
    static final List<List<String>> WORKING_INVOCATIONS =
            List.of(List.of("cloud", "auth", "whoami"), List.of("cloud", "auth"), List.of("nosuchcommand"));

    /**
     * Trained only into a cache that is not preloaded (JDK &lt; 24, one cache for everything), where a
     * class in it costs nothing until used: {@code whoami --json} (its ObjectMapper is ~350 classes).
     */
    static final List<List<String>> RARER_INVOCATIONS = List.of(List.of("cloud", "auth", "whoami", "--json"));

    private final ImageJdk jdk;
    private final Path work;
    private final Path tmp;
    private final Path log;
    private final FakePipecatCloud cloud;
    private final Path trustStore;
    private final Path keyringHome;
    private final Map<String, String> env = new HashMap<>();
    private int lists;

    /**
     * @param work           an empty folder for the training home, plugins and class lists; deleted by {@link #close}
     * @param trainingPlugin a third-party plugin jar, so the caches also hold the plugin-index path
     *                       (a run with plugins reads the index on every start); may be null
     */
    CacheTrainer(ImageJdk jdk, Path work, Path trainingPlugin, Path log) throws IOException {
        this.jdk = jdk;
        this.work = Files.createDirectories(work);
        this.log = log;
        this.tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path home = Files.createDirectories(work.resolve("home"));
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        if (trainingPlugin != null && Files.isRegularFile(trainingPlugin)) {
            Files.copy(trainingPlugin, plugins.resolve("training-plugin.jar"), StandardCopyOption.REPLACE_EXISTING);
        }
        this.cloud = FakePipecatCloud.startHttps()
                .organizations(Organization.of("acme", "Acme Inc."))
                .acceptPat(PAT, "acme");
        this.trustStore = FakePipecatCloud.writeTrustStore(work.resolve("truststore.jks"));
        this.keyringHome = Files.createDirectories(work.resolve("home-keyring"));
        for (Path folder : List.of(home, keyringHome)) {
            Files.writeString(folder.resolve("pipecatcloud.toml"), CONFIG);
        }
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("PIPECAT_CONFIG_PATH", home.resolve("pipecatcloud.toml").toString());
        env.put("PIPECAT_PLUGIN_PATH", plugins.toString());
        env.put("PIPECAT_API_HOST", cloud.baseUrl());
    }

    /** The environment of a training run, also fit for a smoke run of the CLI. */
    Map<String, String> env() {
        return Map.copyOf(env);
    }

    /**
     * Runs one invocation of the CLI, recording the classes it loads.
     *
     * @param java    the {@code java} binary of the runtime
     * @param vmFlags the VM flags of a real run (without a cache)
     * @param launch  how a real run starts the CLI: {@code -m …}, or {@code --module-path … -m …}
     * @return the class list of the run (empty when the JVM wrote none)
     */
    List<String> record(List<String> java, List<String> vmFlags, List<String> launch, List<String> words)
            throws IOException {
        if (lists == 0) {
            // An unrecorded first run writes the plugin index, so the recorded runs read it as users' runs do.
            new Command(java, vmFlags, launch, "--help").env(env).log(log).run();
        }
        Path list = work.resolve("classes-" + (++lists) + ".lst");
        new Command(
                        java,
                        vmFlags,
                        "-Djava.io.tmpdir=" + tmp,
                        trust(),
                        "-Xshare:off",
                        "-XX:DumpLoadedClassList=" + list,
                        launch,
                        words)
                .env(env)
                .log(log)
                .run();
        return Files.isRegularFile(list) ? Files.readAllLines(list) : List.of();
    }

    /**
     * Records {@code cloud auth whoami} with the keychain store: inside a private D-Bus session with
     * a throw-away gnome-keyring ({@code withKeyring}, the repository's {@code scripts/with-keyring.sh}),
     * the training login is moved into the keychain ({@code cloud auth store keyring}), then whoami
     * runs recorded. The keyring and its bus end with the script, so nothing is left in any keychain.
     *
     * @return the class list, or empty when no private keychain could be started (why is in the log)
     */
    Optional<List<String>> recordKeychain(
            List<String> java, List<String> vmFlags, List<String> launch, Path withKeyring) throws IOException {
        if (withKeyring == null || !Files.isExecutable(withKeyring)) {
            return Optional.empty();
        }
        Path list = work.resolve("classes-" + (++lists) + ".lst");
        List<String> run = new ArrayList<>(java);
        run.addAll(vmFlags);
        run.add("-Djava.io.tmpdir=" + tmp);
        run.add(trust());
        List<String> move = new ArrayList<>(run);
        move.addAll(launch);
        move.addAll(List.of("cloud", "auth", "store", "keyring"));
        List<String> whoami = new ArrayList<>(run);
        whoami.addAll(List.of("-Xshare:off", "-XX:DumpLoadedClassList=" + list));
        whoami.addAll(launch);
        whoami.addAll(List.of("cloud", "auth", "whoami"));
        Path script = work.resolve("keychain-training.sh");
        Files.writeString(script, "set -e\n" + shell(move) + "\n" + shell(whoami) + "\n");
        Map<String, String> keyringEnv = new HashMap<>(env);
        keyringEnv.put("HOME", keyringHome.toString());
        keyringEnv.put(
                "PIPECAT_CONFIG_PATH", keyringHome.resolve("pipecatcloud.toml").toString());
        Command.Outcome outcome = new Command(withKeyring, "/bin/sh", script)
                .env(keyringEnv)
                .log(log)
                .run();
        if (!outcome.ok() || !Files.isRegularFile(list)) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllLines(list));
    }

    /** The training runs trust the fake's test CA (and the system's CAs) as users' runs trust theirs. */
    private String trust() {
        return "-Djavax.net.ssl.trustStore=" + trustStore;
    }

    private static String shell(List<String> words) {
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    /**
     * Dumps the archive of the merged class lists with the command line of a real run, so that it
     * fits the module graph of that run.
     *
     * @return whether the archive was written
     */
    boolean dump(List<String> java, List<String> vmFlags, List<String> launch, Set<String> classList, Path archive)
            throws IOException {
        Path file = work.resolve(archive.getFileName() + ".classlist");
        Files.write(file, classList);
        List<String> dump = new ArrayList<>(
                List.of("-Xshare:dump", "-XX:SharedClassListFile=" + file, "-XX:SharedArchiveFile=" + archive));
        if (jdk.linksAheadOfTime()) {
            dump.add("-XX:+AOTClassLinking");
        }
        Files.deleteIfExists(archive);
        Command.Outcome outcome =
                new Command(java, vmFlags, dump, launch).env(env).log(log).run();
        return outcome.ok() && Files.isRegularFile(archive) && Files.size(archive) > 0;
    }

    /**
     * Adds a class list to the merged one. Class lines carry a per-run {@code id:} that only
     * classes of custom loaders refer to (those are not archived statically), so it is dropped;
     * duplicates are kept once, in first-seen order (a class before the lambdas that use it).
     */
    static void merge(List<String> list, Set<String> into) {
        for (String line : list) {
            if (line.isBlank() || line.startsWith("#") || line.contains(" source: ")) {
                continue;
            }
            into.add(line.replaceFirst(" id: \\d+$", ""));
        }
    }

    /** Stops the fake and deletes the training home (it holds the training token) and the class lists. */
    @Override
    public void close() throws IOException {
        cloud.close();
        ImageBuild.deleteTree(work);
    }
}
