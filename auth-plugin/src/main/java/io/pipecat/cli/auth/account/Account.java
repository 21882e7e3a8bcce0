package io.pipecat.cli.auth.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipecat.cli.http.PipecatApiClient;

/**
 * The user a token belongs to, from {@code GET /v1/users} ({@code {"user": {"userId", "emails":
 * [{"emailAddress"}…]}}}): what whoami and status show.
 *
 * @param userId the user's id, empty when the answer has none
 * @param email the first email address, empty when the answer has none
 */
public record Account(String userId, String email) {

    /**
     * @throws io.pipecat.cli.errors.CliException exit 1 for an answer other than 200 (a 401 is
     *     reported by the API client first, exit 4)
     */
    public static Account fetch(PipecatApiClient api) {
        JsonNode user = ApiAnswers.requireOk(api.get("/v1/users"), "your user details")
                .json()
                .path("user");
        String email = "";
        for (JsonNode entry : user.path("emails")) {
            if (entry.path("emailAddress").isTextual()) {
                email = entry.get("emailAddress").asText();
                break;
            }
        }
        return new Account(user.path("userId").asText(""), email);
    }
}
