package io.pipecat.cli.config;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a command line that runs a test main class in a fresh JVM.
 *
 * <p>Surefire runs these tests on the module path (main classes as a named module, test classes
 * patched in), so {@code java.class.path} alone is not enough. The child simply runs everything
 * on the class path (the module descriptor is then ignored), assembled from {@code
 * jdk.module.path}, {@code java.class.path}, and the code sources of the library, tomlj and the
 * test classes.
 */
final class ChildJvm {

    private ChildJvm() {}

    static List<String> command(Class<?> mainClass, List<String> jvmArgs, List<String> args) {
        Set<String> classPath = new LinkedHashSet<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        classPath.add(entry);
                    }
                }
            }
        }
        addCodeSource(classPath, ConfigFile.class);
        addCodeSource(classPath, org.tomlj.Toml.class);
        addCodeSource(classPath, mainClass);
        // Patched-in test classes may report no code source; surefire runs in the project folder.
        classPath.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        classPath.add(Path.of("target", "classes").toAbsolutePath().toString());

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Fast start-up matters more than peak speed for these short-lived children.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    private static void addCodeSource(Set<String> classPath, Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                classPath.add(Path.of(source.getLocation().toURI()).toString());
            }
        } catch (Exception ignored) {
            // fall back to the other entries
        }
    }
}
