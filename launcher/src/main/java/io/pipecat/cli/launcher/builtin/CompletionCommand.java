package io.pipecat.cli.launcher.builtin;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.model.CommandGroupMetadata;
import com.github.rvesse.airline.model.CommandMetadata;
import com.github.rvesse.airline.model.OptionMetadata;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.launcher.tree.CommandTree;
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
public final class CompletionCommand extends CliCommand implements TreeAware {

    @Arguments(title = "shell", description = "bash or zsh. Load it with: source <(pipecat completion bash)")
    private List<String> shell = new ArrayList<>();

    private CommandTree tree;

    @Override
    public void useTree(CommandTree commandTree) {
        this.tree = commandTree;
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
        tree.metadata().getCommandGroups().forEach(g -> rootWords.add(g.getName()));
        tree.metadata().getDefaultGroupCommands().forEach(c -> rootWords.add(c.getName()));
        words.put("", rootWords);
        for (CommandMetadata command : tree.metadata().getDefaultGroupCommands()) {
            words.put(command.getName(), options(command, valueOptions));
        }
        for (CommandGroupMetadata group : tree.metadata().getCommandGroups()) {
            addGroup(group.getName(), group, words, valueOptions);
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
            out.append("    \"").append(entry.getKey()).append("\") opts=\"")
                    .append(String.join(" ", entry.getValue())).append("\" ;;\n");
        }
        out.append("  esac\n");
        out.append("  COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n");
        out.append("}\n");
        out.append("complete -F _pipecat pipecat\n");
        return out.toString();
    }

    private static void addGroup(String path, CommandGroupMetadata group, Map<String, TreeSet<String>> words,
            TreeSet<String> valueOptions) {
        TreeSet<String> here = new TreeSet<>(List.of("--help"));
        group.getSubGroups().forEach(g -> here.add(g.getName()));
        group.getCommands().forEach(c -> here.add(c.getName()));
        if (group.getDefaultCommand() != null) {
            here.addAll(options(group.getDefaultCommand(), valueOptions));
        }
        words.put(path, here);
        for (CommandMetadata command : group.getCommands()) {
            words.put(path + " " + command.getName(), options(command, valueOptions));
        }
        for (CommandGroupMetadata sub : group.getSubGroups()) {
            addGroup(path + " " + sub.getName(), sub, words, valueOptions);
        }
    }

    private static TreeSet<String> options(CommandMetadata command, TreeSet<String> valueOptions) {
        TreeSet<String> names = new TreeSet<>();
        for (OptionMetadata option : command.getAllOptions()) {
            if (option.isHidden()) {
                continue;
            }
            names.addAll(option.getOptions());
            if (option.getArity() > 0) {
                valueOptions.addAll(option.getOptions());
            }
        }
        return names;
    }
}
