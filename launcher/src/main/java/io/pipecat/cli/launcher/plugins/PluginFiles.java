package io.pipecat.cli.launcher.plugins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One third-party plugin as it lies in a plugin folder, before anything is opened:
 * <ul>
 * <li>{@code <name>.jar}: a single modular jar;</li>
 * <li>{@code <name>/}: a folder holding the plugin's module jar and its libraries (modular or
 *     automatic), loaded together as one layer;</li>
 * <li>{@code <name>.link}: a text file naming (by absolute path) a build output used in place — a
 *     folder of jars, a classes folder with {@code module-info.class}, or a jar.</li>
 * </ul>
 * Names starting with {@code .} are ignored (an installer's staging folders), and so is
 * everything else (the install manifest, notes).
 *
 * @param source  the kind, the folder entry and the place the modules are
 * @param modules what to hand to {@link java.lang.module.ModuleFinder#of}: the jars, or one exploded module folder
 * @param problem why it cannot be loaded before even looking at its modules (a bad {@code .link} file)
 */
record PluginFiles(PluginSource source, List<Path> modules, Optional<String> problem) {

    /** The longest {@code .link} file read: it holds one path. */
    private static final int LINK_LIMIT = 8192;

    Path entry() {
        return source.entry().orElseThrow();
    }

    Path location() {
        return source.location().orElseThrow();
    }

    /** @return the name shown for the plugin while its provider is unknown: the folder entry's file name */
    String fallbackName() {
        return entry().getFileName().toString();
    }

    /**
     * @param plugin a plugin jar, a folder of jars (its module and libraries), or a classes folder
     *               with {@code module-info.class}, e.g. an install's staged copy
     */
    static PluginFiles of(Path plugin) {
        if (Files.isDirectory(plugin)) {
            return new PluginFiles(PluginSource.folder(plugin), modulesIn(plugin), Optional.empty());
        }
        return new PluginFiles(PluginSource.jar(plugin), List.of(plugin), Optional.empty());
    }

    /** @return the plugins of one folder in file-name order; nothing when it is not a readable folder */
    static List<PluginFiles> scan(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        entries.sort(PluginFiles::byFileName);
        List<PluginFiles> plugins = new ArrayList<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (name.endsWith(".jar") && Files.isRegularFile(entry)) {
                plugins.add(new PluginFiles(PluginSource.jar(entry), List.of(entry), Optional.empty()));
            } else if (name.endsWith(".link") && Files.isRegularFile(entry)) {
                plugins.add(linked(entry));
            } else if (Files.isDirectory(entry)) {
                plugins.add(new PluginFiles(PluginSource.folder(entry), modulesIn(entry), Optional.empty()));
            }
        }
        return plugins;
    }

    private static PluginFiles linked(Path linkFile) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(linkFile);
            if (bytes.length > LINK_LIMIT) {
                return badLink(linkFile, "it is not a .link file (more than " + LINK_LIMIT + " bytes)");
            }
            text = new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return badLink(linkFile, "it cannot be read: " + PluginDiscovery.describe(e));
        }
        Path target;
        try {
            target = Path.of(text);
        } catch (RuntimeException e) {
            return badLink(linkFile, "it does not hold a path");
        }
        if (text.isEmpty() || text.contains("\n") || !target.isAbsolute()) {
            return badLink(linkFile, "it must hold one absolute path of a build output");
        }
        target = target.normalize();
        PluginSource source = PluginSource.linked(linkFile, target);
        if (Files.isRegularFile(target)) {
            return new PluginFiles(source, List.of(target), Optional.empty());
        }
        if (!Files.isDirectory(target)) {
            return new PluginFiles(
                    source, List.of(), Optional.of("the linked build output " + target + " does not exist"));
        }
        return new PluginFiles(source, modulesIn(target), Optional.empty());
    }

    private static PluginFiles badLink(Path linkFile, String why) {
        return new PluginFiles(
                new PluginSource(PluginSource.Kind.LINKED, Optional.of(linkFile), Optional.of(linkFile)),
                List.of(),
                Optional.of(why));
    }

    /** A classes folder with {@code module-info.class} is one exploded module; else the folder's jars. */
    private static List<Path> modulesIn(Path folder) {
        if (Files.isRegularFile(folder.resolve("module-info.class"))) {
            return List.of(folder);
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : stream) {
                if (!jar.getFileName().toString().startsWith(".") && Files.isRegularFile(jar)) {
                    jars.add(jar);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        jars.sort(PluginFiles::byFileName);
        return jars;
    }

    /**
     * The plugin's identity for the index: its folder entry, and the names, sizes and modification
     * times of every file it is made of (for a link, also the path it names). Any change — a jar
     * replaced, a library added, a class recompiled — gives another key, so the plugin is read
     * again; an unchanged plugin is recognised without opening a single file.
     *
     * @return the key, or empty when the files cannot be listed (the plugin is then loaded directly)
     */
    Optional<PluginIndex.Key> key() {
        if (source.kind() == PluginSource.Kind.JAR) {
            return PluginIndex.Key.of(entry());
        }
        try {
            StringBuilder stamp = new StringBuilder();
            if (source.kind() == PluginSource.Kind.LINKED) {
                stamp.append(stampOf(entry(), entry().getFileName().toString()))
                        .append('>')
                        .append(location())
                        .append('\n');
            }
            for (Path module : modules) {
                if (Files.isDirectory(module)) {
                    try (Stream<Path> walk = Files.walk(module, FileVisitOption.FOLLOW_LINKS)) {
                        for (Path file :
                                walk.filter(Files::isRegularFile).sorted().toList()) {
                            stamp.append(stampOf(file, module.relativize(file).toString()))
                                    .append('\n');
                        }
                    }
                } else {
                    stamp.append(stampOf(module, module.getFileName().toString()))
                            .append('\n');
                }
            }
            return Optional.of(
                    new PluginIndex.Key(entry().toAbsolutePath().normalize().toString(), stamp.toString()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * File-name order. Not {@code Comparator.comparing}: its comparator is a serializable lambda,
     * which the start-up cache cannot hold, so it would be spun again on every run.
     */
    private static int byFileName(Path a, Path b) {
        return a.getFileName().toString().compareTo(b.getFileName().toString());
    }

    private static String stampOf(Path file, String name) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return name + " " + attributes.size() + " "
                + attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS);
    }
}
