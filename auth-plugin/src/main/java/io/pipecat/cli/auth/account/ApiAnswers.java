package io.pipecat.cli.auth.account;

import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiResponse;

/** The one rule for an API answer a command needs: a 200, else "Failed to fetch WHAT (STATUS)." */
public final class ApiAnswers {
    private ApiAnswers() {}

    /**
     * @param what the thing asked for, for the message ("your organizations")
     * @return {@code response} when it is a 200
     * @throws CliException exit 1 otherwise (a 401 is reported by the API client first, exit 4)
     */
    public static ApiResponse requireOk(ApiResponse response, String what) {
        if (response.status() != 200) {
            throw CliException.error("Failed to fetch " + what + " (" + response.status() + ").");
        }
        return response;
    }
}
