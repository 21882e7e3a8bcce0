package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.testkit.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Colour on a terminal (README "Colour"): success green, warnings yellow, errors red, the active
 * organization bold cyan; none with NO_COLOR or TERM=dumb, and none at all into a pipe, where the
 * output stays byte for byte what scripts read.
 */
class ColourOutputTest extends AuthCommandTest {
    private static final String PAT = "pcc_pat_colour_0123";
    private static final String PLAIN_WHOAMI = """
            User:                dev@example.com
            Active Organization: Beta Labs (beta)
            Auth Method:         OAuth
            Token Source:        file
            Daily API Key:       daily_key_beta
            """;

    private Tokens login;

    @BeforeEach
    void signIn() {
        login = fake.issueTokens();
        cli.writeConfig(Logins.oauth(login, 3600, "beta"));
    }

    @Test
    void onATerminalTheActiveOrganizationStandsOut() {
        AuthCli.Result r = cli.stdoutTerminal(true).run("cloud", "auth", "whoami");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(
                PLAIN_WHOAMI.replace("Beta Labs (beta)", "\u001b[1;36mBeta Labs (beta)\u001b[0m"),
                r.out(),
                "only the organization is coloured; the columns stay aligned");
    }

    @Test
    void intoAPipeTheOutputIsByteForByteThePlainText() {
        AuthCli.Result r = cli.run("cloud", "auth", "whoami");
        assertEquals(PLAIN_WHOAMI, r.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NO_COLOR=1", "NO_COLOR=0", "TERM=dumb", "CLICOLOR=0"})
    void noColourWhenTheEnvironmentSaysSoEvenOnATerminal(String variable) {
        String[] pair = variable.split("=");
        AuthCli.Result r = cli.stdoutTerminal(true)
                .stderrTerminal(true)
                .env(pair[0], pair[1])
                .run("cloud", "auth", "whoami");
        assertEquals(PLAIN_WHOAMI, r.out());
    }

    @Test
    void clicolorForceColoursAPipeButNoColorStillWins() {
        assertTrue(cli.env("CLICOLOR_FORCE", "1")
                .run("cloud", "auth", "whoami")
                .out()
                .contains("\u001b[1;36m"));
        assertEquals(
                PLAIN_WHOAMI,
                cli.env("NO_COLOR", "1").run("cloud", "auth", "whoami").out());
    }

    @Test
    void logoutSuccessIsGreen() {
        AuthCli.Result r = cli.stdoutTerminal(true).run("cloud", "auth", "logout");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("\u001b[32mLogged out and session revoked.\u001b[0m\n", r.out());
    }

    @Test
    void errorsAreRedOnAStderrTerminalOnly() {
        cli.writeConfig("");
        AuthCli.Result onTerminal = cli.stderrTerminal(true).run("cloud", "auth", "whoami");
        assertEquals(4, onTerminal.exit());
        assertEquals(
                "\u001b[31mYou are not logged in. Please run pipecat cloud auth login first.\u001b[0m\n",
                onTerminal.err());
        AuthCli.Result inAPipe = cli.stderrTerminal(false).run("cloud", "auth", "whoami");
        assertEquals("You are not logged in. Please run pipecat cloud auth login first.\n", inAPipe.err());
    }

    @Test
    void warningsAreYellowAndTheStdoutOfAPipeStaysPlain() {
        fake.acceptPatAllOrgs(PAT);
        AuthCli.Result r = cli.stderrTerminal(true).run("cloud", "auth", "use-pat", PAT);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().startsWith("\u001b[33mWarning: A token given as an argument"), r.err());
        assertTrue(r.err().endsWith("\u001b[0m\n"), r.err());
        assertFalse(r.out().contains("\u001b"), "stdout is a pipe here: " + r.out());
    }

    @Test
    void aLoginThatSucceedsSaysSoInGreen() {
        cli.writeConfig("");
        AuthCli.Result r = cli.stdoutTerminal(true).run("cloud", "auth", "login", "--timeout", "10");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("\u001b[32mAuthentication successful!\u001b[0m\n"), r.out());
    }
}
