package io.pipecat.cli.launcher.tree;

import com.github.rvesse.airline.Accessor;
import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.OptionType;
import io.pipecat.cli.spi.CliCommand;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the commonest invocations without building airline's model (its classes, metadata and
 * parser cost about 15 ms of every start): a command followed only by some of its own on/off
 * flags, each at most once — {@code --version}, {@code cloud --show-cli-config}, {@code plugins
 * list}, {@code cloud auth whoami --json}.
 *
 * <p>Not a second parser: it takes only what airline is sure to parse the same way and returns
 * empty for everything else, which airline then parses, so every parse error is still airline's.
 * It refuses a command with required arguments, any value, any word that is not exactly one of the
 * command's arity-0 flags, a repeated flag, and any command whose class or fields carry an airline
 * annotation other than {@code @Command}, {@code @Option} and {@code @Arguments} (restrictions,
 * modules, injected metadata), a command that names groups of its own, or options that are not
 * plain command options. The flag's field is
 * set through airline's own {@link Accessor}, as airline sets it (plugins open their packages to
 * airline, not to the launcher). {@code FlagsOnlyParseDifferentialTest} checks it against airline
 * on generated command lines for every built-in command.
 */
public final class FlagsOnlyParse {
    private FlagsOnlyParse() {}

    /**
     * @param words the whole command line (after the launcher's leading {@code --verbose})
     * @return the command with its flags set, or empty when airline must parse {@code words}
     */
    public static Optional<CliCommand> parse(CommandTree tree, CommandPath path, List<String> words) {
        Optional<CommandSpec> spec = path.command().isPresent()
                ? tree.command(path.groupPath(), path.command().get())
                : path.groupPath().isEmpty()
                        ? tree.root().defaultCommand()
                        : tree.group(path.groupPath()).flatMap(CommandTree.Group::defaultCommand);
        int pathWords = path.groupPath().size() + (path.command().isPresent() ? 1 : 0);
        if (spec.isEmpty() || path.unknown().isPresent() || words.size() < pathWords) {
            return Optional.empty();
        }
        if (spec.get().arguments().map(ArgumentsSpec::required).orElse(false)) {
            return Optional.empty();
        }
        List<String> flags = words.subList(pathWords, words.size());
        Set<OptionSpec> given = new HashSet<>();
        for (String word : flags) {
            Optional<OptionSpec> option = spec.get().options().stream()
                    .filter(o -> o.arity() == 0 && o.names().contains(word))
                    .findFirst();
            if (option.isEmpty() || !given.add(option.get())) {
                return Optional.empty();
            }
        }
        Class<? extends CliCommand> type = tree.commandClass(spec.get());
        Command declared = type.getDeclaredAnnotation(Command.class);
        if (declared == null || declared.groupNames().length > 0) {
            return Optional.empty(); // airline would also place it in other groups: its model decides
        }
        List<Field> toSet = new ArrayList<>();
        Set<String> named = new HashSet<>(flags);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (!onlyAirline(c.getDeclaredAnnotations(), Command.class)) {
                return Optional.empty();
            }
            for (Field field : c.getDeclaredFields()) {
                if (!onlyAirline(field.getDeclaredAnnotations(), Option.class, Arguments.class)) {
                    return Optional.empty();
                }
                Option option = field.getDeclaredAnnotation(Option.class);
                if (option == null) {
                    continue;
                }
                if (option.type() != OptionType.COMMAND) {
                    return Optional.empty();
                }
                boolean hit = false;
                for (String name : option.name()) {
                    hit |= named.remove(name);
                }
                if (hit) {
                    boolean flag = field.getType() == boolean.class || field.getType() == Boolean.class;
                    if (!flag || Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
                        return Optional.empty();
                    }
                    toSet.add(field);
                }
            }
        }
        if (!named.isEmpty()) {
            return Optional.empty(); // the spec names a flag this class does not declare: let airline decide
        }
        CliCommand command = new LauncherCommandFactory(tree).createInstance(type);
        for (Field field : toSet) {
            new Accessor(List.of(field)).addValues(command, List.of(Boolean.TRUE));
        }
        return Optional.of(command);
    }

    /** Whether the only airline annotations among {@code annotations} are of the {@code allowed} types. */
    private static boolean onlyAirline(Annotation[] annotations, Class<?>... allowed) {
        for (Annotation annotation : annotations) {
            Class<?> kind = annotation.annotationType();
            if (kind.getName().startsWith("com.github.rvesse.airline.")
                    && !List.of(allowed).contains(kind)) {
                return false;
            }
        }
        return true;
    }
}
