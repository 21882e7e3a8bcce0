/**
 * The pipecat CLI core. What a module may use depends on who it is:
 *
 * <ul>
 *   <li>Every plugin (the plugin API): {@code io.pipecat.cli.spi} (command groups and commands),
 *       {@code io.pipecat.cli.context} (the per-invocation {@link io.pipecat.cli.context.CommandContext}:
 *       IO, environment, clock, non-secret settings, plain and authenticated HTTP),
 *       {@code io.pipecat.cli.errors} (typed errors and exit codes) and {@code io.pipecat.cli.http}.
 *       No method there returns a token or the config file's document.</li>
 *   <li>The auth plugin alone: {@code io.pipecat.cli.credentials} (the credential broker: tokens,
 *       saving and removing a login, moving it between stores; the token-refresh service it
 *       provides).</li>
 *   <li>The store modules and the auth plugin: {@code io.pipecat.cli.credentials.store} (the
 *       credential-store service and the {@code Credentials} record).</li>
 *   <li>The launcher: the TOML file layer
 *       {@code io.pipecat.cli.config} and the implementation {@code io.pipecat.cli.core.internal}.</li>
 * </ul>
 * Qualified exports are checked by javac and at run time: a module not named in them can neither
 * compile against those packages nor reach their public members by reflection. The launcher
 * refuses third-party plugin modules named {@code io.pipecat.cli.*}, so none can take a trusted
 * name. The annotation processor {@code io.pipecat.cli.core.processor} is exported to nobody: javac
 * finds it through the service below while compiling a plugin.
 *
 * @uses io.pipecat.cli.credentials.store.CredentialStoreProvider
 * @uses io.pipecat.cli.credentials.TokenRefresher (provided by the auth plugin)
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
    exports io.pipecat.cli.credentials to
            io.pipecat.cli.auth;
    exports io.pipecat.cli.credentials.store to
            io.pipecat.cli.store.file,
            io.pipecat.cli.store.keyring,
            io.pipecat.cli.auth,
            io.pipecat.cli.launcher;
    exports io.pipecat.cli.config to
            io.pipecat.cli.launcher;
    exports io.pipecat.cli.core.internal to
            io.pipecat.cli.launcher;

    // Airline fills the --help/--verbose fields of CliCommand by reflection.
    opens io.pipecat.cli.spi to
            com.github.rvesse.airline;

    uses io.pipecat.cli.credentials.store.CredentialStoreProvider;
    uses io.pipecat.cli.credentials.TokenRefresher;

    provides javax.annotation.processing.Processor with
            io.pipecat.cli.core.processor.CommandSpecProcessor;
    // The launcher loads command groups; core declares the use too so that a plugin's tests get a
    // named launcher: Maven's surefire puts a test dependency on the module path (instead of the
    // class path) only when it provides a service the plugin's module graph uses. A class-path
    // launcher could not reach io.pipecat.cli.core.internal, and the test kit's in-process harness
    // would need --add-exports again.
    uses io.pipecat.cli.spi.CommandGroupProvider;
}
