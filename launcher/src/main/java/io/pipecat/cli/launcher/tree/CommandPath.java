package io.pipecat.cli.launcher.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the words of a command line lead in the tree, before airline parses the flags: the
 * deepest group typed, the command (if one was named), and the first word that matched nothing.
 *
 * @param groupPath the deepest group named, e.g. {@code ["cloud", "auth"]}; empty for the root
 * @param command   the command named under that group, if any
 * @param unknown   the first word that is neither a sub-group nor a command of that group
 * @param bare      whether nothing at all follows the group (no word, no flag)
 */
public record CommandPath(List<String> groupPath, Optional<String> command, Optional<String> unknown, boolean bare) {

    /** @return the path to show help for: the command's if one was named, else the group's */
    public List<String> helpPath() {
        List<String> path = new ArrayList<>(groupPath);
        command.ifPresent(path::add);
        return path;
    }

    /**
     * @return the command airline parses the flags against: the command named, else the group's
     *     default command (the root's prints the version or the help); empty for a group without one
     */
    public Optional<CommandSpec> target(CommandTree tree) {
        if (command.isPresent()) {
            return tree.command(groupPath, command.get());
        }
        return groupPath.isEmpty()
                ? tree.root().defaultCommand()
                : tree.group(groupPath).flatMap(CommandTree.Group::defaultCommand);
    }

    /** Walks {@code args} through {@code tree}. Stops at the first flag or at {@code --}. */
    public static CommandPath resolve(CommandTree tree, List<String> args) {
        List<String> groupPath = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (word.startsWith("-")) {
                return new CommandPath(groupPath, Optional.empty(), Optional.empty(), false);
            }
            List<String> candidate = new ArrayList<>(groupPath);
            candidate.add(word);
            if (tree.group(candidate).isPresent()) {
                groupPath = candidate;
                continue;
            }
            boolean isCommand = tree.command(groupPath, word).isPresent();
            return isCommand
                    ? new CommandPath(groupPath, Optional.of(word), Optional.empty(), false)
                    : new CommandPath(groupPath, Optional.empty(), Optional.of(word), false);
        }
        return new CommandPath(groupPath, Optional.empty(), Optional.empty(), true);
    }
}
