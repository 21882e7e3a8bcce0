package io.pipecat.cli.auth.config;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.auth.oauth.PipecatOAuthClient;
import io.pipecat.cli.auth.oauth.Redaction;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.context.Settings;
import io.pipecat.cli.credentials.ActiveToken;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.credentials.CredentialBroker;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.http.UrlPolicy;
import io.pipecat.cli.spi.CliCommand;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code pipecat cloud --show-cli-config} (docs/behaviour.md#--show-cli-config): every resolved setting and where it came
 * from, with {@code token} and {@code refresh_token} redacted. The default command of the
 * {@code cloud} group: a bare {@code pipecat cloud} prints the group's help instead (launcher).
 * Read-only: it never writes the config file and never refreshes a token.
 */
@Command(name = "show-cli-config", description = """
        Print every resolved setting (secrets redacted)

        EXAMPLES
          $ pipecat cloud --show-cli-config
          $ PIPECAT_ORG=beta pipecat cloud --show-cli-config   # what a variable changes""", hidden = true)
public final class ShowCliConfigCommand extends CliCommand {

    @Option(name = "--show-cli-config", description = "Print every resolved setting (secrets redacted)")
    private boolean showCliConfig;

    @Override
    public void run(CommandContext context) {
        if (!showCliConfig) {
            throw io.pipecat.cli.errors.CliException.usage(
                    "Missing a command or --show-cli-config.\n" + "Run 'pipecat cloud --help' for usage.");
        }
        Settings settings = context.settings();
        // Shown, never used: a user name or password in a host URL stays off the screen.
        String api = UrlPolicy.safe(settings.apiHost());
        String dashboard = UrlPolicy.safe(settings.dashboardHost());
        List<String[]> rows = new ArrayList<>();
        rows.add(row(
                "config_path",
                settings.configPath().toString(),
                context.env().isSet("PIPECAT_CONFIG_PATH") ? "env" : "default"));
        rows.add(row("api_host", api, settings.sourceOf("api_host")));
        rows.add(row("dashboard_host", dashboard, settings.sourceOf("dashboard_host")));
        rows.add(row("auth_config_url", api + PipecatOAuthClient.AUTH_CONFIG_PATH, "derived"));
        rows.add(row("organizations_url", api + "/v1/organizations", "derived"));
        rows.add(row("users_url", api + "/v1/users", "derived"));
        rows.add(row("logout_url", api + "/auth/logout", "derived"));
        rows.add(row("sign_out_url", dashboard + "/sign-out", "derived"));

        Optional<String> envToken = ActiveToken.fromEnvironment(context.env()).map(ActiveToken::token);
        CredentialBroker broker = AuthCapabilities.broker(context);
        Optional<Credentials> stored = broker.stored();
        // A stored token's source is the store's name, as whoami reports it.
        String store = broker.storeName();
        String storedSource = store;
        String token = envToken.or(() -> stored.map(Credentials::token)).orElse("");
        String tokenSource = envToken.isPresent() ? ActiveToken.ENV_SOURCE : stored.isPresent() ? storedSource : "none";
        rows.add(row("token", token.isEmpty() ? "(not set)" : Redaction.redact(token), tokenSource));
        rows.add(row(
                "org",
                settings.org().orElse("(not set)"),
                context.env().isSet("PIPECAT_ORG") ? "env" : settings.org().isPresent() ? "file" : "default"));
        rows.add(row(
                "refresh_token",
                stored.filter(Credentials::hasRefreshToken)
                        .map(c -> Redaction.redact(c.refreshToken()))
                        .orElse("(not set)"),
                stored.isPresent() ? storedSource : "none"));
        rows.add(row(
                "token_expires_at",
                stored.map(c -> expiry(c.expiresAt())).orElse("(not set)"),
                stored.isPresent() ? storedSource : "none"));
        for (String key : List.of("default_public_key", "default_public_key_name")) {
            rows.add(row(key, settings.get(key).orElse("(not set)"), settings.sourceOf(key)));
        }
        rows.add(row("credential_store", store, broker.storeOrigin()));
        rows.add(row("token_source", tokenSource, ""));

        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
        for (String[] r : rows) {
            String line = String.format("%-" + width + "s%s", r[0], r[1]);
            context.io().out().println(r[2].isEmpty() ? line : line + "  [" + r[2] + "]");
        }
    }

    private static String[] row(String key, String value, String source) {
        return new String[] {key, value, source};
    }

    private static String expiry(double epochSeconds) {
        if (epochSeconds <= 0) {
            return "0 (never: PAT)";
        }
        Instant at = Instant.ofEpochMilli((long) (epochSeconds * 1000)).truncatedTo(ChronoUnit.SECONDS);
        return java.math.BigDecimal.valueOf(epochSeconds).toPlainString() + " (" + utc(at) + ")";
    }

    /**
     * What {@code at.toString()} prints for a whole second from 1970 on ({@code 2100-01-01T00:00:00Z}),
     * without {@code Instant.toString()}: that initialises {@code DateTimeFormatter}, whose dozens of
     * built-in formatters cost about 10 ms of a start that prints one date.
     */
    static String utc(Instant at) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(t.toLocalDate().toString()).append('T');
        twoDigits(out, t.getHour()).append(':');
        twoDigits(out, t.getMinute()).append(':');
        return twoDigits(out, t.getSecond()).append('Z').toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append(value < 10 ? "0" : "").append(value);
    }
}
