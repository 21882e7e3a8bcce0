/**
 * The keychain credential store: secrets in the OS keychain (macOS Keychain, Windows Credential
 * Manager, Linux Secret Service) through java-keyring; the config file keeps only {@code org} and
 * the per-org tables.
 *
 * <p>java-keyring, secret-service, JNA, hkdf and jkeychain are automatic modules: they read
 * everything but declare no {@code requires}, so the explicit modules they need at run time are
 * required here: {@code org.freedesktop.dbus} (else {@code NoClassDefFoundError} from
 * secret-service), and its unix-socket transport, a service provider that jlink would drop
 * without {@code --bind-services}.
 *
 * @provides io.pipecat.cli.credentials.store.CredentialStoreProvider {@code keyring}
 */
module io.pipecat.cli.store.keyring {
    requires io.pipecat.cli.core;
    requires java.keyring;
    requires org.freedesktop.dbus;
    requires org.freedesktop.dbus.transport.jre;

    provides io.pipecat.cli.credentials.store.CredentialStoreProvider with
            io.pipecat.cli.store.keyring.KeyringCredentialStoreProvider;
}
