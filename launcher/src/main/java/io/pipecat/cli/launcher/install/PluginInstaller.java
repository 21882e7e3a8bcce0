package io.pipecat.cli.launcher.install;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.launcher.install.PluginsManifest.Entry;
import io.pipecat.cli.launcher.install.PluginsManifest.Kind;
import io.pipecat.cli.launcher.install.PluginsManifest.OwnedFile;
import io.pipecat.cli.launcher.plugins.LoadedPlugin;
import io.pipecat.cli.launcher.plugins.PluginDiscovery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Installs, links, upgrades and uninstalls plugins in the first plugin folder. Every change is
 * staged in a hidden folder beside the plugins ({@code .staging-<random>}, which discovery
 * ignores), checked to load (its provider is found, its commands read), then renamed into place;
 * a plugin it replaces is moved aside first and moved back if anything fails, and the manifest
 * is written last. A failure or an interruption at any step leaves the folder as it was.
 */
public final class PluginInstaller {
    /** Comma-separated repository URLs that replace Maven Central. */
    public static final String REPOSITORIES_VARIABLE = "PIPECAT_PLUGIN_REPOSITORIES";

    static final URI MAVEN_CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");
    private static final Pattern COORDINATES = Pattern.compile("([\\w.-]+):([\\w.-]+)(?::([\\w.+-]+))?");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Steps of a change, named for tests that interrupt one (a real failure at that point). */
    enum Step {
        STAGED,
        CHECKED,
        OLD_MOVED_ASIDE,
        RENAMED_INTO_PLACE
    }

    /** Called after each step; throwing from it is a failure at that step. */
    interface StepHook {
        void after(Step step) throws IOException;
    }

    private final Path folder;
    private final Environment env;
    private final CliIO io;
    private final Clock clock;
    private final Supplier<MavenResolver> resolver;
    private final StepHook hook;

    PluginInstaller(
            Path folder, Environment env, CliIO io, Clock clock, Supplier<MavenResolver> resolver, StepHook hook) {
        this.folder = folder.toAbsolutePath().normalize();
        this.env = env;
        this.io = io;
        this.clock = clock;
        this.resolver = resolver;
        this.hook = hook;
    }

    /** An installer for the first folder of {@code PIPECAT_PLUGIN_PATH} (or the default one). */
    public static PluginInstaller of(Environment env, CliIO io, Clock clock) {
        return new PluginInstaller(
                PluginDiscovery.pluginFolders(env).get(0), env, io, clock, MavenResolvers::load, step -> {});
    }

    public Path folder() {
        return folder;
    }

    /** {@code plugins install ARG}: a jar, a folder of jars, or Maven coordinates. */
    public Entry install(String what) {
        Path path = Path.of(what);
        if (Files.isRegularFile(path)) {
            if (!what.endsWith(".jar")) {
                throw CliException.usage(what
                        + " is not a jar (a plugin is a .jar, a folder of jars, or groupId:artifactId[:version]).");
            }
            return installFiles(Kind.JAR, path.toAbsolutePath().normalize(), List.of(path));
        }
        if (Files.isDirectory(path)) {
            List<Path> jars = jarsIn(path);
            if (jars.isEmpty()) {
                throw CliException.usage(
                        path + " holds no jar (a plugin folder holds the plugin's jar and its libraries;"
                                + " for a build output in place use 'pipecat plugins link').");
            }
            return installFiles(Kind.FOLDER, path.toAbsolutePath().normalize(), jars);
        }
        var coordinates = COORDINATES.matcher(what);
        if (!coordinates.matches()) {
            throw CliException.usage("No such file or folder, and not Maven coordinates: " + what
                    + " (give a plugin jar, a folder of jars, or groupId:artifactId[:version]).");
        }
        return installMaven(
                coordinates.group(1),
                coordinates.group(2),
                Optional.ofNullable(coordinates.group(3)),
                Optional.empty());
    }

