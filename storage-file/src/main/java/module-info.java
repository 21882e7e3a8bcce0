/**
 * The default credential store: secrets as top-level keys of the TOML config file, exactly where
 * the official Python CLI keeps them.
 *
 * @provides io.pipecat.cli.credentials.store.CredentialStoreProvider {@code file}, the default store
 */
module io.pipecat.cli.store.file {
    requires io.pipecat.cli.core;

    provides io.pipecat.cli.credentials.store.CredentialStoreProvider with
            io.pipecat.cli.store.file.FileCredentialStoreProvider;
}
