package io.pipecat.cli.launcher.plugins;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What happens when third-party plugin code calls {@code System.exit}. The JVM offers no way to
 * refuse the call (the security manager is gone), but a shutdown hook runs while the calling
 * thread still sits in {@code Runtime.exit}: its stack shows who called, and the hook can
 * {@code Runtime.halt} with another status. So the launcher records which thread runs which
 * plugin's code, and which modules came from which jar, and at shutdown:
 * <ul>
 * <li>a provider (constructor, {@code groups()}, class initialisation) that exits while it is
 *     being discovered — the user asked for another command, or for help — is an error: the
 *     plugin is named on stderr, remembered as broken in the plugin index (later runs skip it
 *     with a warning), and the CLI exits 1 instead of the status the plugin chose;</li>
 * <li>the command the user ran, on its own thread, may end the run with its own status: the user
 *     asked for that plugin's command, and a script may rely on the code it chose. It bypassed
 *     the launcher's clean-up, so a warning names the plugin, and an exit 0 is never silent;</li>
 * <li>any other thread running a plugin's code (one it started itself) is an error, exit 1.</li>
 * </ul>
 * {@code Runtime.halt} by a plugin skips every hook and cannot be caught by any means.
 */
public final class PluginExitGuard {
    private enum Phase {
        DISCOVERY,
        COMMAND
    }

    /** Plugin code running on a thread: whose, in which phase, and what to remember if it exits. */
    private record Call(Path jar, Phase phase, Runnable onExit) {}

    private static final Map<Thread, Call> CALLS = new ConcurrentHashMap<>();
    /** Third-party modules by name, with the jar each came from. */
    private static final Map<String, Path> MODULES = new ConcurrentHashMap<>();

    private PluginExitGuard() {}

    /** Installs the hook (the process entry point does, once; in-process runs never exit). */
    public static void install(PrintStream err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> onShutdown(err), "pipecat-exit-guard"));
    }

    /**
     * Runs a plugin's discovery code on this thread, marked as such.
     *
     * @param onExit what to remember if the plugin calls {@code System.exit} meanwhile
     */
    static <T> T discovering(Path jar, Runnable onExit, Supplier<T> code) {
        CALLS.put(Thread.currentThread(), new Call(jar, Phase.DISCOVERY, onExit));
        try {
            return code.get();
        } finally {
            CALLS.remove(Thread.currentThread());
        }
    }

    /** Records the modules of a third-party plugin's layer (jar or folder), so that its frames can be named. */
    static void layerDefined(ModuleLayer layer, Path jar) {
        // A plugin folder may bring its own copy of a library the CLI has: that name stays the CLI's.
        layer.modules().stream()
                .filter(module ->
                        ModuleLayer.boot().findModule(module.getName()).isEmpty())
                .forEach(module -> MODULES.putIfAbsent(module.getName(), jar));
    }

    /** Marks this thread as running a command until closed. */
    public interface CommandScope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Marks this thread as running {@code commandType}'s command, if a third-party jar brought it
     * (built-in commands are not marked).
     */
    public static CommandScope command(Class<?> commandType) {
        Path jar = MODULES.get(String.valueOf(commandType.getModule().getName()));
        if (jar == null || commandType.getModule().getLayer() == ModuleLayer.boot()) {
            return () -> {};
        }
        Thread thread = Thread.currentThread();
        CALLS.put(thread, new Call(jar, Phase.COMMAND, () -> {}));
        return () -> CALLS.remove(thread);
    }

    private static void onShutdown(PrintStream err) {
        if (CALLS.isEmpty() && MODULES.isEmpty()) {
            return; // no third-party code was loaded in this run
        }
        for (Map.Entry<Thread, StackTraceElement[]> thread :
                Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = thread.getValue();
            int exit = exitFrame(stack);
            if (exit < 0) {
                continue;
            }
            Optional<Call> call = Optional.ofNullable(CALLS.get(thread.getKey()))
                    .or(() -> pluginFrame(stack, exit + 1).map(PluginExitGuard::discoveryOf));
            if (call.isEmpty()) {
                continue; // the launcher's own exit, or code that is not a plugin's
            }
            Path jar = call.get().jar();
            System.out.flush();
            if (call.get().phase() == Phase.COMMAND) {
                err.println("Warning: plugin " + jar + " ended pipecat with System.exit in its command;"
                        + " its exit code is passed on");
                err.flush();
                return;
            }
            try {
                call.get().onExit().run();
            } catch (RuntimeException ignored) {
                // Remembering the failure is a courtesy to the next run; the exit code is what matters.
            }
            err.println("Error: plugin " + jar + " called System.exit "
                    + (call.get().phase() == Phase.DISCOVERY ? "during discovery" : "from a thread of its own")
                    + "; remove it or replace it with a fixed version");
            err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    /**
     * A thread the plugin started itself: part of its discovery if the jar is being discovered
     * right now, else (phase {@code null}) on its own.
     */
    private static Call discoveryOf(Path jar) {
        return CALLS.values().stream()
                .filter(c -> c.jar().equals(jar) && c.phase() == Phase.DISCOVERY)
                .findFirst()
                .orElseGet(() -> new Call(jar, null, () -> {}));
    }

    /** @return the index of the outermost {@code System.exit}/{@code Runtime.exit} frame, or -1 */
    private static int exitFrame(StackTraceElement[] stack) {
        int found = -1;
        for (int i = 0; i < stack.length; i++) {
            String type = stack[i].getClassName();
            if (stack[i].getMethodName().equals("exit")
                    && (type.equals("java.lang.System") || type.equals("java.lang.Runtime"))) {
                found = i;
            }
        }
        return found;
    }

    /** @return the jar of the innermost third-party frame at or below {@code from} */
    private static Optional<Path> pluginFrame(StackTraceElement[] stack, int from) {
        for (int i = from; i < stack.length; i++) {
            String module = stack[i].getModuleName();
            if (module != null && MODULES.containsKey(module)) {
                return Optional.of(MODULES.get(module));
            }
        }
        return Optional.empty();
    }
}
