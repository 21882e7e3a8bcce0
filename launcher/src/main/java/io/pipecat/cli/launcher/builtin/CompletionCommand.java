package io.pipecat.cli.launcher.builtin;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.launcher.tree.CommandSpec;
import io.pipecat.cli.launcher.tree.CommandTree;
import io.pipecat.cli.launcher.tree.OptionSpec;
import io.pipecat.cli.spi.CliCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code pipecat completion bash|zsh}: a completion script generated from the merged command
 * tree, so plugin commands complete like built-ins. The zsh script loads the bash one through
 * zsh's {@code bashcompinit}.
 */
@Command(name = "completion", description = "Print a shell completion script (bash or zsh)")
public final class CompletionCommand extends CliCommand {

    @Arguments(title = "shell", description = "bash or zsh. Load it with: source <(pipecat completion bash)")
    private List<String> shell = new ArrayList<>();

    private final CommandTree tree;

    /** @param tree the merged command tree (the launcher's command factory passes it) */
    public CompletionCommand(CommandTree tree) {
        this.tree = tree;
    }

    @Override
    public void run(CommandContext context) {
        if (shell.size() != 1 || !(shell.get(0).equals("bash") || shell.get(0).equals("zsh"))) {
            throw CliException.usage("Usage: pipecat completion bash|zsh");
        }
        String script = bashScript();
        if (shell.get(0).equals("zsh")) {
            script = "#compdef pipecat\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        context.io().out().print(script);
    }

    /** @return a bash completion function for the whole tree */
    String bashScript() {
        Map<String, TreeSet<String>> words = new LinkedHashMap<>();
        TreeSet<String> valueOptions = new TreeSet<>();
        TreeSet<String> rootWords = new TreeSet<>(List.of("--help", "--version"));
        tree.root().subGroups().forEach(g -> rootWords.add(g.name()));
        tree.root().commands().forEach(c -> rootWords.add(c.name()));
        words.put("", rootWords);
        for (CommandSpec command : tree.root().commands()) {
            words.put(command.name(), options(command, valueOptions));
        }
        for (CommandTree.Group group : tree.root().subGroups()) {
            addGroup(group.name(), group, words, valueOptions);
        }
        StringBuilder out = new StringBuilder();
        out.append("# pipecat completion for bash. Load it with: source <(pipecat completion bash)\n");
        out.append("_pipecat() {\n");
        out.append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" path=\"\" i word skip=0\n");
        out.append("  for ((i = 1; i < COMP_CWORD; i++)); do\n");
        out.append("    word=\"${COMP_WORDS[i]}\"\n");
        out.append("    if ((skip)); then skip=0; continue; fi\n");
        out.append("    case \"$word\" in\n");
        if (!valueOptions.isEmpty()) {
            out.append("      ").append(String.join("|", valueOptions)).append(") skip=1 ;;\n");
        }
        out.append("      -*) ;;\n");
        out.append("      *) path=\"${path:+$path }$word\" ;;\n");
        out.append("    esac\n");
        out.append("  done\n");
        out.append("  local opts=\"\"\n");
        out.append("  case \"$path\" in\n");
        for (Map.Entry<String, TreeSet<String>> entry : words.entrySet()) {
            out.append("    \"")
                    .append(entry.getKey())
                    .append("\") opts=\"")
                    .append(String.join(" ", entry.getValue()))
                    .append("\" ;;\n");
        }
        out.append("  esac\n");
        out.append("  COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n");
        out.append("}\n");
        out.append("complete -F _pipecat pipecat\n");
        return out.toString();
    }

    private static void addGroup(
            String path, CommandTree.Group group, Map<String, TreeSet<String>> words, TreeSet<String> valueOptions) {
        TreeSet<String> here = new TreeSet<>(List.of("--help"));
        group.subGroups().forEach(g -> here.add(g.name()));
        group.commands().forEach(c -> here.add(c.name()));
        group.defaultCommand().ifPresent(c -> here.addAll(options(c, valueOptions)));
        words.put(path, here);
        for (CommandSpec command : group.commands()) {
            words.put(path + " " + command.name(), options(command, valueOptions));
        }
        for (CommandTree.Group sub : group.subGroups()) {
            addGroup(path + " " + sub.name(), sub, words, valueOptions);
        }
    }

    private static TreeSet<String> options(CommandSpec command, TreeSet<String> valueOptions) {
        TreeSet<String> names = new TreeSet<>();
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                continue;
            }
            names.addAll(option.names());
            if (option.arity() > 0) {
                valueOptions.addAll(option.names());
            }
        }
        return names;
    }
}
