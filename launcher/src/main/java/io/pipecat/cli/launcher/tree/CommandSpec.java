package io.pipecat.cli.launcher.tree;

import io.pipecat.cli.spi.CliCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the launcher knows about one command without building airline's model: enough for help,
 * completion, path resolution and the plugin index. Written at compile time by the command-spec
 * processor that {@code pipecat-core} ships ({@code io.pipecat.cli.core.processor}), read here
 * from the resource {@code META-INF/pipecat/commands/<class>.spec} beside the class: the one
 * source of these facts, so help can never disagree with what airline parses.
 *
 * @param name        the command name ({@code @Command(name)})
 * @param description one line for help
 * @param hidden      whether help and completion leave it out
 * @param options     its flags, inherited ones ({@code --help}, {@code --verbose}) included
 * @param arguments   its positional arguments, if it takes any
 * @param className   the command class, loaded again only to run it
 */
public record CommandSpec(
        String name,
        String description,
        boolean hidden,
        List<OptionSpec> options,
        Optional<ArgumentsSpec> arguments,
        String className) {

    /** Where the processor puts the specs, relative to the class output (and so inside the jar). */
    public static final String RESOURCE_FOLDER = "META-INF/pipecat/commands/";

    private static final String HEADER = "pipecat-command-spec\t1";

    public CommandSpec {
        options = List.copyOf(options);
    }

    /** @return the resource that holds the spec of the class named {@code className} */
    public static String resourceName(String className) {
        return RESOURCE_FOLDER + className + ".spec";
    }

    /**
     * Reads the generated spec of a command class from its module (or class loader).
     *
     * @throws IllegalArgumentException when the class is not a command or its spec is missing or
     *                                  unreadable, with a message that names the fix
     */
    public static CommandSpec read(Class<?> type) {
        if (!CliCommand.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("command class " + type.getName()
                    + " must extend io.pipecat.cli.spi.CliCommand and carry @Command");
        }
        String resource = resourceName(type.getName());
        byte[] bytes;
        try (InputStream in = open(type, resource)) {
            if (in == null) {
                throw new IllegalArgumentException("command class " + type.getName() + " has no generated spec ("
                        + resource + "): it must carry @Command and be compiled with pipecat-core on the"
                        + " annotation processor path");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        CommandSpec spec = parse(new String(bytes, StandardCharsets.UTF_8));
        if (!spec.className().equals(type.getName())) {
            throw new IllegalArgumentException(resource + " describes " + spec.className() + ", not " + type.getName());
        }
        return spec;
    }

    /** Opens a resource beside {@code type} (its spec, its flags file); null when there is none. */
    static InputStream open(Class<?> type, String resource) throws IOException {
        if (type.getModule().isNamed()) {
            // META-INF is not a package: any module's resources there are readable by name.
            return type.getModule().getResourceAsStream(resource);
        }
        ClassLoader loader = type.getClassLoader();
        return loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource);
    }

    /**
     * Parses the processor's text: a header line, then one tab-separated record per line
     * ({@code class}, {@code command}, {@code option}…, {@code arguments}, {@code values}) with {@code \\}, tab
     * and line breaks escaped.
     *
     * @throws IllegalArgumentException when the text is not a spec of this format version
     */
    public static CommandSpec parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException(
                    "not a pipecat command spec of format 1 (rebuild the plugin" + " against this pipecat-core)");
        }
        String className = null;
        String name = null;
        String description = "";
        boolean hidden = false;
        List<OptionSpec> options = new ArrayList<>();
        ArgumentsSpec arguments = null;
        List<String> values = List.of();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            List<String> f = fields(lines[i]);
            switch (f.get(0)) {
                case "class" -> className = at(f, 1);
                case "command" -> {
                    name = at(f, 1);
                    hidden = Boolean.parseBoolean(at(f, 2));
                    description = at(f, 3);
                }
                case "option" ->
                    options.add(new OptionSpec(
                            rest(f, 5), at(f, 3), arity(at(f, 1)), at(f, 4), Boolean.parseBoolean(at(f, 2))));
                case "arguments" -> arguments = new ArgumentsSpec(rest(f, 3), at(f, 2), Boolean.parseBoolean(at(f, 1)));
                case "values" -> values = rest(f, 1);
                default -> throw new IllegalArgumentException("unknown record '" + f.get(0) + "' in a command spec");
            }
        }
        if (className == null || name == null) {
            throw new IllegalArgumentException("command spec without class or command record");
        }
        if (!values.isEmpty()) {
            if (arguments == null) {
                throw new IllegalArgumentException("'values' record without an 'arguments' record in a command spec");
            }
            arguments = arguments.withValues(values);
        }
        return new CommandSpec(name, description, hidden, options, Optional.ofNullable(arguments), className);
    }

    private static String at(List<String> fields, int index) {
        if (index >= fields.size()) {
            throw new IllegalArgumentException("truncated '" + fields.get(0) + "' record in a command spec");
        }
        return fields.get(index);
    }

    private static List<String> rest(List<String> fields, int from) {
        if (from >= fields.size()) {
            throw new IllegalArgumentException("'" + fields.get(0) + "' record without names in a command spec");
        }
        return fields.subList(from, fields.size());
    }

    private static int arity(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad arity '" + text + "' in a command spec");
        }
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                field.append(
                        switch (next) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> next;
                        });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
