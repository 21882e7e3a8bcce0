package io.pipecat.cli.auth.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.auth.account.Account;
import io.pipecat.cli.auth.account.LabelledRows;
import io.pipecat.cli.auth.oauth.Redaction;
import io.pipecat.cli.auth.orgs.Organization;
import io.pipecat.cli.auth.orgs.OrganizationList;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.credentials.ActiveToken;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.credentials.CredentialBroker;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.errors.ExitCode;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.http.UrlPolicy;
import io.pipecat.cli.spi.CliCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code pipecat cloud auth status [--json] [--show-token]} (docs/behaviour.md#status-ours), like
 * {@code gh auth status}: what the CLI would authenticate with and whether the server accepts it.
 * The token comes from the broker like every authenticated command's, so a stored OAuth token due
 * for refresh is refreshed (and stored) first.
 *
 * <p>The local facts (API host, store, token source and expiry) are printed whatever happens; a
 * failure (no token, a refused token, an unreachable server, an unavailable keychain) is then
 * reported on stderr with its usual exit code, as gh does when it cannot check a token.
 */
@Command(name = "status", description = """
        Show how you are authenticated and whether the API accepts the token

        API host, user, organization, auth method (PAT or OAuth), where the token comes from
        (PIPECAT_TOKEN, the config file or the keychain), when it expires, whether a refresh token
        is stored, and the credential store in use with where it keeps the secrets. A stored token
        that is about to expire is refreshed first. The token is shown only with --show-token.
        Exit 0 when the API accepts the token, 4 when there is none or it is refused, 1 when the
        API cannot be reached (the local facts are printed in every case).

        EXAMPLES
          $ pipecat cloud auth status
          $ pipecat cloud auth status --json | jq -r .token_expiry
          $ pipecat cloud auth status >/dev/null 2>&1 || pipecat cloud auth login""")
public final class StatusCommand extends CliCommand {
    static final String NOT_CHECKED = "unknown";

    @Option(name = "--json", description = "Print one JSON object instead of a table")
    private boolean json;

    @Option(name = "--show-token", description = "Show the token in full (it is redacted otherwise)")
    private boolean showToken;

    @Override
    public void run(CommandContext context) throws Exception {
        CredentialBroker broker = AuthCapabilities.broker(context);
        Status status = new Status();
        status.apiHost = UrlPolicy.safe(context.settings().apiHost());
        status.storeName = broker.storeName();
        status.storeOrigin = broker.storeOrigin();
        Optional<ActiveToken> envToken = ActiveToken.fromEnvironment(context.env());
        try {
            status.storeLocation = broker.storeLocation();
            status.stored = Optional.of(broker.stored().isPresent());
        } catch (CliException e) {
            // An unreachable keychain matters only when it holds the token in use.
            if (envToken.isEmpty()) {
                status.failure = e;
            }
        }
        if (status.failure == null) {
            check(context, broker, status);
        }
        if (json) {
            printJson(context, status);
        } else {
            printTable(context, status);
        }
        if (status.failure != null) {
            throw status.failure;
        }
    }

    /** Gets the token (refreshing it when due) and asks the server who it belongs to. */
    private static void check(CommandContext context, CredentialBroker broker, Status status) {
        try {
            status.token = broker.requireToken();
            if (!status.token.fromEnvironment()) {
                // Re-read: a refresh has just replaced the stored expiry and refresh token.
                status.credentials = broker.stored();
            }
            status.user = Optional.of(Account.fetch(context.api()));
            OrganizationList orgs = OrganizationList.fetch(context.api());
            status.accepted = Optional.of(true);
            // The rule whoami follows: an active organization the account does not have is named
            // (exit 1), not replaced by the first one.
            status.organization = orgs.active(context.settings());
        } catch (CliException e) {
            status.failure = e;
            // A 401 is the server's answer about the token; anything else (network, server error)
            // leaves it unknown. (A refused refresh leaves no token at all: not logged in.)
            if (status.token != null && e.exitCode() == ExitCode.NOT_AUTHENTICATED) {
                status.accepted = Optional.of(false);
            }
        }
    }

    private void printTable(CommandContext context, Status status) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("API host", status.apiHost));
        rows.add(row("Logged in", loggedInText(status)));
        if (status.token != null) {
            rows.add(row("User", status.userText().orElse(NOT_CHECKED)));
            rows.add(row("Organization", status.organizationText(context)));
            rows.add(row("Auth method", status.token.authMethod()));
            rows.add(row(
                    "Token source",
                    status.token.fromEnvironment()
                            ? ActiveToken.ENV_SOURCE + " (" + ActiveToken.ENV_VARIABLE + ")"
                            : status.token.source()));
            rows.add(row("Token", tokenText(status.token)));
            rows.add(row("Token expires", status.expiryText(context.clock().instant())));
            rows.add(row("Refresh token", status.hasRefreshToken() ? "yes" : "no"));
        }
        rows.add(row("Credential store", status.storeName + " (" + status.storeOrigin + ")"));
        if (status.storeLocation != null) {
            rows.add(row("Store location", status.storeLocation));
        }
        if (status.token != null && status.token.fromEnvironment()) {
            rows.add(row(
                    "Stored login",
                    status.stored
                            .map(present ->
                                    present ? "yes, unused while " + ActiveToken.ENV_VARIABLE + " is set" : "none")
                            .orElse(NOT_CHECKED + " (the credential store is unavailable)")));
        }
        // Values line up two spaces after the longest label with its colon, whichever rows appear.
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 3;
        for (String[] r : rows) {
            context.io().out().println(LabelledRows.row(r[0], r[1], width));
        }
    }

    private static String loggedInText(Status status) {
        if (status.token == null) {
            return status.loggedIn().map(in -> "no").orElse(NOT_CHECKED + ": the login could not be read");
        }
        return status.accepted
                .map(accepted -> accepted ? "yes" : "no: the token was refused")
                .orElse("unknown: the token could not be checked");
    }

    private String tokenText(ActiveToken token) {
        return showToken ? token.token() : Redaction.redact(token.token()) + " (--show-token shows it)";
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private void printJson(CommandContext context, Status status) throws Exception {
        ObjectNode out = ApiResponse.jsonMapper().createObjectNode();
        out.put("api_host", status.apiHost);
        if (status.loggedIn().isPresent()) {
            out.put("logged_in", status.loggedIn().get());
        } else {
            out.putNull("logged_in");
        }
        if (status.accepted.isPresent()) {
            out.put("token_accepted", status.accepted.get());
        } else {
            out.putNull("token_accepted");
        }
        if (status.user.isPresent()) {
            out.putObject("user").put("user_id", status.userId()).put("email", status.email());
        } else {
            out.putNull("user");
        }
        Optional<String> orgName = status.organization
                .map(Organization::name)
                .or(() -> status.token == null
                        ? Optional.empty()
                        : context.settings().org());
        if (orgName.isPresent()) {
            out.putObject("organization")
                    .put("name", orgName.get())
                    .put(
                            "verbose_name",
                            status.organization.map(Organization::verboseName).orElse(null));
        } else {
            out.putNull("organization");
        }
        ActiveToken token = status.token;
        out.put("auth_method", token == null ? null : token.authMethod());
        out.put("token_source", token == null ? null : token.source());
        out.put("token", token == null ? null : showToken ? token.token() : Redaction.redact(token.token()));
        Optional<Instant> expiry = status.expiry();
        if (expiry.isPresent()) {
            out.put("token_expires_at", status.credentials.orElseThrow().expiresAt());
        } else {
            out.putNull("token_expires_at");
        }
        out.put(
                "token_expiry",
                token == null ? null : status.expiryText(context.clock().instant()));
        out.put("refresh_token", token != null && status.hasRefreshToken());
        out.putObject("credential_store")
                .put("name", status.storeName)
                .put("origin", status.storeOrigin)
                .put("location", status.storeLocation);
        if (status.stored.isPresent()) {
            out.put("stored_login", status.stored.get());
        } else {
            out.putNull("stored_login");
        }
        if (status.failure != null) {
            out.putObject("error")
                    .put("exit_code", status.failure.exitCode().code())
                    .put("message", status.failure.getMessage());
        } else {
            out.putNull("error");
        }
        context.io()
                .out()
                .println(ApiResponse.jsonMapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(out));
    }

    /** What one run found out; fields stay null or empty for what it could not learn. */
    private static final class Status {
        String apiHost;
        String storeName;
        String storeOrigin;
        String storeLocation;
        /** Whether a login is stored; empty when the store could not be read. */
        Optional<Boolean> stored = Optional.empty();
        /** The token in use; null when there is none (or it could not be read). */
        ActiveToken token;
        /** The stored credentials behind {@link #token}; empty for a token from the environment. */
        Optional<Credentials> credentials = Optional.empty();
        /** Whether the server accepted the token; empty when it was not asked or did not answer. */
        Optional<Boolean> accepted = Optional.empty();

        Optional<Account> user = Optional.empty();
        Optional<Organization> organization = Optional.empty();
        CliException failure;

        /**
         * @return whether there is a token to use: yes when one was found; no when none is stored
         *     (or its refresh was refused); empty when that could not be found out (an unavailable
         *     keychain, a refresh the server could not answer)
         */
        Optional<Boolean> loggedIn() {
            if (token != null) {
                return Optional.of(true);
            }
            if (failure != null && failure.exitCode() != ExitCode.NOT_AUTHENTICATED) {
                return Optional.empty();
            }
            return Optional.of(false);
        }

        String userId() {
            return user.map(Account::userId).orElse("");
        }

        String email() {
            return user.map(Account::email).orElse("");
        }

        Optional<String> userText() {
            if (user.isEmpty()) {
                return Optional.empty();
            }
            String email = email();
            return Optional.of(email.isEmpty() ? userId() : email + " (" + userId() + ")");
        }

        String organizationText(CommandContext context) {
            if (organization.isPresent()) {
                Organization org = organization.get();
                return org.verboseName().isEmpty() ? org.name() : org.verboseName() + " (" + org.name() + ")";
            }
            return context.settings().org().orElse("(none)");
        }

        boolean hasRefreshToken() {
            return credentials.map(Credentials::hasRefreshToken).orElse(false);
        }

        /** @return when the token expires, when that is known: a stored OAuth token with an expiry */
        Optional<Instant> expiry() {
            return credentials
                    .filter(c -> !c.isPat() && c.expiresAt() > 0)
                    .map(c -> Instant.ofEpochMilli((long) (c.expiresAt() * 1000)));
        }

        String expiryText(Instant now) {
            if (token.authMethod().equals("PAT")) {
                return "never (personal access token)";
            }
            return expiry().map(at -> RelativeTime.describe(at, now))
                    .orElse(
                            token.fromEnvironment()
                                    ? NOT_CHECKED + " (a token from " + ActiveToken.ENV_VARIABLE + ")"
                                    : NOT_CHECKED);
        }
    }
}
