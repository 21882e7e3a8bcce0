package io.pipecat.cli.context;

/** Where the token in use came from; shown by {@code whoami} and {@code --show-cli-config}. */
public enum TokenSource {
    /** The {@code PIPECAT_TOKEN} environment variable (never written to disk). */
    ENV("env"),
    /** The TOML config file. */
    FILE("file"),
    /** The OS keychain. */
    KEYRING("keyring");

    private final String label;

    TokenSource(String label) {
        this.label = label;
    }

    /** @return the lower-case label used in output: {@code env}, {@code file}, {@code keyring} */
    public String label() {
        return label;
    }
}
