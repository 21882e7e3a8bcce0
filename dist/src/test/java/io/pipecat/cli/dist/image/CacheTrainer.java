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
import java.util.Set;

/**
 * Trains a start-up cache (a static class-data archive) on the runtime the build just made.
 *
 * <p>Each invocation runs as the real CLI in a JVM of its own, started exactly as {@code ./pipecat}
 * starts it, recording the classes it loads ({@code -XX:DumpLoadedClassList}); the lists are merged
 * and the archive is dumped once with the production command line, so the cache matches the module
 * graph of a real run. On JDK 24+ the classes are also linked ahead of time
 * ({@code -XX:+AOTClassLinking}). Commands that call the API run against the test kit's
 * {@link FakePipecatCloud}, in this process, with a throw-away home that is deleted afterwards.
 */
final class CacheTrainer implements AutoCloseable {
    /** The training token: accepted by the fake only, and deleted with the training home. */
    private static final String PAT = "pcc_pat_training";

    /** Commands that do work (not help-like): what the full cache adds to the light invocations. */
    static final List<List<String>> WORKING_INVOCATIONS = List.of(
            List.of("cloud", "auth", "whoami"), List.of("cloud", "auth", "whoami", "--json"),
            List.of("cloud", "auth"), List.of("nosuchcommand"));

    private final ImageJdk jdk;
    private final Path work;
    private final Path tmp;
    private final Path log;
    private final FakePipecatCloud cloud;
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
        this.cloud = FakePipecatCloud.start()
                .organizations(Organization.of("acme", "Acme Inc."))
                .acceptPat(PAT, "acme");
        // The shape users have after a login: a refresh token, an expiry (a float, as the official
        // CLI writes it; far ahead, so nothing is refreshed) and the org's table with its defaults.
        Files.writeString(
                home.resolve("pipecatcloud.toml"),
                "token = \"" + PAT + "\"\norg = \"acme\"\nrefresh_token = \"training-refresh-token\"\n"
                        + "token_expires_at = 4102444800.5\n\n[acme]\ndefault_public_key = \"pk_training\"\n"
                        + "default_secret_set = \"training-secrets\"\n");
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
