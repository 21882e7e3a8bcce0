package io.pipecat.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipecat.cli.testkit.FakePipecatCloud;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI process on a real pseudo-terminal: a tmux pane of a private tmux server, started
 * the way a user's shell starts it, driven with keys (Ctrl-C, typing a pasted address) and read
 * back as the screen shows it. After the CLI exits the pane's script prints {@code PROMPT$ <exit
 * code>} as a shell prompt would: whether that lands at the start of a row is what the user sees.
 */
class TerminalEndToEndTest {
    private static final String PROMPT = "PROMPT$ ";
    private static final String PAT = "pcc_pat_terminal_0123";

    @TempDir
    Path home;

    private FakePipecatCloud fake;
    private CliProcess cli;
    /** The tmux server of the pane opened last; each pane gets a server of its own. */
    private Path socket;

    private final List<Path> servers = new ArrayList<>();

    @BeforeEach
    void start() {
        assumeTrue(onPath("tmux"), "tmux is not installed (apt-get install tmux)");
        fake = FakePipecatCloud.start();
        fake.acceptPatAllOrgs(PAT);
        cli = new CliProcess(home).env("PIPECAT_API_HOST", fake.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        for (Path server : servers) {
            socket = server;
            tmux("kill-server");
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void ctrlCDuringTheWaitingLineLeavesTheShellPromptOnARowOfItsOwn() throws Exception {
        cli.env("BROWSER", "true"); // "opens" the browser: the login waits with its countdown
        open(100, "cloud", "auth", "login", "--timeout", "60");
        awaitScreen(screen -> screen.contains("Ctrl-C to cancel)"), "the waiting line");
        tmux("send-keys", "-t", "cli", "C-c");
        List<String> rows = awaitScreen(screen -> screen.contains(PROMPT), "the prompt after Ctrl-C");

        int prompt = rowStartingWith(rows, PROMPT);
        assertTrue(prompt > 0, "the prompt starts a row of its own: " + rows);
        assertEquals(PROMPT + "130", rows.get(prompt).strip(), "exit code 130 for Ctrl-C");
        assertTrue(rows.get(prompt - 1).contains("Ctrl-C to cancel)"), "the row above is the waiting line: " + rows);
    }

    @Test
    void inASixtyColumnPaneTheWaitingLineNeverTakesMoreThanOneRow() throws Exception {
        cli.env("BROWSER", "true");
        open(60, "cloud", "auth", "login", "--timeout", "4");
        List<String> waiting = awaitScreen(screen -> screen.contains("2s left"), "three seconds of countdown");
        assertEquals(1, rowsMentioningTheWait(waiting), "one row while waiting: " + waiting);

        List<String> rows = awaitScreen(screen -> screen.contains(PROMPT), "the timeout");
        assertEquals(0, rowsMentioningTheWait(rows), "the line is erased before the error: " + rows);
        int prompt = rowStartingWith(rows, PROMPT);
        assertEquals(PROMPT + "4", rows.get(prompt).strip());
        assertEquals("Authentication timed out.", rows.get(prompt - 1).strip(), rows.toString());
    }

    /** Over SSH: no DISPLAY and no BROWSER, so the login prints the URL and takes the pasted redirect. */
    @Test
    void withNoBrowserTheLoginAcceptsAPastedRedirectUrl() throws Exception {
        open(250, "cloud", "auth", "login", "--timeout", "60");
        List<String> rows = awaitScreen(screen -> screen.contains("Paste it here"), "the paste prompt");
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("Paste it here (waiting until ")), rows.toString());
        // -J joins the rows a long line wrapped onto: the URL is longer than the pane is wide.
        String screen = tmux("capture-pane", "-p", "-J", "-t", "cli");
        assertTrue(screen.contains("Could not open a browser") && screen.contains("--headless"), screen);
        Matcher url = Pattern.compile("http://\\S+/oauth/authorize\\?\\S+").matcher(screen);
        assertTrue(url.find(), screen);

        tmux("send-keys", "-t", "cli", "-l", redirectOf(url.group()));
        tmux("send-keys", "-t", "cli", "Enter");
        rows = awaitScreen(s -> s.contains(PROMPT), "the end of the login");

        int prompt = rowStartingWith(rows, PROMPT);
        assertEquals(PROMPT + "0", rows.get(prompt).strip(), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("Authentication successful!")), rows.toString());
        assertTrue(Files.readString(home.resolve(".config/pipecatcloud/pipecatcloud.toml"))
                .contains("token = \"" + fake.issuedTokens().get(0).accessToken() + "\""));
    }

