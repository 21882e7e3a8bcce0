package io.pipecat.cli.launcher.builtin;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.launcher.tree.ArgumentsSpec;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.CommandTree;
import io.pipecat.cli.launcher.tree.EnvironmentHelp;
import io.pipecat.cli.launcher.tree.OptionSpec;
import io.pipecat.cli.spi.ArgumentValues;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code pipecat completion bash|zsh|fish}: a completion script generated from the merged command
 * tree, so plugin commands complete like built-ins. What each position offers comes from the
 * commands' specs: sub-groups and visible commands, flags (a group's default command's flags on
 * the group itself, since that is where they are valid), the values an argument declares
 * ({@link ArgumentValues}), and {@code --verbose} everywhere. The zsh script loads the bash one
 * through zsh's {@code bashcompinit}, starting zsh's completion system first when the user's
 * {@code .zshrc} has not.
 */
@Command(name = "completion", description = """
        Print a shell completion script for bash, zsh or fish. It completes every command, plugin \
        commands included, their flags and the values of arguments such as 'store file|keyring'.

        EXAMPLES
          $ source <(pipecat completion bash)          # in ~/.bashrc
          $ source <(pipecat completion zsh)           # in ~/.zshrc
          $ pipecat completion fish | source           # in ~/.config/fish/config.fish""")
public final class CompletionCommand extends CliCommand {

    @Arguments(title = "shell", description = "bash, zsh or fish")
    @ArgumentValues({"bash", "zsh", "fish"})
    private List<String> shell = new ArrayList<>();

    private final CommandTree tree;

    /** @param tree the merged command tree (the launcher's command factory passes it) */
    public CompletionCommand(CommandTree tree) {
        this.tree = tree;
    }

    @Override
    public void run(CommandContext context) {
        // The shells this command knows are the values its spec declares: one list for help,
        // completion and this check.
        List<String> shells = tree.command(List.of(), "completion")
                .flatMap(CommandSpec::arguments)
                .map(ArgumentsSpec::values)
                .orElse(List.of("bash", "zsh", "fish"));
        if (shell.size() != 1 || !shells.contains(shell.get(0))) {
            throw CliException.usage("Usage: pipecat completion " + String.join("|", shells));
        }
        Model model = model();
        String script = switch (shell.get(0)) {
            case "zsh" -> zshScript(model);
            case "fish" -> fishScript(model);
            default -> bashScript(model);
        };
        context.io().out().print(script);
    }

    /**
     * What completes where.
     *
     * @param words        path (the command words typed so far, space-separated) → candidates
     * @param valueOptions flags that take a value: the word after one is that value, not a path word
     */
    record Model(Map<String, TreeSet<String>> words, TreeSet<String> valueOptions) {}

    private Model model() {
        Map<String, TreeSet<String>> words = new LinkedHashMap<>();
        TreeSet<String> valueOptions = new TreeSet<>();
        TreeSet<String> rootWords = new TreeSet<>(List.of("--help", "--version", "--verbose"));
        TreeSet<String> topLevel = new TreeSet<>();
        tree.root().subGroups().forEach(g -> topLevel.add(g.name()));
        tree.root().commands().stream().filter(c -> !c.hidden()).forEach(c -> topLevel.add(c.name()));
        rootWords.addAll(topLevel);
        words.put("", rootWords);
        for (CommandSpec command : tree.root().commands()) {
            if (!command.hidden()) {
                words.put(command.name(), candidates(command, valueOptions));
            }
        }
        // 'pipecat help <TAB>': what help can explain at the first level.
        if (words.containsKey("help")) {
            words.get("help").addAll(topLevel);
            words.get("help").add(EnvironmentHelp.TOPIC);
        }
        for (CommandTree.Group group : tree.root().subGroups()) {
            addGroup(group.name(), group, words, valueOptions);
        }
        return new Model(words, valueOptions);
    }

    private static void addGroup(
            String path, CommandTree.Group group, Map<String, TreeSet<String>> words, TreeSet<String> valueOptions) {
        TreeSet<String> here = new TreeSet<>(List.of("--help", "--verbose"));
        group.subGroups().forEach(g -> here.add(g.name()));
        // The default command is reached through the group's flags (pipecat cloud --show-cli-config),
        // not by its name: airline registers it as a command too, but typing it fails.
        group.commands().stream().filter(c -> typedByName(group, c)).forEach(c -> here.add(c.name()));
        group.defaultCommand().ifPresent(c -> here.addAll(candidates(c, valueOptions)));
        words.put(path, here);
        for (CommandSpec command : group.commands()) {
            if (typedByName(group, command)) {
                words.put(path + " " + command.name(), candidates(command, valueOptions));
            }
        }
        for (CommandTree.Group sub : group.subGroups()) {
            addGroup(path + " " + sub.name(), sub, words, valueOptions);
        }
    }

    /** Whether {@code command} is offered by its name under {@code group}: visible, and not the default. */
    private static boolean typedByName(CommandTree.Group group, CommandSpec command) {
        return !command.hidden()
                && group.defaultCommand().map(d -> d != command).orElse(true);
    }

