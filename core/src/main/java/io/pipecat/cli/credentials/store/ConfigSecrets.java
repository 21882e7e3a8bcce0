package io.pipecat.cli.credentials.store;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The three top-level secret keys of the config file ({@code token}, {@code refresh_token},
 * {@code token_expires_at}), inside the core's locked update of that file: the only part of the
 * file a credential store is shown. A store that keeps secrets in the file reads and writes them
 * here; a store that keeps them elsewhere only {@link #remove}s them, so no plaintext copy stays
 * behind. Everything else in the file (the organization, the per-organization tables, keys the
 * official CLI adds) is out of a store's reach. Changes are written back, atomically, after the
 * store's call returns.
 */
public interface ConfigSecrets {

    /** The secret keys, as written in the file. */
    enum Key {
        TOKEN("token"),
        REFRESH_TOKEN("refresh_token"),
        EXPIRES_AT("token_expires_at");

        private final String tomlKey;

        Key(String tomlKey) {
            this.tomlKey = tomlKey;
        }

        /** @return the key as written in the config file */
        public String tomlKey() {
            return tomlKey;
        }
    }

    /** @return the value when it is a string, else empty */
    Optional<String> string(Key key);

    /** @return the value when it is a number (integer or float), else empty */
    OptionalDouble number(Key key);

    /** Sets {@code key} to a string. */
    void put(Key key, String value);

    /** Sets {@code key} to an integer (the official CLI writes {@code 0} as a PAT's expiry). */
    void put(Key key, long value);

    /** Sets {@code key} to a float. */
    void put(Key key, double value);

    /** @return whether {@code key} was there */
    boolean remove(Key key);

    /** Removes all three keys. @return whether {@code token} was there */
    default boolean removeAll() {
        boolean had = remove(Key.TOKEN);
        remove(Key.REFRESH_TOKEN);
        remove(Key.EXPIRES_AT);
        return had;
    }
}
