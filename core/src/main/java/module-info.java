/**
 * The pipecat CLI core: the API that plugin authors compile against.
 *
 * <ul>
 *   <li>{@code io.pipecat.cli.spi} — the services plugins provide: command groups
 *       ({@link io.pipecat.cli.spi.CommandGroupProvider}, {@link io.pipecat.cli.spi.CliCommand}) and
 *       credential stores ({@link io.pipecat.cli.spi.CredentialStoreProvider}).</li>
 *   <li>{@code io.pipecat.cli.context} — the per-invocation {@link io.pipecat.cli.context.CommandContext}
 *       and the credential broker.</li>
 *   <li>{@code io.pipecat.cli.errors} — typed errors and their exit codes.</li>
 *   <li>{@code io.pipecat.cli.http} — HTTP transport and the authenticated API client.</li>
 *   <li>{@code io.pipecat.cli.config} — the TOML config file shared with the official CLI, and settings.</li>
 *   <li>{@code io.pipecat.cli.oauth} — the Pipecat Cloud OAuth client (discovery, PKCE, code exchange,
 *       refresh) used by the login command and the core's token refresh.</li>
 * </ul>
 * The implementation package {@code io.pipecat.cli.core.internal} is exported to the launcher only.
 * The annotation processor {@code io.pipecat.cli.core.processor} is exported to nobody: javac finds
 * it through the service below (or {@code META-INF/services} on a processor path) while compiling
 * a plugin, and writes each command's spec that the launcher reads for help and completion.
 *
 * @uses io.pipecat.cli.spi.CredentialStoreProvider
 * @provides javax.annotation.processing.Processor the command-spec writer, run by javac (compile time only)
 * @uses io.pipecat.cli.spi.CommandGroupProvider (loaded by the launcher; declared here for plugins' tests)
 */
module io.pipecat.cli.core {
    requires transitive com.github.rvesse.airline;
    requires transitive com.fasterxml.jackson.databind;
    requires org.tomlj;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    // httpclient5 is an automatic module and declares no requires: name its logging API here.
    requires org.slf4j;
    // httpclient5 sets TCP keep-alive options through jdk.net.Sockets; as an automatic module it cannot
    // say so, and without this the first request dies with NoClassDefFoundError: jdk/net/Sockets.
    requires jdk.net;
    // Only the annotation processor needs the compiler API, and only inside javac: at run time the
    // CLI must not resolve java.compiler (a bigger image, a slower start).
    requires static java.compiler;

    exports io.pipecat.cli.spi;
    exports io.pipecat.cli.context;
    exports io.pipecat.cli.errors;
    exports io.pipecat.cli.http;
    exports io.pipecat.cli.config;
    exports io.pipecat.cli.oauth;
    exports io.pipecat.cli.core.internal to io.pipecat.cli.launcher;

    // Airline fills the --help/--verbose fields of CliCommand by reflection.
    opens io.pipecat.cli.spi to com.github.rvesse.airline;

    uses io.pipecat.cli.spi.CredentialStoreProvider;

    provides javax.annotation.processing.Processor with io.pipecat.cli.core.processor.CommandSpecProcessor;
    // The launcher loads command groups; core declares the use too so that a plugin's tests get a
    // named launcher: Maven's surefire puts a test dependency on the module path (instead of the
    // class path) only when it provides a service the plugin's module graph uses. A class-path
    // launcher could not reach io.pipecat.cli.core.internal, and the test kit's in-process harness
    // would need --add-exports again.
    uses io.pipecat.cli.spi.CommandGroupProvider;
}
