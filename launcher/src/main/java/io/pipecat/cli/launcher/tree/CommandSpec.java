package io.pipecat.cli.launcher.tree;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
import io.pipecat.cli.spi.CliCommand;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the launcher knows about one command without building airline's model: enough for help,
 * completion, path resolution and the plugin index. Read from airline's own annotations with
 * plain reflection ({@link #read}), which costs a fraction of airline's {@code MetadataLoader}.
 *
 * @param name        the command name ({@code @Command(name)})
 * @param description one line for help
 * @param hidden      whether help and completion leave it out
 * @param options     its flags, inherited ones ({@code --help}, {@code --verbose}) included
 * @param arguments   its positional arguments, if it takes any
 * @param className   the command class, loaded again only to run it
 */
public record CommandSpec(String name, String description, boolean hidden, List<OptionSpec> options,
        Optional<ArgumentsSpec> arguments, String className) {

    public CommandSpec {
        options = List.copyOf(options);
    }

    /**
     * Reads a command class the way airline does (from its class files, which avoids the proxy
     * classes that reflective annotation access creates; reflection only when those cannot be read): {@code @Command} on the class, {@code @Option}
     * and {@code @Arguments} on the fields of the class and its superclasses (and of
     * {@code @AirlineModule} fields), boolean flags with arity 0, others 1, titles defaulting to
     * the field name.
     *
     * @throws IllegalArgumentException when the class is not a command
     */
    public static CommandSpec read(Class<?> type) {
        if (!CliCommand.class.isAssignableFrom(type)) {
            throw notACommand(type);
        }
        return fromClassFiles(type).orElseGet(() -> readWithReflection(type));
    }

    private static IllegalArgumentException notACommand(Class<?> type) {
        return new IllegalArgumentException("command class " + type.getName()
                + " must extend io.pipecat.cli.spi.CliCommand and carry @Command");
    }

    // ---- from the class files (no annotation proxies: the fast path) ---------------------------

    private static final String COMMAND = Command.class.getName();
    private static final String OPTION = Option.class.getName();
    private static final String ARGUMENTS = Arguments.class.getName();
    private static final String REQUIRED = Required.class.getName();
    private static final String MODULE = AirlineModule.class.getName();

    /** @return the spec, or empty when some class file of the hierarchy cannot be read */
    private static Optional<CommandSpec> fromClassFiles(Class<?> type) {
        Optional<ClassFileAnnotations.ClassInfo> info = ClassFileAnnotations.read(type);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        ClassFileAnnotations.Annotation command = info.get().annotation(COMMAND).orElseThrow(() -> notACommand(type));
        List<OptionSpec> options = new ArrayList<>();
        List<ArgumentsSpec> arguments = new ArrayList<>();
        if (!fieldsFromClassFiles(type, options, arguments, new HashSet<>())) {
            return Optional.empty();
        }
        return Optional.of(new CommandSpec(command.string("name", ""), command.string("description", ""),
                command.bool("hidden"), options, arguments.stream().findFirst(), type.getName()));
    }

    private static boolean fieldsFromClassFiles(Class<?> type, List<OptionSpec> options, List<ArgumentsSpec> arguments,
            Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return true;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Optional<ClassFileAnnotations.ClassInfo> info = ClassFileAnnotations.read(c);
            if (info.isEmpty()) {
                return false;
            }
            for (ClassFileAnnotations.FieldInfo field : info.get().fields()) {
                Optional<ClassFileAnnotations.Annotation> option = field.annotation(OPTION);
                if (option.isPresent()) {
                    List<String> names = option.get().strings("name", List.of());
                    if (options.stream().noneMatch(o -> o.names().equals(names))) {
                        int arity = option.get().integer("arity", Integer.MIN_VALUE);
                        if (arity == Integer.MIN_VALUE) {
                            arity = field.descriptor().equals("Z") || field.descriptor().equals("Ljava/lang/Boolean;") ? 0 : 1;
                        }
                        String title = titles(option.get().strings("title", List.of()), field.name()).get(0);
                        options.add(new OptionSpec(names, title, arity, option.get().string("description", ""),
                                option.get().bool("hidden")));
                    }
                }
                Optional<ClassFileAnnotations.Annotation> args = field.annotation(ARGUMENTS);
                if (args.isPresent() && arguments.isEmpty()) {
                    arguments.add(new ArgumentsSpec(titles(args.get().strings("title", List.of()), field.name()),
                            args.get().string("description", ""), field.annotation(REQUIRED).isPresent()));
                }
                if (field.annotation(MODULE).isPresent()) {
                    try {
                        if (!fieldsFromClassFiles(c.getDeclaredField(field.name()).getType(), options, arguments, seen)) {
                            return false;
                        }
                    } catch (NoSuchFieldException e) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    // ---- with reflection (the fallback: annotations through their proxies) ---------------------

    /** The fallback reader (public so tests can hold both readers to airline): annotations through reflection. */
    public static CommandSpec readWithReflection(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        if (command == null) {
            throw notACommand(type);
        }
        List<OptionSpec> options = new ArrayList<>();
        List<ArgumentsSpec> arguments = new ArrayList<>();
        readFields(type, options, arguments, new HashSet<>());
        return new CommandSpec(command.name(), command.description(), command.hidden(), options,
                arguments.stream().findFirst(), type.getName());
    }

    /** Airline's default title ({@code {""}}) means: the field's name. */
    private static List<String> titles(List<String> declared, String fieldName) {
        if (declared.isEmpty() || (declared.size() == 1 && declared.get(0).isEmpty())) {
            return List.of(fieldName);
        }
        return declared;
    }

    private static void readFields(Class<?> type, List<OptionSpec> options, List<ArgumentsSpec> arguments,
            Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                Option option = field.getAnnotation(Option.class);
                if (option != null) {
                    List<String> names = List.of(option.name());
                    // A subclass's option with the same names overrides the inherited one.
                    if (options.stream().noneMatch(o -> o.names().equals(names))) {
                        int arity = option.arity();
                        if (arity == Integer.MIN_VALUE) {
                            Class<?> t = field.getType();
                            arity = t == boolean.class || t == Boolean.class ? 0 : 1;
                        }
                        String title = titles(List.of(option.title()), field.getName()).get(0);
                        options.add(new OptionSpec(names, title, arity, option.description(), option.hidden()));
                    }
                }
                Arguments args = field.getAnnotation(Arguments.class);
                if (args != null && arguments.isEmpty()) {
                    arguments.add(new ArgumentsSpec(titles(List.of(args.title()), field.getName()), args.description(),
                            field.isAnnotationPresent(Required.class)));
                }
                if (field.isAnnotationPresent(AirlineModule.class)) {
                    readFields(field.getType(), options, arguments, seen);
                }
            }
        }
    }
}
