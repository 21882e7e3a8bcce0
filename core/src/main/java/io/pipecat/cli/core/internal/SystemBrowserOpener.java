package io.pipecat.cli.core.internal;

import io.pipecat.cli.context.BrowserOpener;
import io.pipecat.cli.context.Environment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens URLs with {@code BROWSER} or the platform opener. The URL is always one argument of its
 * own (no shell), so a URL cannot inject commands. Reports failure (and login prints the URL and
 * accepts a paste) when there is no display to open a browser on, the opener cannot be run, or it
 * exits with an error.
 */
public final class SystemBrowserOpener implements BrowserOpener {
    private static final long WAIT_SECONDS = 10;
    private final Environment env;
    private final String osName;

    public SystemBrowserOpener(Environment env) {
        this(env, System.getProperty("os.name", ""));
    }

    /** @param osName the {@code os.name} to open for (tests choose it) */
    SystemBrowserOpener(Environment env, String osName) {
        this.env = env;
        this.osName = osName;
    }

    @Override
    public boolean open(String url) {
        List<String> command = command(url);
        if (command.isEmpty()) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            // Openers normally hand the URL to a running browser and exit at once; one that keeps
            // running (a console browser) is taken as having opened it.
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return true;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @return the command line that opens {@code url}; empty when there is no opener ({@code BROWSER}
     *     unset and, outside macOS and Windows, neither {@code DISPLAY} nor {@code WAYLAND_DISPLAY})
     */
    List<String> command(String url) {
        String browser = env.get("BROWSER").orElse("").trim();
        if (!browser.isEmpty()) {
            List<String> parts = new ArrayList<>(Arrays.asList(browser.split("\\s+")));
            boolean substituted = false;
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).contains("%s")) {
                    parts.set(i, parts.get(i).replace("%s", url));
                    substituted = true;
                }
            }
            if (!substituted) {
                parts.add(url);
            }
            return parts;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return List.of("open", url);
        }
        if (os.contains("win")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", url);
        }
        // Linux and the BSDs: without a display (an SSH session, a container) there is no graphical
        // browser to open, and xdg-open would fall back to a console browser that has no terminal
        // here (its output is discarded). Say "no browser" at once so login prints the URL instead.
        if (!env.isSet("DISPLAY") && !env.isSet("WAYLAND_DISPLAY")) {
            return List.of();
        }
        return List.of("xdg-open", url);
    }
}
