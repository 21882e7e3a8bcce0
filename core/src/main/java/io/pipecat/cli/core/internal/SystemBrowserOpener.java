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
 * own (no shell), so a URL cannot inject commands.
 */
public final class SystemBrowserOpener implements BrowserOpener {
    private static final long WAIT_SECONDS = 10;
    private final Environment env;

    public SystemBrowserOpener(Environment env) {
        this.env = env;
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

    /** @return the command line that opens {@code url}; empty when there is no opener */
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
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return List.of("open", url);
        }
        if (os.contains("win")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", url);
        }
        return List.of("xdg-open", url);
    }
}
