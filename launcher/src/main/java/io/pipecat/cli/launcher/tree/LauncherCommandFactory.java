package io.pipecat.cli.launcher.tree;

import com.github.rvesse.airline.CommandFactory;
import com.github.rvesse.airline.DefaultCommandFactory;
import io.pipecat.cli.spi.CliCommand;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Makes the command instance airline parses into. The launcher's own commands (help, completion,
 * the plugin list, the root) declare a public constructor taking the {@link CommandTree}, and get
 * the tree through it; every other command is made by airline's default factory (its no-argument
 * constructor). Only classes of the launcher's module are offered the tree: the type is not
 * exported, so a plugin could not declare such a constructor anyway.
 */
final class LauncherCommandFactory implements CommandFactory<CliCommand> {
    private final CommandTree tree;
    private final CommandFactory<CliCommand> plain = new DefaultCommandFactory<>();

    LauncherCommandFactory(CommandTree tree) {
        this.tree = tree;
    }

    @Override
    public CliCommand createInstance(Class<?> type) {
        if (type.getModule() == CommandTree.class.getModule()) {
            Constructor<?> withTree;
            try {
                withTree = type.getConstructor(CommandTree.class);
            } catch (NoSuchMethodException e) {
                return plain.createInstance(type);
            }
            try {
                return (CliCommand) withTree.newInstance(tree);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot create " + type.getName() + ": " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + type.getName() + ": " + e, e);
            }
        }
        return plain.createInstance(type);
    }
}
