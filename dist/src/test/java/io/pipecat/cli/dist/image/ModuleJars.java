package io.pipecat.cli.dist.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * The jars of the CLI's module path, seen exactly as {@code java --module-path} sees them (the
 * JDK's own module finder), and the surgery jlink needs: an automatic jar gets a module descriptor.
 */
final class ModuleJars {
    private static final byte[] SERVICE_LOADER = "java/util/ServiceLoader".getBytes(StandardCharsets.US_ASCII);

    /**
     * One module of the module path.
     *
     * @param usesServiceLoader whether its classes call {@link java.util.ServiceLoader}: an automatic
     *                          module may use any service, an explicit one only those it declares,
     *                          so such a jar cannot be given a generated descriptor
     */
    record Jar(String name, boolean automatic, Path file, boolean usesServiceLoader) {}

    private ModuleJars() {}

    static List<Jar> list(Path lib) throws IOException {
        List<ModuleReference> refs = ModuleFinder.of(lib).findAll().stream()
                .sorted(Comparator.comparing(r -> r.descriptor().name()))
                .toList();
        List<Jar> jars = new java.util.ArrayList<>();
        for (ModuleReference ref : refs) {
            ModuleDescriptor d = ref.descriptor();
            Path file = Path.of(ref.location().orElseThrow());
            jars.add(new Jar(d.name(), d.isAutomatic(), file, d.isAutomatic() && callsServiceLoader(file)));
        }
        return jars;
    }

    private static boolean callsServiceLoader(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) jf.stream()::iterator) {
                if (e.getName().endsWith(".class")) {
                    try (InputStream in = jf.getInputStream(e)) {
                        if (contains(in.readAllBytes(), SERVICE_LOADER)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Copies {@code jar} to {@code out} with {@code moduleInfo} added at its root and the jar
     * signature files dropped (the new descriptor invalidates them anyway).
     */
    static void inject(Path jar, Path moduleInfo, Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (JarFile in = new JarFile(jar.toFile(), false);
                OutputStream os = Files.newOutputStream(out);
                JarOutputStream jos = new JarOutputStream(os)) {
            for (JarEntry e : (Iterable<JarEntry>) in.stream()::iterator) {
                if (signatureFile(e.getName()) || e.getName().equals("module-info.class")) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                jos.putNextEntry(copy);
                try (InputStream is = in.getInputStream(e)) {
                    is.transferTo(jos);
                }
                jos.closeEntry();
            }
            jos.putNextEntry(new ZipEntry("module-info.class"));
            jos.write(Files.readAllBytes(moduleInfo));
            jos.closeEntry();
        }
    }

    private static boolean signatureFile(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.startsWith("META-INF/")
                && n.indexOf('/', 9) < 0
                && (n.endsWith(".SF")
                        || n.endsWith(".RSA")
                        || n.endsWith(".DSA")
                        || n.endsWith(".EC")
                        || n.startsWith("META-INF/SIG-"));
    }
}
