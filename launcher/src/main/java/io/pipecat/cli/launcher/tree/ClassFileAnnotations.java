package io.pipecat.cli.launcher.tree;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the runtime-visible annotations of a class and of its fields straight from its class
 * file. {@link Class#getAnnotation} would do the same but creates a dynamic proxy class per
 * annotation type, which on a cold JVM costs more than everything else the launcher does for
 * {@code --help}; this reader only walks bytes.
 */
final class ClassFileAnnotations {
    /** One annotation: its type ({@code com.github.rvesse.airline.annotations.Option}) and the values given. */
    record Annotation(String type, Map<String, Object> values) {
        String string(String name, String fallback) {
            Object value = values.get(name);
            return value instanceof String s ? s : fallback;
        }

        boolean bool(String name) {
            return Boolean.TRUE.equals(values.get(name));
        }

        int integer(String name, int fallback) {
            Object value = values.get(name);
            return value instanceof Integer i ? i : fallback;
        }

        /** @return an array value (a single value counts as an array of one), or {@code fallback} */
        List<String> strings(String name, List<String> fallback) {
            Object value = values.get(name);
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            return value instanceof String s ? List.of(s) : fallback;
        }
    }

    /** A field: name, type descriptor ({@code Z}, {@code Ljava/lang/String;}) and annotations. */
    record FieldInfo(String name, String descriptor, List<Annotation> annotations) {
        Optional<Annotation> annotation(String type) {
            return annotations.stream().filter(a -> a.type().equals(type)).findFirst();
        }
    }

    /** The class's own annotations and its declared fields, in class-file order. */
    record ClassInfo(List<Annotation> annotations, List<FieldInfo> fields) {
        Optional<Annotation> annotation(String type) {
            return annotations.stream().filter(a -> a.type().equals(type)).findFirst();
        }
    }

    private ClassFileAnnotations() {
    }

    /** Read once per run: every command shares {@code CliCommand}'s class file. */
    private static final Map<Class<?>, Optional<ClassInfo>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** @return the class's annotations and fields, or empty when its class file cannot be read */
    static Optional<ClassInfo> read(Class<?> type) {
        Optional<ClassInfo> known = CACHE.get(type);
        if (known == null) {
            known = readUncached(type);
            CACHE.put(type, known);
        }
        return known;
    }

    private static Optional<ClassInfo> readUncached(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = open(type, resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(new DataInputStream(in)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static InputStream open(Class<?> type, String resource) throws IOException {
        if (type.getModule().isNamed()) {
            return type.getModule().getResourceAsStream(resource);
        }
        ClassLoader loader = type.getClassLoader();
        return loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource);
    }

    private static ClassInfo parse(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool[i] = in.readUTF();
                case 3 -> pool[i] = in.readInt();
                case 4 -> pool[i] = in.readFloat();
                case 5 -> {
                    pool[i] = in.readLong();
                    i++;
                }
                case 6 -> {
                    pool[i] = in.readDouble();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant tag " + tag);
            }
        }
        in.readUnsignedShort(); // access
        in.readUnsignedShort(); // this
        in.readUnsignedShort(); // super
        skip(in, 2 * in.readUnsignedShort()); // interfaces
        List<FieldInfo> fields = new ArrayList<>();
        int fieldCount = in.readUnsignedShort();
        for (int f = 0; f < fieldCount; f++) {
            in.readUnsignedShort(); // access
            String name = (String) pool[in.readUnsignedShort()];
            String descriptor = (String) pool[in.readUnsignedShort()];
            fields.add(new FieldInfo(name, descriptor, attributes(in, pool)));
        }
        int methodCount = in.readUnsignedShort();
        for (int m = 0; m < methodCount; m++) {
            skip(in, 6);
            int attributeCount = in.readUnsignedShort();
            for (int a = 0; a < attributeCount; a++) {
                in.readUnsignedShort();
                skip(in, in.readInt());
            }
        }
        return new ClassInfo(attributes(in, pool), fields);
    }

    /** Reads an attribute table, keeping only RuntimeVisibleAnnotations. */
    private static List<Annotation> attributes(DataInputStream in, Object[] pool) throws IOException {
        List<Annotation> annotations = new ArrayList<>();
        int attributeCount = in.readUnsignedShort();
        for (int a = 0; a < attributeCount; a++) {
            String name = (String) pool[in.readUnsignedShort()];
            int length = in.readInt();
            if ("RuntimeVisibleAnnotations".equals(name)) {
                int n = in.readUnsignedShort();
                for (int i = 0; i < n; i++) {
                    annotations.add(annotation(in, pool));
                }
            } else {
                skip(in, length);
            }
        }
        return annotations;
    }

    private static Annotation annotation(DataInputStream in, Object[] pool) throws IOException {
        String descriptor = (String) pool[in.readUnsignedShort()];
        String type = descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
        Map<String, Object> values = new HashMap<>();
        int pairs = in.readUnsignedShort();
        for (int p = 0; p < pairs; p++) {
            String name = (String) pool[in.readUnsignedShort()];
            values.put(name, value(in, pool));
        }
        return new Annotation(type, values);
    }

    private static Object value(DataInputStream in, Object[] pool) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case 'Z' -> ((Integer) pool[in.readUnsignedShort()]) != 0;
            case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 's' -> pool[in.readUnsignedShort()];
            case 'e' -> {
                in.readUnsignedShort(); // enum type
                yield pool[in.readUnsignedShort()];
            }
            case 'c' -> pool[in.readUnsignedShort()];
            case '@' -> annotation(in, pool);
            case '[' -> {
                int n = in.readUnsignedShort();
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(value(in, pool));
                }
                yield items;
            }
            default -> throw new IOException("unknown element tag " + (char) tag);
        };
    }

    private static void skip(DataInputStream in, int bytes) throws IOException {
        in.skipNBytes(bytes);
    }
}
