package io.pipecat.cli.context;

/**
 * Makes text from outside (a server's error body, an OAuth {@code error_description}, a plugin's
 * exception message) safe to print on a terminal: control characters are shown as visible escapes
 * (ESC as <code>&#92;u001b</code>) instead of being sent, so no escape sequence from a server or a web page can
 * recolour, move the cursor, retitle the window or rewrite what the user sees.
 *
 * <p>Control characters are C0 ({@code U+0000}–{@code U+001F}), {@code DEL} and C1
 * ({@code U+0080}–{@code U+009F}); C1 matters because some terminals read {@code U+009B} as an
 * escape sequence introducer on its own.
 */
public final class TerminalText {
    private TerminalText() {}

    /**
     * @param text any text, or null
     * @return one line: line breaks and tabs become a space, every other control character an escape;
     *     {@code ""} for null
     */
    public static String line(String text) {
        return clean(text, false);
    }

    /**
     * @param text any text, or null
     * @return the text with its line breaks ({@code \n}, {@code \r\n}) and tabs kept, every other
     *     control character (including a lone {@code \r}, which could overwrite a line) escaped;
     *     {@code ""} for null
     */
    public static String lines(String text) {
        return clean(text, true);
    }

    private static String clean(String text, boolean keepLayout) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean layout =
                    c == '\n' || c == '\t' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
            if (!isControl(c) || (keepLayout && layout)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (c == '\n' || c == '\t' || (c == '\r' && !keepLayout)) {
                out.append(' '); // one line wanted: a break becomes a space
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
