package io.pipecat.cli.auth.pat;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import io.pipecat.cli.auth.EnvironmentTokenNotice;
import io.pipecat.cli.auth.orgs.Organization;
import io.pipecat.cli.auth.orgs.OrganizationList;
import io.pipecat.cli.auth.orgs.OrganizationLookup;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.context.HiddenPrompt;
import io.pipecat.cli.credentials.AuthCapabilities;
import io.pipecat.cli.credentials.store.Credentials;
import io.pipecat.cli.errors.CliException;
import io.pipecat.cli.http.ApiResponse;
import io.pipecat.cli.spi.CliCommand;
import java.io.IOException;
import java.util.List;

/**
 * {@code pipecat cloud auth use-pat [TOKEN | -]} (docs/behaviour.md#use-pat): validates a personal access token with
 * {@code GET /v1/organizations} and stores it (no refresh token, expiry 0). A malformed config file
 * is backed up and replaced when the token is stored.
 */
@Command(name = "use-pat", description = """
        Log in with a personal access token (from the argument, '-' for stdin, or a hidden prompt)

        EXAMPLES
          $ pipecat cloud auth use-pat                          # prompts without echo
          $ pass show pipecat | pipecat cloud auth use-pat -
          $ pipecat cloud auth use-pat pcc_pat_...              # ends up in your shell history""")
public final class UsePatCommand extends CliCommand {
    static final String BAD_PREFIX = "Invalid token format. PATs must start with " + Credentials.PAT_PREFIX;
    static final String INVALID = "Invalid or expired token.";
    static final String NO_NAMESPACE =
            "Token is valid but account has no associated namespace. Have you completed " + "the onboarding process?";
    static final String NO_TOKEN = "No token given: stdin was empty. Pipe the token in (e.g. echo \"$PAT\" | "
            + "pipecat cloud auth use-pat), pass it as the TOKEN argument, or run on a terminal to be prompted.";
    static final String HISTORY_WARNING = "A token given as an argument is visible in your shell history and in "
            + "process listings; prefer 'pipecat cloud auth use-pat -' (stdin) or the prompt.";

    @Arguments(
            title = "TOKEN",
            description =
                    "The personal access token (pcc_pat_…), or '-' to read it from stdin; omit it to read a piped "
                            + "stdin, or to be prompted on a terminal")
    private List<String> arguments;

    @Override
    public void run(CommandContext context) throws IOException {
        if (arguments != null && arguments.size() > 1) {
            throw CliException.usage("use-pat takes one TOKEN argument (or '-'), got " + arguments.size() + ".");
        }
        String token = readToken(context).trim();
        if (token.isEmpty()) {
            throw CliException.usage(NO_TOKEN);
        }
        if (!token.startsWith(Credentials.PAT_PREFIX)) {
            throw CliException.usage(BAD_PREFIX);
        }
        AuthCapabilities.broker(context).checkStoreAvailable();
        // Before the token is sent anywhere: a config file nothing could replace fails here; a
        // malformed one is announced now and backed up and replaced by the save.
        AuthCapabilities.broker(context).prepareReplacement().ifPresent(context::warn);
        ApiResponse response = OrganizationLookup.fetch(context, token);
        if (response.status() != 200) {
            throw CliException.notAuthenticated(INVALID);
        }
        Organization org = OrganizationList.parse(response)
                .choose(context.settings().org())
                .orElseThrow(() -> CliException.notAuthenticated(NO_NAMESPACE));
        String location = AuthCapabilities.broker(context).save(Credentials.pat(token), org.name());
        context.io()
                .out()
                .println(context.io().outStyle().success("Authenticated via PAT.") + " Active organization: "
                        + context.io().outStyle().highlight(org.name()));
        context.io().out().println("Account details stored in " + location + ".");
        EnvironmentTokenNotice.warnIfInForce(context, EnvironmentTokenNotice.STORED);
    }

    private String readToken(CommandContext context) throws IOException {
        String argument = arguments == null || arguments.isEmpty() ? null : arguments.get(0);
        // '-', or no argument with stdin not a terminal (a pipe, a file, /dev/null): the token comes
        // from stdin, as with the official CLI, so that `echo "$PAT" | pipecat cloud auth use-pat` works.
        if ("-".equals(argument) || (argument == null && !context.io().stdinTerminal())) {
            String input = new String(context.io().in().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return input.lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty())
                    .findFirst()
                    .orElse("");
        }
        if (argument != null) {
            context.warn(HISTORY_WARNING);
            return argument;
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw CliException.usage("No token given and there is no console to prompt on: pass the token as the "
                    + "TOKEN argument, or pipe it in ('-' reads stdin).");
        }
        char[] typed = HiddenPrompt.read(console, context.io().err(), "Personal access token (input hidden): ");
        return typed == null ? "" : new String(typed);
    }
}
