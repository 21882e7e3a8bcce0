package io.pipecat.cli.context;

/**
 * Opens a URL in the user's browser: the {@code BROWSER} command if set (URL substituted for
 * {@code %s}, else appended as the last argument), otherwise the platform opener
 * ({@code xdg-open}, {@code open}, {@code rundll32 url.dll,FileProtocolHandler}); on Linux and the
 * BSDs, none without {@code DISPLAY} or {@code WAYLAND_DISPLAY} (an SSH session).
 */
public interface BrowserOpener {
    /**
     * @param url the URL to open; passed as one argument, never through a shell
     * @return true if the opener started and reported success; false if it could not be run or
     *     failed, in which case the caller prints the URL for the user instead
     */
    boolean open(String url);
}