    /** {@code plugins link DIR}: a {@code <name>.link} file naming a build output used in place. */
    public Entry link(String dir) {
        Path target = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(target)) {
            throw CliException.usage(
                    "Not a folder: " + dir + " (link a build output: a folder of jars or a module's classes folder).");
        }
        return commit(Kind.LINK, target.toString(), Optional.empty(), staging -> {
            Path link = staging.resolve("plugin.link");
            Files.writeString(link, target + "\n", StandardCharsets.UTF_8);
            return new Staged(link, target);
        });
    }

    /** {@code plugins uninstall NAME}: removes exactly the files the manifest says the plugin owns. */
    public Entry uninstall(String name) {
        PluginsManifest manifest = PluginsManifest.read(folder);
        Entry entry = owned(manifest, name);
        Path staging = newStaging();
        try {
            Path aside = staging.resolve("old");
            move(folder.resolve(entry.entry()), aside);
            try {
                manifest.without(entry).write();
            } catch (IOException | RuntimeException e) {
                move(aside, folder.resolve(entry.entry()));
                throw failure("could not update " + folder.resolve(PluginsManifest.FILE_NAME), e);
            }
            PluginDiscovery.forgetIndex(env);
            // What the entry holds beyond its recorded files (a hand-added file in its folder) goes too:
            // the entry itself is the plugin's, and it was moved aside whole.
            return entry;
        } catch (IOException e) {
            throw failure("could not remove " + folder.resolve(entry.entry()), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * {@code plugins upgrade [NAME]}: re-resolves Maven plugins to their newest release.
     *
     * @return one line per plugin looked at
     */
    public List<String> upgrade(Optional<String> name) {
        PluginsManifest manifest = PluginsManifest.read(folder);
        List<Entry> targets = new ArrayList<>();
        if (name.isPresent()) {
            Entry entry = owned(manifest, name.get());
            if (entry.kind() != Kind.MAVEN) {
                throw CliException.usage("Plugin " + entry.name() + " was installed from "
                        + (entry.kind() == Kind.LINK ? "a linked folder, which is used in place" : entry.origin())
                        + "; only plugins installed from Maven coordinates are upgraded"
                        + (entry.kind() == Kind.LINK ? "." : " (install the new jar or folder instead)."));
            }
            targets.add(entry);
        } else {
            manifest.entries().stream().filter(e -> e.kind() == Kind.MAVEN).forEach(targets::add);
        }
        List<String> lines = new ArrayList<>();
        for (Entry entry : targets) {
            String module = entry.module().orElseThrow();
            String[] parts = module.split(":");
            Entry after = installMaven(parts[0], parts[1], Optional.empty(), Optional.of(entry));
            lines.add(
                    after.version().equals(entry.version())
                            ? entry.name() + " " + entry.version() + " is the newest version"
                            : "Upgraded " + entry.name() + " " + entry.version() + " -> " + after.version());
        }
        if (targets.isEmpty()) {
            lines.add("No plugin installed from a Maven repository: nothing to upgrade.");
        }
        return lines;
    }

    private Entry owned(PluginsManifest manifest, String name) {
        Optional<Entry> entry = manifest.find(name)
                .or(() -> manifest.entries().stream()
                        .filter(e -> e.module()
                                .map(m -> m.equals(name) || m.endsWith(":" + name))
                                .orElse(false))
                        .findFirst());
        if (entry.isPresent()) {
            return entry.get();
        }
        String known = manifest.entries().isEmpty()
                ? "none"
                : String.join(", ", manifest.entries().stream().map(Entry::name).toList());
        String byHand = Stream.of(name, name + ".jar", name + ".link")
                .map(folder::resolve)
                .filter(Files::exists)
                .findFirst()
                .map(p -> " " + p + " was put there by hand, not installed: delete it yourself.")
                .orElse("");
        throw CliException.usage(
                "No plugin named " + name + " was installed in " + folder + " (installed: " + known + ")." + byHand);
    }

    // ---- staging and committing ----------------------------------------------------------------

    /** What a stager produced: the entry in the staging folder, and the folder discovery loads it from. */
    private record Staged(Path entry, Path modules) {}

    private interface Stager {
        Staged stage(Path staging) throws IOException;
    }

    private Entry installFiles(Kind kind, Path origin, List<Path> files) {
        return commit(kind, origin.toString(), Optional.empty(), staging -> {
            if (kind == Kind.JAR) {
                Path jar = staging.resolve("plugin.jar");
                Files.copy(files.get(0), jar);
                return new Staged(jar, jar);
            }
            Path dir = Files.createDirectory(staging.resolve("plugin"));
            for (Path file : files) {
                Files.copy(file, dir.resolve(file.getFileName().toString()));
            }
            return new Staged(dir, dir);
        });
    }

    private Entry installMaven(String groupId, String artifactId, Optional<String> version, Optional<Entry> replacing) {
        List<URI> repositories = repositories();
        MavenResolver maven = resolver.get();
        String[] resolvedVersion = new String[1];
        java.util.concurrent.atomic.AtomicReference<Entry> unchanged =
                new java.util.concurrent.atomic.AtomicReference<>();
        Entry entry = commit(
                Kind.MAVEN,
                groupId + ":" + artifactId + version.map(v -> ":" + v).orElse(""),
                replacing,
                staging -> {
                    Path local = Files.createDirectory(staging.resolve("repository"));
                    MavenResolver.Resolved resolved;
                    try {
                        resolved = maven.resolve(new MavenResolver.Request(
                                groupId,
                                artifactId,
                                version,
                                repositories,
                                local,
                                List.of("io.pipecat.cli"),
                                new DownloadProgress(io)));
                    } catch (MavenResolver.ResolutionFailure e) {
                        throw CliException.error(
                                "Cannot install " + groupId + ":" + artifactId
                                        + version.map(v -> ":" + v).orElse("") + ": " + oneSentence(e.getMessage())
                                        + " Nothing was installed.",
                                e);
                    }
                    resolvedVersion[0] = resolved.version();
                    if (replacing.isPresent() && replacing.get().version().equals(resolved.version())) {
                        unchanged.set(replacing.get());
                        return null;
                    }
                    List<Path> libraries = resolved.dependencies().stream()
                            .filter(l -> !providedByTheCli(l))
                            .toList();
                    if (libraries.isEmpty()) {
                        // No library of its own: the plain single-jar form, like a jar dropped in by hand.
                        Path jar = staging.resolve("plugin.jar");
                        Files.copy(resolved.artifact(), jar);
                        deleteRecursively(local);
                        return new Staged(jar, jar);
                    }
                    Path dir = Files.createDirectory(staging.resolve("plugin"));
                    Files.copy(
                            resolved.artifact(),
                            dir.resolve(resolved.artifact().getFileName().toString()));
                    for (Path library : libraries) {
                        Files.copy(
                                library,
                                dir.resolve(library.getFileName().toString()),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                    deleteRecursively(local);
                    return new Staged(dir, dir);
                },
                () -> groupId + ":" + artifactId + ":" + resolvedVersion[0]);
        return unchanged.get() != null ? unchanged.get() : entry;
    }

    /** A library the CLI's own module layer already has (its core, airline…): the plugin uses the CLI's. */
    private static boolean providedByTheCli(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream()
                    .anyMatch(m ->
                            ModuleLayer.boot().findModule(m.descriptor().name()).isPresent());
        } catch (RuntimeException e) {
            return false; // not a readable module: the plugin's layer will say what is wrong with it
        }
    }

    private Entry commit(Kind kind, String origin, Optional<Entry> replacing, Stager stager) {
        return commit(kind, origin, replacing, stager, () -> null);
    }

    private Entry commit(
            Kind kind, String origin, Optional<Entry> replacing, Stager stager, Supplier<String> coordinates) {
        Path staging = newStaging();
        try {
            Staged staged = stager.stage(staging);
            if (staged == null) {
                return null; // nothing to change (an upgrade found the same version)
            }
            hook.after(Step.STAGED);
            LoadedPlugin plugin = PluginDiscovery.check(staged.modules());
            if (plugin.problem().isPresent()) {
                throw CliException.error(origin + " is not a working plugin: "
                        + oneSentence(plugin.problem().get()) + " Nothing was installed.");
            }
            hook.after(Step.CHECKED);
            String name = plugin.name();
            if (!SAFE_NAME.matcher(name).matches()) {
                throw CliException.error(
                        origin + " calls itself \"" + name + "\", which cannot be a file name; nothing was installed.");
            }
            String entryName =
                    kind == Kind.LINK ? name + ".link" : Files.isDirectory(staged.entry()) ? name : name + ".jar";
            PluginsManifest manifest = PluginsManifest.read(folder);
            List<Entry> previous = new ArrayList<>();
            replacing.ifPresent(previous::add);
            manifest.find(name).filter(e -> !previous.contains(e)).ifPresent(previous::add);
            for (String form : List.of(name, name + ".jar", name + ".link")) {
                Path existing = folder.resolve(form);
                if (Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && manifest.owning(form).isEmpty()) {
                    throw CliException.error(existing + " is already there and was not installed by pipecat"
                            + " (put there by hand); remove it first. Nothing was installed.");
                }
                manifest.owning(form).filter(e -> !previous.contains(e)).ifPresent(previous::add);
            }
            Path target = folder.resolve(entryName);
            List<OwnedFile> files = ownedFiles(staged.entry(), entryName);
            Entry entry = new Entry(
                    name,
                    kind,
                    entryName,
                    origin,
                    Optional.ofNullable(coordinates.get()),
                    plugin.version(),
                    clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                    files);

            // Commit: move what it replaces aside, rename the new one in, write the manifest.
            List<Path[]> movedAside = new ArrayList<>();
            try {
                for (Entry old : previous) {
                    Path from = folder.resolve(old.entry());
                    if (Files.exists(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Path to = staging.resolve("old-" + old.entry());
                        move(from, to);
                        movedAside.add(new Path[] {to, from});
                    }
                    manifest.without(old);
                }
                hook.after(Step.OLD_MOVED_ASIDE);
                move(staged.entry(), target);
                try {
                    hook.after(Step.RENAMED_INTO_PLACE);
                    manifest.with(entry).write();
                } catch (IOException | RuntimeException e) {
                    move(target, staged.entry());
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                for (Path[] aside : movedAside) {
                    move(aside[0], aside[1]);
                }
                throw e;
            }
            PluginDiscovery.forgetIndex(env);
            return entry;
        } catch (IOException e) {
            throw failure("could not install into " + folder, e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private Path newStaging() {
        try {
            Files.createDirectories(folder);
            return Files.createTempDirectory(folder, ".staging-");
        } catch (IOException e) {
            throw failure("cannot write to the plugin folder " + folder, e);
        }
    }

    private static List<OwnedFile> ownedFiles(Path staged, String entryName) throws IOException {
        List<OwnedFile> files = new ArrayList<>();
        if (Files.isDirectory(staged)) {
            try (Stream<Path> walk = Files.walk(staged)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    files.add(new OwnedFile(
                            entryName + "/" + staged.relativize(file).toString().replace('\\', '/'), sha256(file)));
                }
            }
        } else {
            files.add(new OwnedFile(entryName, sha256(staged)));
        }
        return files;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code PIPECAT_PLUGIN_REPOSITORIES}'s URLs, else Maven Central */
    List<URI> repositories() {
        Optional<String> configured = env.get(REPOSITORIES_VARIABLE).filter(s -> !s.isBlank());
        if (configured.isEmpty()) {
            return List.of(MAVEN_CENTRAL);
        }
        List<URI> repositories = new ArrayList<>();
        for (String text : configured.get().split(",")) {
            String trimmed = text.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw CliException.usage(REPOSITORIES_VARIABLE + ": not a URL: " + trimmed);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            boolean loopback = "127.0.0.1".equals(uri.getHost())
                    || "localhost".equals(uri.getHost())
                    || "[::1]".equals(uri.getHost())
                    || "::1".equals(uri.getHost());
            if (uri.getUserInfo() != null) {
                throw CliException.usage(REPOSITORIES_VARIABLE
                        + ": a URL with a user name or password is not accepted: " + uri.getScheme() + "://…");
            }
            if (!(scheme.equals("https") && uri.getHost() != null)
                    && !scheme.equals("file")
                    && !(scheme.equals("http") && loopback)) {
                throw CliException.usage(REPOSITORIES_VARIABLE + ": " + trimmed
                        + " is not a file: or https: URL (http: is accepted only for 127.0.0.1, ::1 and localhost)");
            }
            repositories.add(uri);
        }
        if (repositories.isEmpty()) {
            throw CliException.usage(REPOSITORIES_VARIABLE + " names no repository");
        }
        return repositories;
    }

    private static List<Path> jarsIn(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw failure("cannot read " + dir, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static CliException failure(String what, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return CliException.error(
                Character.toUpperCase(what.charAt(0)) + what.substring(1) + ": " + oneSentence(message)
                        + " Nothing was changed.",
                e);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException | RuntimeException e) {
            // a leftover hidden staging folder is ignored by discovery and harmless
        }
    }

    /** @return {@code text} on one line, ending with a period, for messages that go on after it */
    private static String oneSentence(String text) {
        String line = String.valueOf(text).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        return line.endsWith(".") ? line : line + ".";
    }
}