    /** A command's visible flags, {@code --verbose}, and the values its argument declares. */
    private static TreeSet<String> candidates(CommandSpec command, TreeSet<String> valueOptions) {
        TreeSet<String> names = new TreeSet<>(List.of("--verbose"));
        for (OptionSpec option : command.options()) {
            if (option.arity() > 0) {
                valueOptions.addAll(option.names());
            }
            if (!option.hidden()) {
                names.addAll(option.names());
            }
        }
        command.arguments().ifPresent(a -> names.addAll(a.values()));
        return names;
    }

    /** @return a bash completion function for the whole tree */
    static String bashScript(Model model) {
        StringBuilder out = new StringBuilder();
        out.append("# pipecat completion for bash. Load it with: source <(pipecat completion bash)\n");
        out.append("_pipecat() {\n");
        out.append("  # Under zsh (bashcompinit) COMP_WORDS is what bash would pass: index it as bash does.\n");
        out.append("  [[ -n \"${ZSH_VERSION-}\" ]] && setopt localoptions ksharrays shwordsplit\n");
        out.append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" path=\"\" i word skip=0\n");
        out.append("  for ((i = 1; i < COMP_CWORD; i++)); do\n");
        out.append("    word=\"${COMP_WORDS[i]}\"\n");
        out.append("    if ((skip)); then skip=0; continue; fi\n");
        out.append("    case \"$word\" in\n");
        if (!model.valueOptions().isEmpty()) {
            out.append("      ").append(String.join("|", model.valueOptions())).append(") skip=1 ;;\n");
        }
        out.append("      -*) ;;\n");
        out.append("      *) path=\"${path:+$path }$word\" ;;\n");
        out.append("    esac\n");
        out.append("  done\n");
        out.append("  COMPREPLY=()\n");
        out.append("  # The word after a flag that takes a value is that value: nothing to offer.\n");
        out.append("  if ((skip)); then return 0; fi\n");
        out.append("  local opts=\"\"\n");
        out.append("  case \"$path\" in\n");
        for (Map.Entry<String, TreeSet<String>> entry : model.words().entrySet()) {
            out.append("    \"")
                    .append(entry.getKey())
                    .append("\") opts=\"")
                    .append(String.join(" ", entry.getValue()))
                    .append("\" ;;\n");
        }
        out.append("  esac\n");
        out.append("  # Flags only once a '-' is typed: a bare TAB offers commands and values.\n");
        out.append("  if [[ \"$cur\" != -* ]]; then\n");
        out.append("    local w words=\"\"\n");
        out.append("    for w in $opts; do [[ \"$w\" == -* ]] || words=\"$words $w\"; done\n");
        out.append("    opts=\"$words\"\n");
        out.append("  fi\n");
        out.append("  COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n");
        out.append("}\n");
        out.append("complete -F _pipecat pipecat\n");
        return out.toString();
    }

    /**
     * The bash function through zsh's {@code bashcompinit}. That needs {@code compdef}, which only
     * exists once {@code compinit} has run: a {@code .zshrc} without it would get "command not
     * found: compdef", so the script runs it itself when it is missing ({@code -i}: without asking
     * about insecure folders).
     */
    static String zshScript(Model model) {
        return "#compdef pipecat\n"
                + "# pipecat completion for zsh. Load it with: source <(pipecat completion zsh)\n"
                + "(( $+functions[compdef] )) || { autoload -Uz compinit && compinit -i; }\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bashScript(model);
    }

    /** @return a fish completion: one function that computes the candidates for the line so far */
    static String fishScript(Model model) {
        StringBuilder out = new StringBuilder();
        out.append("# pipecat completion for fish. Load it with: pipecat completion fish | source\n");
        out.append("function __pipecat_candidates\n");
        out.append("    set -l tokens (commandline -opc)\n");
        out.append("    set -e tokens[1]\n");
        out.append("    set -l path\n");
        out.append("    set -l skip 0\n");
        out.append("    for word in $tokens\n");
        out.append("        if test $skip -eq 1\n");
        out.append("            set skip 0\n");
        out.append("            continue\n");
        out.append("        end\n");
        out.append("        switch $word\n");
        if (!model.valueOptions().isEmpty()) {
            out.append("            case ")
                    .append(String.join(" ", model.valueOptions()))
                    .append('\n');
            out.append("                set skip 1\n");
        }
        out.append("            case '-*'\n");
        out.append("            case '*'\n");
        out.append("                set -a path $word\n");
        out.append("        end\n");
        out.append("    end\n");
        out.append("    test $skip -eq 1; and return\n");
        out.append("    switch \"$path\"\n");
        for (Map.Entry<String, TreeSet<String>> entry : model.words().entrySet()) {
            out.append("        case '").append(entry.getKey()).append("'\n");
            out.append("            printf '%s\\n' ")
                    .append(String.join(" ", entry.getValue()))
                    .append('\n');
        }
        out.append("    end\n");
        out.append("end\n");
        out.append("# Flags only once a '-' is typed: a bare TAB offers commands and values.\n");
        out.append("function __pipecat_complete\n");
        out.append("    if string match -q -- '-*' (commandline -ct)\n");
        out.append("        __pipecat_candidates\n");
        out.append("    else\n");
        out.append("        __pipecat_candidates | string match -v -- '-*'\n");
        out.append("    end\n");
        out.append("end\n");
        out.append("complete -c pipecat -f -a '(__pipecat_complete)'\n");
        return out.toString();
    }
}
