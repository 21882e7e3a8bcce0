package io.pipecat.cli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which command opens the login URL, and when there is none: the login then prints the URL and
 * accepts a pasted address instead of waiting for a browser that never came.
 */
class SystemBrowserOpenerTest {
    private static final String URL = "https://auth.example/authorize?state=s&code_challenge=c";

    @Test
    void overSshWithoutADisplayThereIsNoBrowserToOpen() {
        SystemBrowserOpener opener = new SystemBrowserOpener(Environment.of(Map.of("SSH_CONNECTION", "x")), "Linux");
        assertEquals(List.of(), opener.command(URL));
        assertFalse(opener.open(URL), "reported at once, without running xdg-open");
    }

    @Test
    void aDisplayOrAWaylandSessionUsesXdgOpen() {
        assertEquals(
                List.of("xdg-open", URL),
                new SystemBrowserOpener(Environment.of(Map.of("DISPLAY", ":0")), "Linux").command(URL));
        assertEquals(
                List.of("xdg-open", URL),
                new SystemBrowserOpener(Environment.of(Map.of("WAYLAND_DISPLAY", "wayland-0")), "FreeBSD")
                        .command(URL));
    }

    @Test
    void macOsAndWindowsNeedNoDisplayVariable() {
        assertEquals(List.of("open", URL), new SystemBrowserOpener(Environment.of(Map.of()), "Mac OS X").command(URL));
        assertEquals(
                List.of("rundll32", "url.dll,FileProtocolHandler", URL),
                new SystemBrowserOpener(Environment.of(Map.of()), "Windows 11").command(URL));
    }

    @Test
    void browserIsUsedEvenWithoutADisplay() {
        SystemBrowserOpener opener = new SystemBrowserOpener(Environment.of(Map.of("BROWSER", "w3m -o x=%s")), "Linux");
        assertEquals(List.of("w3m", "-o", "x=" + URL), opener.command(URL));
    }

    @Test
    void aBrowserThatCannotRunOrFailsIsReportedAsNotOpened(@TempDir Path dir) throws Exception {
        assertFalse(new SystemBrowserOpener(
                        Environment.of(
                                Map.of("BROWSER", dir.resolve("no-such-browser").toString())),
                        "Linux")
                .open(URL));
        Path failing = Files.writeString(dir.resolve("failing-browser"), "#!/bin/sh\nexit 3\n");
        assertTrue(failing.toFile().setExecutable(true));
        assertFalse(new SystemBrowserOpener(Environment.of(Map.of("BROWSER", failing.toString())), "Linux").open(URL));
        Path working = Files.writeString(dir.resolve("working-browser"), "#!/bin/sh\necho \"$1\" > \"$0.url\"\n");
        assertTrue(working.toFile().setExecutable(true));
        assertTrue(new SystemBrowserOpener(Environment.of(Map.of("BROWSER", working.toString())), "Linux").open(URL));
        assertEquals(URL + "\n", Files.readString(dir.resolve("working-browser.url")));
    }
}
