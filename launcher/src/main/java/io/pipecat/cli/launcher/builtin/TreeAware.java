package io.pipecat.cli.launcher.builtin;

import io.pipecat.cli.launcher.tree.CommandTree;

/** A launcher command that needs the merged command tree (help, plugin list, completion). */
public interface TreeAware {
    /** Called by the launcher before {@code run}. */
    void useTree(CommandTree tree);
}
