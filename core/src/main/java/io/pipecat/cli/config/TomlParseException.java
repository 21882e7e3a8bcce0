package io.pipecat.cli.config;

/**
 * Thrown when text is not valid TOML.
 *
 * <p>The message never quotes values from the parsed text (it may hold a secret): multi-character
 * fragments of the input that the parser would echo are replaced by a placeholder. Key names may
 * appear, because they are not secret.
 */
public final class TomlParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String detail;
    private final boolean tooLarge;

    /**
     * @param line 1-based line of the first error, or 0 if unknown
     * @param detail one-line description of the problem, already free of file values
     */
    TomlParseException(int line, String detail) {
        this(line, detail, false);
    }

    private TomlParseException(int line, String detail, boolean tooLarge) {
        super(line > 0 ? "line " + line + ": " + detail : detail);
        this.line = Math.max(0, line);
        this.detail = detail;
        this.tooLarge = tooLarge;
    }

    /** The text was not parsed because it is too large to parse cheaply; {@code detail} says why. */
    static TomlParseException tooLarge(String detail) {
        return new TomlParseException(0, detail, true);
    }

    /** Whether the text was refused for its size, not for its syntax. */
    boolean tooLarge() {
        return tooLarge;
    }

    /** Returns the 1-based line of the first error, or 0 if unknown. */
    public int line() {
        return line;
    }

    /** The problem without the line prefix; used to compose user-facing messages. */
    String detail() {
        return detail;
    }
}
