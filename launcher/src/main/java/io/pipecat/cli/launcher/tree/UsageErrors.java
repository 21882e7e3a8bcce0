package io.pipecat.cli.launcher.tree;

import com.github.rvesse.airline.parser.errors.ParseArgumentsUnexpectedException;
import com.github.rvesse.airline.parser.errors.ParseException;
import com.github.rvesse.airline.parser.errors.ParseOptionConversionException;
import com.github.rvesse.airline.parser.errors.ParseOptionMissingValueException;
import io.pipecat.cli.errors.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Usage errors (exit 2) in the CLI's own words: an unknown command with the closest names, and
 * airline's parse errors put the way a user reads them ("unknown flag --headles, did you mean
 * --headless?"). Airline stays the only parser; this only rewords what it reports, with the facts
 * of the command model (the specs).
 */
public final class UsageErrors {
    private UsageErrors() {}

    /**
     * @param groupPath the group under which {@code typed} named nothing
     * @param typed     the word that is neither a sub-group nor a command there
     */
    public static CliException unknownCommand(CommandTree tree, List<String> groupPath, String typed) {
        String where = where(groupPath);
        List<String> candidates = Stream.concat(
                        tree.subGroupsAt(groupPath).stream()
                                .filter(g -> !g.hidden())
                                .map(CommandTree.Group::name),
                        tree.commandsAt(groupPath).stream()
                                .filter(c -> !c.hidden())
                                .map(CommandSpec::name))
                .toList();
        StringBuilder message = new StringBuilder("unknown command \"" + typed + "\" for \"" + where + "\"");
        List<String> close = Suggestions.closest(typed, candidates);
        if (!close.isEmpty()) {
            message.append("\n\nDid you mean this?\n");
            close.forEach(c -> message.append("\t").append(c).append("\n"));
        }
        message.append("\nRun '").append(where).append(" --help' for usage.");
        return CliException.usage(message.toString());
    }

    /**
     * Rewords a parse error of the command at {@code path}.
     *
     * @param command the spec airline parsed against (the command named, or the group's default
     *                command), when there is one
     */
    public static CliException parseError(ParseException error, List<String> path, Optional<CommandSpec> command) {
        String where = where(path);
        if (error instanceof ParseArgumentsUnexpectedException unexpected
                && !unexpected.getUnparsedInput().isEmpty()
                && unexpected.getUnparsedInput().get(0).startsWith("-")) {
            return unknownFlag(unexpected.getUnparsedInput().get(0), where, command);
        }
        if (error instanceof ParseOptionMissingValueException missingValue) {
            Optional<OptionSpec> option = valueOption(command, missingValue.getOptionTitle());
            if (option.isPresent()) {
                return CliException.usage(longestName(option.get()) + " needs a value ("
                        + option.get().title() + "); see '" + where + " --help'");
            }
        }
        if (error instanceof ParseOptionConversionException conversion) {
            Optional<OptionSpec> option = valueOption(command, conversion.getOptionTitle());
            if (option.isPresent()) {
                return CliException.usage(longestName(option.get()) + " expects " + kind(conversion, option.get())
                        + ", not \"" + conversion.getValue() + "\"");
            }
        }
        return CliException.usage(oneLine(error.getMessage()) + "\nRun '" + where + " --help' for usage.");
    }

    /**
     * The flag an airline error names: by its title (conversion errors) or by the name typed
     * (missing values), when exactly one flag that takes a value matches.
     */
    private static Optional<OptionSpec> valueOption(Optional<CommandSpec> command, String titleOrName) {
        List<OptionSpec> matches = command.map(c -> c.options().stream()
                        .filter(o -> o.arity() > 0
                                && (o.title().equals(titleOrName) || o.names().contains(titleOrName)))
                        .toList())
                .orElse(List.of());
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private static CliException unknownFlag(String typed, String where, Optional<CommandSpec> command) {
        String flag = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        boolean known = command.map(
                        c -> c.options().stream().anyMatch(o -> o.names().contains(flag)))
                .orElse(false);
        if (known && !flag.equals(typed)) {
            // --json=x: a flag that takes no value, given one.
            return CliException.usage(flag + " takes no value; see '" + where + " --help'");
        }
        List<String> names = new ArrayList<>();
        command.ifPresent(c -> c.options().stream()
                .filter(o -> !o.hidden() || o.names().contains("--verbose"))
                .forEach(o -> names.addAll(o.names())));
        List<String> close = Suggestions.closest(flag, names);
        if (!close.isEmpty()) {
            return CliException.usage("unknown flag " + flag + ", did you mean " + close.get(0) + "?");
        }
        return CliException.usage("unknown flag " + flag + " for '" + where + "' (see '" + where + " --help')");
    }

    /** "a number of seconds" for an int titled SECONDS; "a number (N)", "a value (NAME)" otherwise. */
    private static String kind(ParseOptionConversionException conversion, OptionSpec option) {
        String type = conversion.getTypeName() == null ? "" : conversion.getTypeName();
        boolean number = type.matches("(?i).*\\b(int|integer|long|short|byte|double|float|big\\w*)$");
        String title = option.title();
        if (number && title.matches("[A-Z]+S")) {
            return "a number of " + title.toLowerCase(java.util.Locale.ROOT);
        }
        return (number ? "a number" : "a value") + (title.isEmpty() ? "" : " (" + title + ")");
    }

    private static String longestName(OptionSpec option) {
        return option.names().stream()
                .max((a, b) -> Integer.compare(a.length(), b.length()))
                .orElse("");
    }

    private static String where(List<String> path) {
        return (CommandTree.PROGRAM + " " + String.join(" ", path)).trim();
    }

    /** @return {@code text} on one line: each line break with the blanks around it becomes a space */
    public static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
