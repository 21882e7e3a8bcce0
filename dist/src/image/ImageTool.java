import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
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
 * Build-time helper of {@code build-image.sh} (not shipped). Uses the JDK's own module finder, so
 * it sees the module path exactly as {@code java --module-path} does.
 *
 * <ul>
 *   <li>{@code list DIR} — one line per module of the jars in DIR:
 *       {@code name TAB explicit|automatic TAB file TAB serviceloader|-}; the last column says
 *       whether the jar's classes call {@link java.util.ServiceLoader} (an automatic module may use
 *       any service; an explicit one only those it declares, so such a jar is not converted).</li>
 *   <li>{@code inject JAR MODULE_INFO_CLASS OUT_JAR} — copies JAR with MODULE_INFO_CLASS added at
 *       its root and jar-signature files dropped (the new descriptor invalidates them anyway).</li>
 * </ul>
 */
public final class ImageTool {
    private ImageTool() {
    }

    public static void main(String[] args) throws IOException {
        switch (args.length == 0 ? "" : args[0]) {
            case "list" -> list(Path.of(args[1]));
            case "inject" -> inject(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            default -> {
                System.err.println("usage: ImageTool list DIR | inject JAR MODULE_INFO_CLASS OUT_JAR");
                System.exit(2);
            }
        }
    }

    private static void list(Path dir) throws IOException {
        List<ModuleReference> refs = ModuleFinder.of(dir).findAll().stream()
                .sorted(Comparator.comparing(r -> r.descriptor().name()))
                .toList();
        for (ModuleReference ref : refs) {
            ModuleDescriptor d = ref.descriptor();
            Path file = Path.of(ref.location().orElseThrow());
            System.out.println(d.name() + "\t" + (d.isAutomatic() ? "automatic" : "explicit") + "\t"
                    + file.getFileName() + "\t" + (usesServiceLoader(file) ? "serviceloader" : "-"));
        }
    }

    private static boolean usesServiceLoader(Path jar) throws IOException {
        byte[] needle = "java/util/ServiceLoader".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) jf.stream()::iterator) {
                if (!e.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = jf.getInputStream(e)) {
                    if (contains(in.readAllBytes(), needle)) {
                        return true;
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

    private static boolean signatureFile(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.startsWith("META-INF/") && n.indexOf('/', 9) < 0
                && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC")
                        || n.startsWith("META-INF/SIG-"));
    }

    private static void inject(Path jar, Path moduleInfo, Path out) throws IOException {
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
}
