package io.pipecat.cli.launcher.inprocess;

import io.pipecat.cli.context.BrowserOpener;
import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.Environment;
import io.pipecat.cli.core.internal.DefaultCommandContext;
import io.pipecat.cli.credentials.store.CredentialStoreProvider;
import io.pipecat.cli.launcher.PipecatLauncher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs one CLI invocation inside the calling JVM, the way {@code Main} does (plugin discovery,
 * parsing, the command, the exit code) but with the streams, the environment and three of the
 * context's dependencies supplied by the caller. This is the entry point of the test kit's
 * {@code PipecatTestCli}; plugin tests use that harness rather than this class.
 *
 * <p>It takes only types of the plugin API ({@link CliIO}, {@link BrowserOpener},
 * {@link CredentialStoreProvider}), so a caller needs no access to the core's implementation
 * package.
 */
public final class InProcessLauncher {
    private InProcessLauncher() {}

    /**
     * What the caller swaps in; an empty value keeps the real one.
     *
     * @param clock       the commands' clock (token expiry, timestamps)
     * @param browser     opens the login URL instead of the system browser
     * @param extraStores credential stores added to those found on the module path
     */
    public record Overrides(
            Optional<Clock> clock, Optional<BrowserOpener> browser, List<CredentialStoreProvider> extraStores) {

        public Overrides {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(browser, "browser");
            extraStores = List.copyOf(extraStores);
        }

        /**
         * Like the constructor, for a caller that cannot name the store type: the store SPI is
         * exported only to the store modules and the auth plugin, and a plugin's tests put the
         * test kit on the class path, where a signature or a cast naming it fails.
         *
         * @param extraStores {@link CredentialStoreProvider}s
         * @throws IllegalArgumentException when one is not a credential store provider
         */
        public static Overrides of(Optional<Clock> clock, Optional<BrowserOpener> browser, List<?> extraStores) {
            List<CredentialStoreProvider> stores = new ArrayList<>();
            for (Object store : extraStores) {
                if (!(store instanceof CredentialStoreProvider provider)) {
                    throw new IllegalArgumentException("not a credential store provider: " + store);
                }
                stores.add(provider);
            }
            return new Overrides(clock, browser, stores);
        }

        /** The real clock, the system browser, the stores on the module path. */
        public static Overrides none() {
            return new Overrides(Optional.empty(), Optional.empty(), List.of());
        }
    }

    /**
     * @param io        the standard streams (and whether each is a terminal)
     * @param env       the environment variables the CLI sees (nothing else is read from the process)
     * @param overrides the dependencies swapped in
     * @param args      the command line, without the program name
     * @return the exit code the process would have exited with
     */
    public static int run(CliIO io, Map<String, String> env, Overrides overrides, String... args) {
        return PipecatLauncher.run(io, Environment.of(env), builder -> customize(builder, overrides), args);
    }

    private static DefaultCommandContext.Builder customize(DefaultCommandContext.Builder builder, Overrides overrides) {
        overrides.clock().ifPresent(builder::clock);
        overrides.browser().ifPresent(builder::browser);
        if (!overrides.extraStores().isEmpty()) {
            builder.storeProviders(() -> {
                List<CredentialStoreProvider> all = new ArrayList<>(DefaultCommandContext.Builder.loadStoreProviders());
                all.addAll(overrides.extraStores());
                return all;
            });
        }
        return builder;
    }
}
