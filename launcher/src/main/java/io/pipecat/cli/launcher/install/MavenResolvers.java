package io.pipecat.cli.launcher.install;

import io.pipecat.cli.errors.CliException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds the Maven resolver, which is not part of the CLI's start-up: its module and Maven
 * Resolver's jars lie in the distribution's {@code installer/} folder (beside {@code lib/} and
 * the runtime image, never linked into it), and are loaded by a class loader of their own the
 * first time a command asks for them. A resolver on the module path (tests) is used as it is.
 */
public final class MavenResolvers {
    /** The resolver's module. */
    static final String MODULE = "io.pipecat.cli.installer";
    /** Names the installer folder explicitly (otherwise it is found beside the CLI's modules). */
    public static final String PATH_PROPERTY = "pipecat.installer.path";

    private MavenResolvers() {}

    /** @throws CliException (exit 1) when the installer is not part of this distribution */
    public static MavenResolver load() {
        Optional<MavenResolver> onModulePath =
                ServiceLoader.load(ModuleLayer.boot(), MavenResolver.class).findFirst();
        if (onModulePath.isPresent()) {
            return onModulePath.get();
        }
        List<Path> candidates = candidateFolders();
        Path folder = candidates.stream()
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> CliException.error(
                        "Installing from a Maven repository needs the plugin installer, which this distribution lacks"
                                + " (looked in " + candidates + "); install a jar or a folder instead."));
        try (Stream<Path> files = Files.list(folder)) {
            List<URL> jars = new ArrayList<>();
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList()) {
                jars.add(jar.toUri().toURL());
            }
            // A class path, not a module layer: Maven's own jars split packages between them
            // (maven-model and maven-model-builder, maven-artifact and maven-repository-metadata),
            // which a layer refuses. Their loader's unnamed module is granted the service type's package.
            URLClassLoader loader = new URLClassLoader(
                    "pipecat-installer", jars.toArray(URL[]::new), MavenResolvers.class.getClassLoader());
            MavenResolver.class.getModule().addExports(MavenResolver.class.getPackageName(), loader.getUnnamedModule());
            return ServiceLoader.load(MavenResolver.class, loader).stream()
                    .filter(p -> p.type().getClassLoader() == loader)
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalStateException("no " + MavenResolver.class.getName() + " provider in " + folder))
                    .get();
        } catch (IOException | RuntimeException | ServiceConfigurationError e) {
            throw CliException.error("The plugin installer in " + folder + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Where a distribution keeps the installer: {@code <dist>/installer}, {@code <dist>} holding {@code lib/} or {@code image/}. */
    private static List<Path> candidateFolders() {
        List<Path> folders = new ArrayList<>();
        String configured = System.getProperty(PATH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return List.of(Path.of(configured));
        }
        // A jlinked image: the runtime is <dist>/image.
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath();
        if (javaHome.getParent() != null) {
            folders.add(javaHome.getParent().resolve("installer"));
        }
        // The plain module path: this module is <dist>/lib/pipecat-launcher-*.jar.
        CodeSource code = MavenResolvers.class.getProtectionDomain().getCodeSource();
        if (code != null
                && code.getLocation() != null
                && "file".equals(code.getLocation().getProtocol())) {
            try {
                Path jar = Path.of(code.getLocation().toURI());
                if (jar.getParent() != null && jar.getParent().getParent() != null) {
                    folders.add(jar.getParent().getParent().resolve("installer"));
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a plain file: no candidate from it
            }
        }
        return folders;
    }
}
