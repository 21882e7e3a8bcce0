package io.pipecat.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What login shows on a terminal while it waits (docs/behaviour.md#login): a countdown that stays on
 * one row at any width, and, when the URL was printed because no browser could be opened, a prompt
 * for a pasted address that is never redrawn over the user's typing. The real terminal (Ctrl-C, a
 * 60-column pane, typing) is exercised by the dist module's TerminalEndToEndTest.
 */
class LoginTerminalTest extends AuthCommandTest {
    private static final Pattern URL_LINE = Pattern.compile("(?m)^(http://\\S+)$");

    @Test
    void inASixtyColumnTerminalTheCountdownNeverWraps() {
        cli.browser(url -> true).stderrTerminal(true).env("COLUMNS", "60").env("NO_COLOR", "1");
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "2");
        assertEquals(4, r.exit(), r.toString());
        String waiting = r.err().substring(r.err().indexOf('\r'), r.err().lastIndexOf("Authentication timed out."));
        assertFalse(waiting.contains("\n"), "the countdown never starts a new row: " + r.err());
        assertTrue(waiting.contains("Waiting for the browser… "), "the variant that fits 60 columns: " + waiting);
        for (String segment : waiting.split("\r")) {
            assertTrue(segment.length() < 60, "each redraw fits in 59 columns: '" + segment + "'");
        }
    }

    @Test
    void withAnUnknownWidthTheCountdownIsShort() {
        // The harness's environment has no COLUMNS and no PATH (so no stty): the width is unknown.
        cli.browser(url -> true).stderrTerminal(true);
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "1");
        assertTrue(r.err().contains("\rWaiting… 1s (Ctrl-C to cancel)"), r.err());
    }

    /** Over SSH: the opener fails, and the login goes on as a headless one instead of timing out. */
    @Test
    void aLoginThatCannotOpenABrowserAcceptsAPastedRedirectUrl() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        cli.browser(url -> false).stdin(new PipedInputStream(typing));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<AuthCli.Result> running =
                CompletableFuture.supplyAsync(() -> cli.run(out, "cloud", "auth", "login", "--timeout", "10"));
        String redirect = redirectOf(awaitPrintedUrl(out));
        typing.write((redirect + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
        AuthCli.Result r = running.get(10, TimeUnit.SECONDS);
        typing.close();

        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, cli.openedUrls().size(), "the browser was tried first");
        assertTrue(r.err().contains("Could not open a browser"), r.err());
        assertTrue(r.err().contains("--headless"), "names the flag that skips the browser: " + r.err());
        assertTrue(r.err().contains("paste the URL it is redirected to"), r.err());
        assertTrue(r.out().contains("Authentication successful!"), r.toString());
        assertTrue(
                cli.config().contains("token = \"" + fake.issuedTokens().get(0).accessToken() + "\""));
    }

    @Test
    void whileAPasteIsTypedThePromptIsPrintedOnceAndNeverRedrawn() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        Clock noon = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneId.of("UTC"));
        String until = noon.instant()
                .plusSeconds(10)
                .atZone(ZoneId.systemDefault())
                .toLocalTime()
                .toString()
                .substring(0, 5);
        cli.browser(url -> false)
                .clock(noon)
                .stdin(new PipedInputStream(typing))
                .stdinTerminal(true)
                .stderrTerminal(true)
                .env("COLUMNS", "100");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<AuthCli.Result> running =
                CompletableFuture.supplyAsync(() -> cli.run(out, "cloud", "auth", "login", "--timeout", "10"));
        String redirect = redirectOf(awaitPrintedUrl(out));
        Thread.sleep(1500); // a countdown would have been redrawn by now
        typing.write((redirect.replaceFirst("state=[^&]+", "state=forged") + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
        Thread.sleep(300);
        typing.write((redirect + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
        AuthCli.Result r = running.get(10, TimeUnit.SECONDS);
        typing.close();

        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.err().contains("\r"), "nothing is redrawn: " + r.err());
        String prompt = "Paste it here (waiting until " + until + ", Ctrl-C to cancel): ";
        assertTrue(
                r.err()
                        .endsWith(prompt + "Ignored the pasted address: its state does not belong to this login. "
                                + "Paste the address the browser opened for this login ended on, or just its code.\n"
                                + prompt),
                "the prompt, the refusal on the row the Enter opened, the prompt again: " + r.err());
        assertEquals(2, r.err().split(Pattern.quote(prompt), -1).length - 1, r.err());
    }

    @Test
    void aPromptLeftUnansweredEndsWithANewlineBeforeTheTimeout() {
        cli.browser(url -> false)
                .stdinTerminal(true)
                .stderrTerminal(true)
                .env("COLUMNS", "100")
                .env("NO_COLOR", "1");
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "1");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(
                Pattern.compile("Paste it here \\(waiting until \\d\\d:\\d\\d, Ctrl-C to cancel\\): \\n"
                                + "Authentication timed out\\.\\n$")
                        .matcher(r.err())
                        .find(),
                r.err());
    }

    @Test
    void inANarrowTerminalThePromptFitsToo() {
        cli.browser(url -> false).stdinTerminal(true).stderrTerminal(true).env("COLUMNS", "40");
        AuthCli.Result r = cli.run("cloud", "auth", "login", "--timeout", "1");
        assertTrue(
                Pattern.compile("(?m)^Paste it here \\(until \\d\\d:\\d\\d\\): $")
                        .matcher(r.err())
                        .find(),
                r.err());
    }

    private static String awaitPrintedUrl(ByteArrayOutputStream out) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Matcher m = URL_LINE.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no URL printed on stdout: " + out);
    }

    /** What a browser on another machine would show in its address bar: the authorize redirect's target. */
    private static String redirectOf(String authorizationUrl) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(authorizationUrl).toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        try {
            assertEquals(302, connection.getResponseCode());
            return connection.getHeaderField("Location");
        } finally {
            connection.disconnect();
        }
    }
}
