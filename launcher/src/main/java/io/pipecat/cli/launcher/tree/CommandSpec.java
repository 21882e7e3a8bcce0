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
     * Reads a command class the way airline does: {@code @Command} on the class, {@code @Option}
     * and {@code @Arguments} on the fields of the class and its superclasses (and of
     * {@code @AirlineModule} fields), boolean flags with arity 0, others 1, titles defaulting to
     * the field name.
     *
     * @throws IllegalArgumentException when the class is not a command
     */
    public static CommandSpec read(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        if (command == null || !CliCommand.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("command class " + type.getName()
                    + " must extend io.pipecat.cli.spi.CliCommand and carry @Command");
        }
        List<OptionSpec> options = new ArrayList<>();
        List<ArgumentsSpec> arguments = new ArrayList<>();
        readFields(type, options, arguments, new HashSet<>());
        return new CommandSpec(command.name(), command.description(), command.hidden(), options,
                arguments.stream().findFirst(), type.getName());
    }

    /** Airline's default title ({@code {""}}) means: the field's name. */
    private static List<String> titles(String[] declared, Field field) {
        if (declared.length == 0 || (declared.length == 1 && declared[0].isEmpty())) {
            return List.of(field.getName());
        }
        return List.of(declared);
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
                        String title = titles(option.title(), field).get(0);
                        options.add(new OptionSpec(names, title, arity, option.description(), option.hidden()));
                    }
                }
                Arguments args = field.getAnnotation(Arguments.class);
                if (args != null && arguments.isEmpty()) {
                    arguments.add(new ArgumentsSpec(titles(args.title(), field), args.description(),
                            field.isAnnotationPresent(Required.class)));
                }
                if (field.isAnnotationPresent(AirlineModule.class)) {
                    readFields(field.getType(), options, arguments, seen);
                }
            }
        }
    }
}
