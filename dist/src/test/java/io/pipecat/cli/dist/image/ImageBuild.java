package io.pipecat.cli.dist.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the fast-starting distribution from {@code DIST/lib} (the CLI's module path, whatever
 * jars it holds), beside it:
 * <ul>
 *   <li>{@code image/}: a jlinked runtime of the JDK modules the jars need and the app modules
 *       themselves (an automatic jar gets a generated descriptor first, since jlink refuses it);</li>
 *   <li>{@code image/lib/pipecat.jsa} and, on JDK 24+, {@code pipecat-light.jsa}: start-up caches
 *       trained by {@link CacheTrainer} (the light one for the help-like invocations of
 *       {@code light-invocations}: on JDK 24+ the JVM preloads a whole cache, so a small one keeps
 *       {@code --help} fast);</li>
 *   <li>{@code java} (a link to the runtime's java), {@code jvm.args}, {@code jvm-light.args}: how
 *       {@code ./pipecat} starts it; {@code light-invocations}: its copy of the list;
 *       {@code image.properties}: the JDK and the layout chosen.</li>
 * </ul>
 * Fallbacks, each announced with one line at build time and never at run time: a jar that cannot
 * get a descriptor → a runtime of the JDK modules only, the jars on {@code --module-path}; a JDK
 * without {@code jlink} → its own java with the module path. {@code PIPECAT_IMAGE=off} skips
 * the image and the caches; {@code PIPECAT_IMAGE_EXTRA_MODULES=a,b} links more JDK modules (for
 * third-party plugins). Nothing is done when the inputs have not changed since the last build.
 *
 * <p>Run by the dist module's build ({@code process-test-classes}) with the test class path, so
 * that the training can use the test kit; {@code dist=DIR light=FILE plugin=JAR jdk=PATH} (the
 * last may be empty, see {@link ImageJdk#choose}).
 */
public final class ImageBuild {
    static final String MAIN_MODULE = "io.pipecat.cli.launcher";
    static final String MAIN = MAIN_MODULE + "/io.pipecat.cli.launcher.Main";
    /** The module of JNA (keychain access), which loads its native library. */
    static final String JNA_MODULE = "com.sun.jna";
    /**
     * Start-up flags (measured: C1 only and Serial GC start a short-lived CLI fastest; no
     * hsperfdata file), and a heap cap fit for the CLI's largest inputs.
     */
    static final List<String> VM_FLAGS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx256m");
    /** JVM logging off, so that a refused cache never prints a warning to a user. */
    static final List<String> QUIET = List.of("-Xlog:disable", "-Xlog:all=off");
    /**
     * JDK modules always linked besides what the jars require: jdk.crypto.ec (TLS with EC keys on
     * JDK &lt; 22), jdk.unsupported (JNA and others' fast paths), jdk.net (socket options httpcore5
     * touches on every connect), java.net.http (the natural HTTP client of third-party plugins),
     * java.compiler (the core provides its annotation processor's service: JDK 17's jlink refuses to
     * link it without the service's module, see {@link #COMPILER_LAUNCH}).
     */
    static final List<String> EXTRA_MODULES =
            List.of("jdk.crypto.ec", "jdk.unsupported", "jdk.net", "java.net.http", "java.compiler");

    /**
     * How the full image starts where the boot layer insists that a module providing a service
     * reads the service's module (JDK 17: "Module io.pipecat.cli.core does not read a module that
     * exports javax.annotation.processing"): the core requires java.compiler only {@code static}, so
     * it is resolved explicitly. Its classes are never loaded at run time. Tried only when the plain
     * {@code -m} start fails its smoke run, so newer JDKs do without it.
     */
    static final List<String> COMPILER_LAUNCH = List.of("--add-modules=java.compiler", "-m", MAIN);

    /**
     * How the full image starts on JDKs without ahead-of-time class linking (17–23): the main class
     * alone, no {@code -m}, no {@code --add-modules}. In a jlinked image every module that exports a
     * package is a root of the boot layer, so the CLI's modules (and java.compiler, through java.se)
     * are resolved as with {@code -m}, and the application class loader finds the main class in its
     * named module. {@code -m} would set {@code jdk.module.main}, which turns off the cache's
     * archived module graph (measured on JDK 17: {@code --help} 64 → 50 ms, {@code cloud
     * --show-cli-config} 79 → 59 ms, with {@link #ARCHIVED_HEAP_FLAGS}).
     */
    static final List<String> BOOT_LAYER_LAUNCH = List.of(MAIN.substring(MAIN.indexOf('/') + 1));

    /**
     * VM flags instead of {@link #VM_FLAGS} for {@link #BOOT_LAYER_LAUNCH}: before JDK 24 the archived
     * module graph lives in the cache's archived heap, which JDK 17 writes and maps only with G1.
     */
    static final List<String> ARCHIVED_HEAP_FLAGS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseG1GC", "-XX:-UsePerfData", "-Xmx256m");

    /** How to start the CLI on the runtime that was built. */
    record Runtime(String layout, Path java, List<String> launch) {}

    private final Path dist;
    private final Path lib;
    private final Path work;
    private final Path log;
    private final Path lightFile;
    private final Path trainingPlugin;
    private final Path withKeyring;
    private final String jdkProperty;
    private final Map<String, String> env;
    private ImageJdk jdk;
    private boolean fellBack;
    /** Whether the full cache was trained on the keychain path too. */
    private boolean keychainTrained;

    /** @param withKeyring the repository's {@code scripts/with-keyring.sh} (keychain training), or null */
    ImageBuild(
            Path dist,
            Path lightFile,
            Path trainingPlugin,
            Path withKeyring,
            String jdkProperty,
            Map<String, String> env) {
        this.dist = dist.toAbsolutePath();
        this.lib = this.dist.resolve("lib");
        this.work = this.dist.resolveSibling("image-work");
        this.log = work.resolve("build.log");
        this.lightFile = lightFile;
        this.trainingPlugin = trainingPlugin;
        this.withKeyring = withKeyring;
        this.jdkProperty = jdkProperty;
        this.env = env;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = Arrays.stream(args)
                .map(a -> a.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : ""));
        try {
            new ImageBuild(
                            Path.of(opts.get("dist")),
                            Path.of(opts.get("light")),
                            opts.getOrDefault("plugin", "").isEmpty() ? null : Path.of(opts.get("plugin")),
                            opts.getOrDefault("keyring", "").isEmpty() ? null : Path.of(opts.get("keyring")),
                            opts.getOrDefault("jdk", ""),
                            System.getenv())
                    .build();
        } catch (IllegalArgumentException e) {
            System.err.println("pipecat image: " + e.getMessage());
            System.exit(1);
        }
    }

    void build() throws IOException {
        ImageJdk.Choice choice =
                ImageJdk.choose(jdkProperty, env, Path.of("/usr/lib/jvm"), Path.of(System.getProperty("java.home")));
        jdk = choice.jdk();
        say("JDK " + jdk.version() + " at " + jdk.home() + " (" + choice.reason() + ")");
        Files.copy(lightFile, dist.resolve("light-invocations"), StandardCopyOption.REPLACE_EXISTING);
        String inputs = digest();
        Path inputsFile = dist.resolve(".image-inputs");
        if (Files.isRegularFile(inputsFile)
                && Files.readString(inputsFile).equals(inputs)
                && Files.exists(dist.resolve("java"))
                && Files.isRegularFile(dist.resolve("jvm.args"))) {
            say("up to date: "
                    + Files.readString(dist.resolve("image.properties"))
                            .lines()
                            .filter(l -> l.startsWith("layout="))
                            .findFirst()
                            .orElse(""));
            touchBuilt();
            return;
        }
        for (String name : List.of(".image-inputs", "jvm.args", "jvm-light.args", "java", "image.properties")) {
            Files.deleteIfExists(dist.resolve(name));
        }
        deleteTree(dist.resolve("image"));
        deleteTree(dist.resolve("cache"));
        deleteTree(work);
        Files.createDirectories(work);

        boolean off = "off".equals(env.get("PIPECAT_IMAGE"));
        Runtime runtime = null;
        if (!off && !(jdk.has("jlink") && jdk.has("jdeps") && jdk.has("javac"))) {
            note("the JDK at " + jdk.home() + " has no jlink; using its java with the plain module path");
        } else if (!off) {
            runtime = fullImage();
            if (runtime == null) {
                runtime = jdkOnlyImage();
            }
        }
        if (runtime == null) {
            runtime = new Runtime(
                    "plain module path", jdk.tool("java"), List.of("--module-path", lib.toString(), "-m", MAIN));
        }
        List<String> caches = off ? List.of() : trainCaches(runtime);
        if (off) {
            writeArgs(dist.resolve("jvm.args"), runtime, List.of());
        }
        Files.deleteIfExists(dist.resolve("java"));
        Files.createSymbolicLink(dist.resolve("java"), runtime.java());
        Files.writeString(
                dist.resolve("image.properties"),
                "jdk.home=" + jdk.home() + "\njdk.version=" + jdk.version() + "\njdk.choice=" + choice.reason()
                        + "\nlayout=" + runtime.layout() + "\ncaches=" + String.join(",", caches)
                        + "\nkeychain.trained=" + keychainTrained + "\n");
        say(runtime.layout() + " with JDK " + jdk.version()
                + (caches.isEmpty() ? ", no start-up cache" : ", caches " + String.join(", ", caches)));
        Files.writeString(inputsFile, inputs);
        if (fellBack) {
            try (Stream<Path> files = Files.list(work)) { // keep the logs the notes point to
                for (Path p : files.filter(p -> !p.getFileName().toString().endsWith(".log"))
                        .toList()) {
                    deleteTree(p);
                }
            }
        } else {
            deleteTree(work);
        }
        touchBuilt();
    }

    // ---- 1. full image: the app modules linked in ------------------------------------------------

    private Runtime fullImage() throws IOException {
        List<ModuleJars.Jar> jars = ModuleJars.list(lib);
        if (jars.stream().anyMatch(ModuleJars.Jar::usesServiceLoader)) {
            note("an automatic module calls ServiceLoader; keeping the jars on the module path");
            return null;
        }
        Path mods = Files.createDirectories(work.resolve("mods"));
        List<ModuleJars.Jar> autos =
                jars.stream().filter(ModuleJars.Jar::automatic).toList();
        List<ModuleJars.Jar> explicit =
                jars.stream().filter(j -> !j.automatic()).toList();
        if (!autos.isEmpty() && !describe(autos, explicit, mods)) {
            return null;
        }
        for (ModuleJars.Jar jar : explicit) {
            Files.copy(jar.file(), mods.resolve(jar.file().getFileName()));
        }
        Path image = dist.resolve("image");
        String modules = join(jars.stream().map(ModuleJars.Jar::name).collect(Collectors.joining(",")), extraModules());
        Command.Outcome link = new Command(
                        jdk.tool("jlink"),
                        linkOptions(),
                        "--module-path",
                        mods,
                        "--add-modules",
                        modules,
                        "--output",
                        image)
                .log(log)
                .run();
        if (link.ok() && !jdk.linksAheadOfTime()) {
            // Before JDK 24: `-m` (and --add-modules) make the JVM resolve the module graph at every
            // start; without them the boot layer's roots are the image's modules and the cache holds
            // the resolved graph (see BOOT_LAYER_LAUNCH).
            Runtime bootLayer = new Runtime("full image, boot layer", image.resolve("bin/java"), BOOT_LAYER_LAUNCH);
            if (smoke(bootLayer, List.of(), null)) {
                return bootLayer;
            }
        }
        Runtime runtime = new Runtime("full image", image.resolve("bin/java"), List.of("-m", MAIN));
        if (link.ok() && smoke(runtime, List.of(), null)) {
            return runtime;
        }
        Runtime withCompiler = new Runtime("full image", image.resolve("bin/java"), COMPILER_LAUNCH);
        if (link.ok() && smoke(withCompiler, List.of(), null)) {
            return withCompiler;
        }
        deleteTree(image);
        note("jlink of the app modules failed with JDK " + jdk.version() + " (see " + log
                + "); trying the JDK modules only");
        return null;
    }

    /** Gives the automatic jars a generated, open module descriptor (automatic modules are open). */
    private boolean describe(List<ModuleJars.Jar> autos, List<ModuleJars.Jar> explicit, Path mods) throws IOException {
        Path gen = work.resolve("gen");
        Command.Outcome jdeps = new Command(
                        jdk.tool("jdeps"),
                        "--multi-release",
                        jdk.feature(),
                        "--ignore-missing-deps",
                        "--generate-module-info",
                        gen,
                        "--module-path",
                        lib,
                        autos.stream().map(ModuleJars.Jar::file).toList())
                .log(log)
                .run();
        Path src = work.resolve("src");
        List<String> sources = new ArrayList<>();
        List<String> patches = new ArrayList<>();
        for (ModuleJars.Jar jar : autos) {
            Path generated = gen.resolve(jar.name());
            Path info;
            try (Stream<Path> found = Files.exists(generated) ? Files.walk(generated) : Stream.empty()) {
                info = found.filter(p -> p.getFileName().toString().equals("module-info.java"))
                        .findFirst()
                        .orElse(null);
            }
            if (!jdeps.ok() || info == null) {
                note("jdeps could not describe " + jar.file().getFileName() + " (see " + log
                        + "); keeping the jars on the module path");
                return false;
            }
            Path target = Files.createDirectories(src.resolve(jar.name())).resolve("module-info.java");
            Files.writeString(target, Files.readString(info).replaceFirst("(?m)^module ", "open module "));
            sources.add(target.toString());
            patches.addAll(List.of("--patch-module", jar.name() + "=" + jar.file()));
        }
        String explicitPath = explicit.stream().map(j -> j.file().toString()).collect(Collectors.joining(":"));
        Command.Outcome javac = new Command(
                        jdk.tool("javac"),
                        "-nowarn",
                        "--release",
                        jdk.feature(),
                        "-d",
                        work.resolve("classes"),
                        "--module-source-path",
                        src,
                        "--module-path",
                        explicitPath,
                        patches,
                        sources)
                .log(log)
                .run();
        if (!javac.ok()) {
            note("could not give the automatic jars a module descriptor (see " + log
                    + "); keeping the jars on the module path");
            return false;
        }
        for (ModuleJars.Jar jar : autos) {
            ModuleJars.inject(
                    jar.file(),
                    work.resolve("classes").resolve(jar.name()).resolve("module-info.class"),
                    mods.resolve(jar.file().getFileName()));
        }
        return true;
    }

    // ---- 2. JDK-only image, the app jars on --module-path ------------------------------------------

    private Runtime jdkOnlyImage() throws IOException {
        String all = ModuleJars.list(lib).stream().map(ModuleJars.Jar::name).collect(Collectors.joining(","));
        Path depsFile = work.resolve("module-deps.txt");
        Command.Outcome jdeps = new Command(
                        jdk.tool("jdeps"),
                        "--multi-release",
                        jdk.feature(),
                        "--ignore-missing-deps",
                        "--print-module-deps",
                        "--module-path",
                        lib,
                        "--add-modules",
                        all)
                .log(depsFile)
                .run();
        List<String> lines = Files.isRegularFile(depsFile)
                ? Files.readAllLines(depsFile).stream()
                        .filter(l -> l.matches("[\\w.]+(,[\\w.]+)*"))
                        .toList()
                : List.of();
        Path image = dist.resolve("image");
        if (jdeps.ok() && !lines.isEmpty()) {
            Command.Outcome link = new Command(
                            jdk.tool("jlink"),
                            linkOptions(),
                            "--add-modules",
                            join(lines.get(lines.size() - 1), extraModules()),
                            "--output",
                            image)
                    .log(log)
                    .run();
            Runtime runtime = new Runtime(
                    "JDK-only image, jars on the module path",
                    image.resolve("bin/java"),
                    List.of("--module-path", lib.toString(), "-m", MAIN));
            if (link.ok() && smoke(runtime, List.of(), null)) {
                return runtime;
            }
        }
        deleteTree(image);
        note("could not build a runtime image with JDK " + jdk.version() + " (see " + log
                + "); using the plain module path");
        return null;
    }

    private static String join(String modules, String more) {
        return more.isEmpty() ? modules : modules + "," + more;
    }

    private static List<String> linkOptions() {
        return List.of("--strip-debug", "--no-header-files", "--no-man-pages", "--ignore-signing-information");
    }

    private String extraModules() throws IOException {
        Path listFile = work.resolve("jdk-modules.txt");
        new Command(jdk.tool("java"), "--list-modules").log(listFile).run();
        Set<String> available = Files.readAllLines(listFile).stream()
                .map(l -> l.split("@")[0].strip())
                .collect(Collectors.toSet());
        List<String> wanted = new ArrayList<>(EXTRA_MODULES);
        String more = env.getOrDefault("PIPECAT_IMAGE_EXTRA_MODULES", "");
        if (!more.isBlank()) {
            wanted.addAll(Arrays.asList(more.split(",")));
        }
        return wanted.stream()
                .map(String::strip)
                .filter(available::contains)
                .distinct()
                .collect(Collectors.joining(","));
    }

    // ---- start-up caches ----------------------------------------------------------------------------

    /** @return the file names of the caches that were made and pass the smoke run */
    private List<String> trainCaches(Runtime runtime) throws IOException {
        Path folder = Files.createDirectories(
                runtime.java().startsWith(dist.resolve("image")) ? dist.resolve("image/lib") : dist.resolve("cache"));
        List<String> java = List.of(runtime.java().toString());
        List<String> flags = vmFlags(runtime);
        List<List<String>> light = LightInvocations.training(lightFile);
        List<String> made = new ArrayList<>();
        try (CacheTrainer trainer = new CacheTrainer(jdk, work.resolve("training"), trainingPlugin, log)) {
            Set<String> lightList = new LinkedHashSet<>();
            Set<String> fullList = new LinkedHashSet<>();
            // Where the JVM preloads a whole cache (JDK 24+), the light invocations get a cache of their
            // own and the full one holds only what the other invocations use; elsewhere the one cache
            // serves every invocation.
            boolean preloads = jdk.linksAheadOfTime();
            for (List<String> words : light) {
                List<String> list = trainer.record(java, flags, runtime.launch(), words);
                CacheTrainer.merge(list, lightList);
                if (!preloads) {
                    CacheTrainer.merge(list, fullList);
                }
            }
            for (List<String> words : CacheTrainer.WORKING_INVOCATIONS) {
                CacheTrainer.merge(trainer.record(java, flags, runtime.launch(), words), fullList);
            }
            for (List<String> words : preloads ? List.<List<String>>of() : CacheTrainer.RARER_INVOCATIONS) {
                CacheTrainer.merge(trainer.record(java, flags, runtime.launch(), words), fullList);
            }
            Optional<List<String>> keychain = keychainTools()
                    ? trainer.recordKeychain(java, flags, runtime.launch(), withKeyring)
                    : Optional.empty();
            keychain.ifPresent(list -> CacheTrainer.merge(list, fullList));
            keychainTrained = keychain.isPresent();
            say(
                    keychainTrained
                            ? "the full cache is trained on the keychain path too (a private gnome-keyring)"
                            : "the keychain path is not trained (no dbus-run-session and gnome-keyring-daemon, or the"
                                    + " private keyring did not start; see " + log + "): keychain commands load those"
                                    + " classes at run time");
            Path full = folder.resolve("pipecat.jsa");
            List<String> cache = cacheFlags(full);
            if (trainer.dump(java, flags, runtime.launch(), fullList, full) && smoke(runtime, cache, trainer.env())) {
                made.add(full.getFileName().toString());
            } else {
                Files.deleteIfExists(full);
                cache = List.of();
                note("could not build the start-up cache (see " + log + "); starting without one");
            }
            writeArgs(dist.resolve("jvm.args"), runtime, cache);
            // Only where the JVM preloads the whole cache does a second, small one pay off.
            if (!cache.isEmpty() && jdk.linksAheadOfTime()) {
                Path small = folder.resolve("pipecat-light.jsa");
                List<String> lightCache = cacheFlags(small);
                if (trainer.dump(java, flags, runtime.launch(), lightList, small)
                        && smoke(runtime, lightCache, trainer.env())) {
                    writeArgs(dist.resolve("jvm-light.args"), runtime, lightCache);
                    made.add(small.getFileName().toString());
                } else {
                    Files.deleteIfExists(small);
                }
            }
        }
        return made;
    }

    /**
     * How a run uses {@code archive}: mapped where it was built to be mapped
     * ({@code ArchiveRelocationMode=0}, the JDK's default before JDK 20, which then maps it at a random
     * address and rewrites every pointer in it at each start). Measured on JDK 17: {@code --help}
     * 57 → 45 ms. The cache is then at a fixed address (its contents are the JDK's and the CLI's
     * classes, readable by anyone with the image); the rest of the process keeps its random layout.
     * Where the address is taken the JVM still relocates. See docs/architecture.md, start-up.
     */
    static List<String> cacheFlags(Path archive) {
        return List.of(
                "-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    }

    /** Can a private Secret Service be started for the keychain training (the script and its tools)? */
    private boolean keychainTools() {
        if (withKeyring == null || !Files.isExecutable(withKeyring)) {
            return false;
        }
        String path = env.getOrDefault("PATH", "");
        return Stream.of("dbus-run-session", "dbus-send", "gnome-keyring-daemon")
                .allMatch(tool -> Arrays.stream(path.split(java.io.File.pathSeparator))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))));
    }

    /**
     * VM flags of every run of {@code runtime}; native access for JNA, so its library load never
     * warns on stderr (JDK 24+; the boot-layer launch, used only before JDK 24, goes without: the
     * option would turn off the archived module graph, and those JDKs do not warn).
     */
    private List<String> vmFlags(Runtime runtime) throws IOException {
        if (runtime.launch().equals(BOOT_LAYER_LAUNCH)) {
            return ARCHIVED_HEAP_FLAGS;
        }
        List<String> flags = new ArrayList<>(VM_FLAGS);
        if (ModuleJars.list(lib).stream().anyMatch(j -> j.name().equals(JNA_MODULE))) {
            flags.add("--enable-native-access=" + JNA_MODULE);
        }
        return flags;
    }

    /**
     * Does the runtime start the CLI, with the cache if any ({@code -Xshare:on}: fail if it cannot
     * be mapped), with nothing on stderr? Guards every layout and cache made.
     */
    private boolean smoke(Runtime runtime, List<String> cache, Map<String, String> trainingEnv) throws IOException {
        Map<String, String> smokeEnv = trainingEnv != null
                ? trainingEnv
                : Map.of(
                        "PATH",
                        env.getOrDefault("PATH", "/usr/bin:/bin"),
                        "HOME",
                        work.toString(),
                        "PIPECAT_CONFIG_PATH",
                        work.resolve("smoke.toml").toString(),
                        "PIPECAT_PLUGIN_PATH",
                        work.resolve("no-plugins").toString());
        Command.Outcome run = new Command(
                        runtime.java(),
                        vmFlags(runtime),
                        cache,
                        cache.isEmpty() ? List.of() : List.of("-Xshare:on"),
                        QUIET,
                        runtime.launch(),
                        "--version")
                .env(smokeEnv)
                .run();
        if (!run.ok() || !run.err().isEmpty()) {
            Files.writeString(
                    log,
                    "smoke run failed (" + run.exit() + "): " + run.err() + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return false;
        }
        return true;
    }

    /** Writes a java @argfile: one quoted argument a line (paths may hold spaces). */
    private void writeArgs(Path file, Runtime runtime, List<String> cache) throws IOException {
        List<String> args = new ArrayList<>(vmFlags(runtime));
        args.addAll(cache);
        args.addAll(QUIET);
        args.addAll(runtime.launch());
        Files.write(
                file,
                args.stream()
                        .map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .toList());
    }

    // ---- bookkeeping ---------------------------------------------------------------------------------

    /** What the result depends on: the jars, the JDK, the options, the light list and this tool's code. */
    private String digest() throws IOException {
        TreeMap<String, String> parts = new TreeMap<>();
        try (Stream<Path> files = Files.list(lib)) {
            for (Path p : files.toList()) {
                parts.put(
                        "lib/" + p.getFileName(),
                        Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        parts.put("jdk", jdk.home() + " " + Files.readString(jdk.home().resolve("release")));
        parts.put(
                "options",
                env.getOrDefault("PIPECAT_IMAGE", "") + " " + env.getOrDefault("PIPECAT_IMAGE_EXTRA_MODULES", ""));
        parts.put("light", Files.readString(lightFile));
        parts.put("keychain", String.valueOf(keychainTools()));
        if (trainingPlugin != null && Files.isRegularFile(trainingPlugin)) {
            parts.put(
                    "plugin",
                    Files.size(trainingPlugin) + "@"
                            + Files.getLastModifiedTime(trainingPlugin).toMillis());
        }
        for (Class<?> c : List.of(ImageBuild.class, io.pipecat.cli.testkit.FakePipecatCloud.class)) {
            Path code = Path.of(
                    c.getProtectionDomain().getCodeSource().getLocation().getPath());
            if (Files.isDirectory(code)) {
                code = code.resolve(c.getPackageName().replace('.', '/'));
                try (Stream<Path> classes = Files.list(code)) {
                    // The tool's own classes; its tests live beside it but cannot change an image.
                    for (Path p : classes.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().matches(".*Test(\\$.*)?\\.class"))
                            .toList()) {
                        parts.put("code/" + p.getFileName(), HexFormat.of().formatHex(sha256(Files.readAllBytes(p))));
                    }
                }
            } else {
                parts.put(
                        "code/" + code.getFileName(),
                        Files.size(code) + "@" + Files.getLastModifiedTime(code).toMillis());
            }
        }
        return HexFormat.of().formatHex(sha256(parts.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ./pipecat}'s staleness stamp: a finished build (also by {@code mvn verify}) is fresh. */
    private void touchBuilt() throws IOException {
        Path stamp = dist.resolve(".built");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis()));
    }

    private static void say(String message) {
        System.out.println("pipecat image: " + message);
    }

    private void note(String message) {
        fellBack = true;
        System.err.println("pipecat image: " + message);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