    @Test
    void ctrlCAtTheHiddenTokenPromptLeavesTheShellPromptOnARowOfItsOwn() throws Exception {
        open(100, "cloud", "auth", "use-pat");
        awaitScreen(screen -> screen.contains("Personal access token (input hidden):"), "the hidden prompt");
        tmux("send-keys", "-t", "cli", "C-c");
        List<String> rows = awaitScreen(screen -> screen.contains(PROMPT), "the prompt after Ctrl-C");
        int prompt = rowStartingWith(rows, PROMPT);
        assertTrue(prompt > 0, "the prompt starts a row of its own: " + rows);
        assertTrue(rows.get(prompt - 1).startsWith("Personal access token (input hidden):"), rows.toString());
    }

    @Test
    void colourOnTheTerminalNoneWithNoColorNoneInAPipe() throws Exception {
        cli.env("PIPECAT_TOKEN", PAT).env("PIPECAT_ORG", "acme");
        open(100, "cloud", "auth", "whoami");
        String coloured = organizationRow(awaitScreenWithEscapes(s -> s.contains(PROMPT)));
        assertTrue(coloured.contains("\u001b["), "coloured on a terminal: " + coloured);

        cli.env("NO_COLOR", "1");
        open(100, "cloud", "auth", "whoami");
        String plain = organizationRow(awaitScreenWithEscapes(s -> s.contains(PROMPT)));
        assertFalse(plain.contains("\u001b["), "NO_COLOR: " + plain);
        assertTrue(plain.contains("Acme Inc. (acme)"), plain);

        CliProcess.Result piped = new CliProcess(home)
                .env("PIPECAT_API_HOST", fake.baseUrl())
                .env("PIPECAT_TOKEN", PAT)
                .env("PIPECAT_ORG", "acme")
                .run("cloud", "auth", "whoami");
        assertEquals(0, piped.exit(), piped.err());
        assertFalse(piped.out().contains("\u001b"), "a pipe gets plain text: " + piped.out());
        assertTrue(piped.out().contains("Active Organization: Acme Inc. (acme)\n"), piped.out());
    }

    // ------------------------------------------------------------------ the pane

    /**
     * Starts {@code pipecat args…} in a detached tmux session of {@code columns} columns; after it
     * exits the script prints the prompt and the exit code, then keeps the pane open.
     */
    private void open(int columns, String... args) throws Exception {
        StringBuilder script = new StringBuilder("#!/bin/bash\n");
        script.append("unset DISPLAY WAYLAND_DISPLAY BROWSER COLUMNS NO_COLOR CLICOLOR CLICOLOR_FORCE\n");
        script.append("export TERM=xterm-256color\n");
        for (Map.Entry<String, String> variable : cli.environment().entrySet()) {
            script.append("export ")
                    .append(variable.getKey())
                    .append('=')
                    .append(quote(variable.getValue()))
                    .append('\n');
        }
        // A handler (not an ignored signal, which the CLI would inherit): the script survives Ctrl-C.
        script.append("trap : INT\n");
        script.append(
                cli.command(args).stream().map(TerminalEndToEndTest::quote).collect(Collectors.joining(" ")));
        script.append("\nprintf '%s%s' ").append(quote(PROMPT)).append(" \"$?\"\nexec sleep 600\n");
        Path file = Files.writeString(home.resolve("pane-" + servers.size() + ".sh"), script);
        socket = home.resolve("tmux-" + servers.size() + ".sock");
        servers.add(socket);
        tmux(
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "cli",
                "-x",
                Integer.toString(columns),
                "-y",
                "40",
                "bash " + file);
    }

    private List<String> awaitScreen(Predicate<String> ready, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-t", "cli");
            if (ready.test(screen)) {
                return Arrays.asList(screen.split("\n", -1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited in vain for " + what + "; the screen:\n" + screen);
    }

    private List<String> awaitScreenWithEscapes(Predicate<String> ready) throws Exception {
        awaitScreen(ready, "the end of the command");
        return Arrays.asList(tmux("capture-pane", "-p", "-e", "-t", "cli").split("\n", -1));
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("TMUX"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "tmux " + args[0] + " hangs");
        if (!args[0].equals("kill-server")) {
            assertEquals(0, process.exitValue(), "tmux " + String.join(" ", args) + ": " + output);
        }
        return output;
    }

    private static int rowStartingWith(List<String> rows, String start) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }

    private static long rowsMentioningTheWait(List<String> rows) {
        return rows.stream()
                .filter(r -> r.contains("Waiting") || r.contains("left") || r.contains("Ctrl-C"))
                .count();
    }

    private static String organizationRow(List<String> rows) {
        return rows.stream()
                .filter(r -> r.contains("Active Organization"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no organization row: " + rows));
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
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
