package io.pipecat.cli.launcher.tree;

import com.github.rvesse.airline.Accessor;
import io.pipecat.cli.spi.CliCommand;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the commonest invocations without building airline's model (its classes, metadata,
 * annotation proxies and parser cost about 15 ms of every start): a command followed only by some
 * of its own on/off flags, each at most once — {@code --version}, {@code cloud --show-cli-config},
 * {@code plugins list}, {@code cloud auth whoami --json}.
 *
 * <p>Not a second parser: it takes only what airline is sure to parse the same way and returns
 * empty for everything else, which airline then parses, so every parse error is still airline's.
 * Which commands qualify the command-spec processor decided at compile time: it writes a flags
 * resource beside the spec only for a plain command — no airline annotation but {@code @Command}
 * (without group names), {@code @Option} and {@code @Arguments} on the class or the fields of its
 * hierarchy (no restrictions, no modules) — naming each on/off flag's field, so nothing here reads
 * annotations. Refused as well: required arguments, any value, any word that is not exactly one of
 * the command's arity-0 flags, a repeated flag. The field is set through airline's own
 * {@link Accessor}, as airline sets it (plugins open their packages to airline, not to the
 * launcher). {@code FlagsOnlyParseDifferentialTest} checks it against airline on generated command
 * lines for the built-in commands and fixtures of every shape.
 */
public final class FlagsOnlyParse {
    /** The first line of the flags resource (the processor's {@code FLAGS_HEADER}). */
    private static final String HEADER = "pipecat-command-flags\t1";

    private FlagsOnlyParse() {}

    /**
     * @param words the whole command line (after the launcher's leading {@code --verbose})
     * @return the command with its flags set, or empty when airline must parse {@code words}
     */
    public static Optional<CliCommand> parse(CommandTree tree, CommandPath path, List<String> words) {
        Optional<CommandSpec> spec = path.target(tree);
        int pathWords = path.groupPath().size() + (path.command().isPresent() ? 1 : 0);
        if (spec.isEmpty() || path.unknown().isPresent() || words.size() < pathWords) {
            return Optional.empty();
        }
        if (spec.get().arguments().map(ArgumentsSpec::required).orElse(false)) {
            return Optional.empty();
        }
        List<String> flags = words.subList(pathWords, words.size());
        // By identity: a record's equals/hashCode link through invokedynamic (ObjectMethods), which
        // the start-up cache cannot hold.
        Set<OptionSpec> given = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String word : flags) {
            OptionSpec option = null;
            for (OptionSpec candidate : spec.get().options()) {
                if (candidate.arity() == 0 && candidate.names().contains(word)) {
                    option = candidate;
                    break;
                }
            }
            if (option == null || !given.add(option)) {
                return Optional.empty();
            }
        }
        Class<? extends CliCommand> type = tree.commandClass(spec.get());
        Map<String, String[]> fields = flagFields(type);
        if (fields == null) {
            return Optional.empty(); // not a plain command, or built without the flags resource
        }
        List<Field> toSet = new ArrayList<>();
        for (String word : flags) {
            String[] where = fields.get(word);
            Field field = where == null ? null : field(type, where[0], where[1]);
            if (field == null || (field.getType() != boolean.class && field.getType() != Boolean.class)) {
                return Optional.empty();
            }
            toSet.add(field);
        }
        CliCommand command = new LauncherCommandFactory(tree).createInstance(type);
        for (Field field : toSet) {
            new Accessor(List.of(field)).addValues(command, List.of(Boolean.TRUE));
        }
        return Optional.of(command);
    }

    /** The field {@code name} declared by {@code declaring}, a class of {@code type}'s hierarchy. */
    private static Field field(Class<?> type, String declaring, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(declaring)) {
                try {
                    return c.getDeclaredField(name);
                } catch (NoSuchFieldException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Reads the flags resource the command-spec processor writes beside the spec of a plain command
     * (see {@code CommandSpecProcessor.FLAGS_HEADER}): flag name → declaring class and field.
     *
     * @return the flags, or null when there is no such resource or it is not of this format
     */
    private static Map<String, String[]> flagFields(Class<?> type) {
        String resource = CommandSpec.RESOURCE_FOLDER + type.getName() + ".flags";
        String text;
        try (InputStream in = CommandSpec.open(type, resource)) {
            if (in == null) {
                return null;
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            return null;
        }
        Map<String, String[]> fields = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split("\t", -1);
            if (parts.length != 3 || parts[0].contains("\\")) {
                return null; // names with escapes are left to airline
            }
            fields.put(parts[0], new String[] {parts[1], parts[2]});
        }
        return fields;
    }
}
