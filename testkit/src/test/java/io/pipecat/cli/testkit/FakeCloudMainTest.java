package io.pipecat.cli.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo fake as the README starts it, as a real process: {@code --log FILE} and
 * {@code --quiet} keep its request lines out of the terminal it runs in, and it says how to stop it.
 */
class FakeCloudMainTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    @Test
    void logFileModeWritesRequestsThereAndNothingOnStderr() throws Exception {
        Path log = dir.resolve("fake.log");
        Demo demo = start("--log", log.toString());
        assertEquals(
                200, new CliHttp(demo.baseUrl).get("/v1/users", "pcc_pat_demo").statusCode());
        assertEquals(
                200, new CliHttp(demo.baseUrl).get("/v1/users", "pcc_pat_demo").statusCode());
        String err = demo.stop();
        assertEquals("", err, "nothing in the user's terminal");
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[fake-pcc] ") && lines.get(0).contains("/v1/users"), lines.toString());
        assertTrue(demo.banner.contains("Requests are logged to " + log.toAbsolutePath()), demo.banner);
    }

    @Test
    void quietModeLogsNothing() throws Exception {
        Demo demo = start("--quiet");
        assertEquals(
                200, new CliHttp(demo.baseUrl).get("/v1/users", "pcc_pat_demo").statusCode());
        assertEquals("", demo.stop());
        assertTrue(demo.banner.contains("Requests are not logged (--quiet)."), demo.banner);
    }

    @Test
    void theBannerSaysHowToStopIt() throws Exception {
        Demo demo = start("--quiet");
        assertTrue(demo.banner.contains("Stop it with Ctrl+C, or: kill " + demo.process.pid()), demo.banner);
        demo.stop();
    }

    private record Demo(Process process, String baseUrl, String banner, CompletableFuture<String> err) {
        /** SIGTERM, as {@code kill PID}; @return what it wrote on stderr */
        String stop() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the fake stops on SIGTERM");
            return err.join();
        }
    }

    private Demo start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p",
                System.getProperty("jdk.module.path"),
                "-m",
                "io.pipecat.cli.testkit/" + FakePipecatCloud.class.getName(),
                "--port",
                "0"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder banner = new StringBuilder();
        String baseUrl = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            banner.append(line).append('\n');
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                baseUrl = listening.group(1);
            }
            if (line.startsWith("Stop it with")) {
                break;
            }
        }
        if (baseUrl == null) {
            process.destroyForcibly();
            throw new AssertionError("the fake did not start: " + banner + err.join());
        }
        return new Demo(process, baseUrl, banner.toString(), err);
    }
}
