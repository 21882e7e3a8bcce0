package io.pipecat.cli.launcher.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Help text in the style of {@code gh}: a description, USAGE, the commands of a group, the flags
 * of a command. Rendered from the launcher's own model (never airline's), so plugin commands get the same help as built-ins.
 */
public final class HelpRenderer {
    private final CommandTree tree;

    public HelpRenderer(CommandTree tree) {
        this.tree = tree;
    }

    /** @return help for the root, a group or a command, whichever {@code path} names */
    public String render(List<String> path) {
        if (path.isEmpty()) {
            return root();
        }
        Optional<CommandTree.Group> group = tree.group(path);
        if (group.isPresent()) {
            return group(path, group.get());
        }
        List<String> parent = path.subList(0, path.size() - 1);
        String name = path.get(path.size() - 1);
        return tree.commandsAt(parent).stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .map(c -> command(path, c))
                .orElseGet(this::root);
    }

    private String root() {
        StringBuilder out = new StringBuilder();
        out.append(tree.description()).append("\n\n");
        out.append("USAGE\n  ").append(CommandTree.PROGRAM).append(" <command> <subcommand> [flags]\n\n");
        appendCommands(out, List.of());
        out.append("FLAGS\n");
        List<String[]> flags = new ArrayList<>();
        flags.add(new String[] {"--help", "Show help for a command"});
        flags.add(new String[] {"--version", "Show the pipecat version"});
        flags.add(new String[] {"--verbose", "Show stack traces of errors (also PIPECAT_DEBUG=1)"});
        appendTable(out, flags);
        out.append("\nHELP TOPICS\n");
        appendTable(out, List.<String[]>of(new String[] {EnvironmentHelp.TOPIC, EnvironmentHelp.SUMMARY}));
        out.append("\nEXAMPLES\n")
                .append("  $ pipecat cloud auth login\n")
                .append("  $ pipecat cloud auth whoami\n")
                .append("  $ pipecat help cloud auth login\n");
        out.append("\nLEARN MORE\n  Use '")
                .append(CommandTree.PROGRAM)
                .append(" <command> --help' for more information about a command.\n")
                .append("  Use '")
                .append(CommandTree.PROGRAM)
                .append(" help environment' for the environment variables it reads.\n");
        return out.toString();
    }

    private String group(List<String> path, CommandTree.Group group) {
        StringBuilder out = new StringBuilder();
        if (!group.description().isBlank()) {
            out.append(group.description()).append("\n\n");
        }
        String prefix = CommandTree.PROGRAM + " " + String.join(" ", path);
        out.append("USAGE\n  ").append(prefix).append(" <command> [flags]\n");
        if (group.defaultCommand().isPresent()) {
            out.append("  ").append(prefix).append(" [flags]\n");
        }
        out.append("\n");
        appendCommands(out, path);
        List<String[]> flags = group.defaultCommand().isEmpty()
                ? List.<String[]>of(new String[] {"--help", "Show help for this command"})
                : flagRows(group.defaultCommand().get());
        out.append("FLAGS\n");
        appendTable(out, flags);
        // The default command's examples belong to the group: it is what 'pipecat cloud --flag' runs.
        String examples =
                group.defaultCommand().map(c -> examples(c.description())).orElse("");
        if (!examples.isBlank()) {
            out.append('\n').append(examples.stripTrailing()).append('\n');
        }
        out.append("\nLEARN MORE\n  Use '")
                .append(prefix)
                .append(" <command> --help' for more information about a command.\n");
        return out.toString();
    }

    private String command(List<String> path, CommandSpec command) {
        StringBuilder out = new StringBuilder();
        // A description may end with an EXAMPLES paragraph: it is shown last, as gh does.
        String description = nullToEmpty(command.description());
        String examples = examples(description);
        description = description
                .substring(0, description.length() - examples.length())
                .stripTrailing();
        if (!description.isBlank()) {
            out.append(description).append("\n\n");
        }
        out.append("USAGE\n  ")
                .append(CommandTree.PROGRAM)
                .append(' ')
                .append(String.join(" ", path))
                .append(" [flags]");
        ArgumentsSpec arguments = command.arguments().orElse(null);
        if (arguments != null) {
            String title = arguments.title();
            out.append(' ').append(arguments.required() ? "<" + title + ">" : "[" + title + "]");
        }
        out.append("\n\n");
        if (arguments != null && !arguments.description().isBlank()) {
            out.append("ARGUMENTS\n");
            appendTable(out, List.<String[]>of(new String[] {arguments.title(), arguments.description()}));
            out.append("\n");
        }
        out.append("FLAGS\n");
        appendTable(out, flagRows(command));
        if (!examples.isBlank()) {
            out.append('\n').append(examples.stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private void appendCommands(StringBuilder out, List<String> path) {
        List<String[]> rows = new ArrayList<>();
        for (CommandTree.Group sub : tree.subGroupsAt(path)) {
            if (!sub.hidden()) {
                rows.add(new String[] {sub.name(), nullToEmpty(sub.description())});
            }
        }
        for (CommandSpec command : tree.commandsAt(path)) {
            if (!command.hidden()) {
                rows.add(new String[] {command.name(), firstParagraph(command.description())});
            }
        }
        if (!rows.isEmpty()) {
            rows.sort((a, b) -> a[0].compareTo(b[0]));
            out.append("COMMANDS\n");
            appendTable(out, rows);
            out.append("\n");
        }
    }

    private static List<String[]> flagRows(CommandSpec command) {
        List<String[]> rows = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                continue;
            }
            List<String> names = new ArrayList<>(option.names());
            names.sort(HelpRenderer::shortNamesFirst);
            String label = String.join(", ", names);
            if (option.arity() > 0) {
                label += " <" + option.title() + ">";
            }
            rows.add(new String[] {label, nullToEmpty(option.description())});
        }
        rows.sort(HelpRenderer::helpLast);
        return rows;
    }

    // Plain comparators, not Comparator.comparing/thenComparing: those return serializable lambdas,
    // which the start-up cache cannot hold, so every --help would spin them again (~6 ms).

    private static int shortNamesFirst(String a, String b) {
        int byKind = Boolean.compare(a.startsWith("--"), b.startsWith("--"));
        return byKind != 0 ? byKind : a.compareTo(b);
    }

    private static int helpLast(String[] a, String[] b) {
        int byHelp = Boolean.compare(a[0].contains("--help"), b[0].contains("--help"));
        return byHelp != 0 ? byHelp : a[0].replaceFirst("^-+", "").compareTo(b[0].replaceFirst("^-+", ""));
    }

    private static void appendTable(StringBuilder out, List<String[]> rows) {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] row : rows) {
            out.append("  ").append(row[0]);
            if (!row[1].isEmpty()) {
                out.append(" ".repeat(width - row[0].length() + 3)).append(row[1]);
            }
            out.append('\n');
        }
    }

    /** @return the EXAMPLES paragraph a description ends with (from its heading on), or "" */
    static String examples(String description) {
        String text = nullToEmpty(description);
        int at = text.indexOf("\n\nEXAMPLES\n");
        return at < 0 ? "" : text.substring(at + 2);
    }

    /** A command's description may go on with paragraphs (EXAMPLES…) shown only in its own help. */
    private static String firstParagraph(String text) {
        String description = nullToEmpty(text);
        int end = description.indexOf("\n\n");
        return end < 0 ? description : description.substring(0, end);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
