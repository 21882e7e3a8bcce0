package io.pipecat.cli.context;

/**
 * The colours of one output stream: restrained (green for success, yellow for warnings, red for
 * errors, bold cyan for what the user is looking for, such as the active organization), and none
 * at all unless the stream is a terminal that wants them. Get it from {@link CliIO#outStyle()} or
 * {@link CliIO#errStyle()}; a plain style returns every text unchanged, so output to a pipe or a
 * file stays byte for byte what it was.
 *
 * <p>Whether a stream is coloured ({@link #decide}):
 *
 * <ol>
 *   <li>{@code NO_COLOR} set to any non-empty value: never (the user's opt-out wins over all);
 *   <li>{@code CLICOLOR_FORCE} set and not {@code 0}: always, even into a pipe (as {@code gh} and
 *       the "clicolors" convention do; {@code FORCE_COLOR}, Node's variable, is not read);
 *   <li>{@code CLICOLOR=0} or {@code TERM=dumb}: never;
 *   <li>otherwise: when the stream is a terminal.
 * </ol>
 *
 * <p>Each styled text ends with a reset, and a text of several lines is styled line by line, so a
 * colour never runs into the next line or into text the caller prints after it.
 */
public final class Style {
    /** No colour: every method returns its text unchanged. */
    public static final Style PLAIN = new Style(false);

    private static final Style COLOURED = new Style(true);
    private static final String RESET = "\u001b[0m";

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * @param env      the invocation's environment
     * @param terminal whether the stream is a terminal
     * @return the style of a stream, as the rules above decide
     */
    public static Style decide(Environment env, boolean terminal) {
        if (env.isSet("NO_COLOR")) {
            return PLAIN;
        }
        if (env.get("CLICOLOR_FORCE").filter(v -> !v.equals("0")).isPresent()) {
            return COLOURED;
        }
        if (env.get("CLICOLOR").filter(v -> v.equals("0")).isPresent()
                || env.get("TERM").filter(v -> v.equals("dumb")).isPresent()) {
            return PLAIN;
        }
        return terminal ? COLOURED : PLAIN;
    }

    /** @return whether this style adds colour */
    public boolean enabled() {
        return enabled;
    }

    /** @return the text in green: something worked ("Authentication successful!") */
    public String success(String text) {
        return paint("32", text);
    }

    /** @return the text in yellow: a warning */
    public String warning(String text) {
        return paint("33", text);
    }

    /** @return the text in red: an error */
    public String error(String text) {
        return paint("31", text);
    }

    /** @return the text in bold cyan: the value the reader looks for (the active organization) */
    public String highlight(String text) {
        return paint("1;36", text);
    }

    /** @return the text in bold */
    public String bold(String text) {
        return paint("1", text);
    }

    private String paint(String sgr, String text) {
        if (!enabled || text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder painted = new StringBuilder(text.length() + 16);
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end);
            if (!line.isEmpty()) {
                painted.append("\u001b[").append(sgr).append('m').append(line).append(RESET);
            }
            if (end < 0) {
                break;
            }
            painted.append('\n');
            start = end + 1;
        }
        return painted.toString();
    }
}
