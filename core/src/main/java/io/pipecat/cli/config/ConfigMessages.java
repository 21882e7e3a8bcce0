package io.pipecat.cli.config;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Wording of every user-facing message about the config file, kept in one place so they stay
 * consistent: one line, names the file, says what is wrong and how to fix it, and never includes
 * a value from the file (only key names, which are not secret).
 */
final class ConfigMessages {

    static final String LOGIN = "`pipecat cloud auth login`";
    static final String USE_PAT = "`pipecat cloud auth use-pat`";
    static final String FIX_OR_REMOVE = "Fix or remove it, then run " + LOGIN + ".";

    /**
     * The fix for a file whose content is malformed: the commands that write a new file keep the
     * old bytes in a backup first, so the user loses nothing by running them.
     */
    static final String REGENERATE = "Fix it by hand, or run " + LOGIN + " (or " + USE_PAT
            + "), which keeps a backup of it and writes a new one.";

    private static final int MAX_KEY_LENGTH = 64;

    private ConfigMessages() {}

    /** Path as text, with control characters escaped so the message stays on one line. */
    static String show(Path path) {
        return escapeControls(String.valueOf(path));
    }

    /** Key name in single quotes, escaped and shortened, for messages. */
    static String quoteKey(String key) {
        String shown = escapeControls(key);
        if (shown.length() > MAX_KEY_LENGTH) {
            shown = shown.substring(0, MAX_KEY_LENGTH) + "...";
        }
        return "'" + shown + "'";
    }

    static String lineSuffix(int line) {
        return line > 0 ? " (line " + line + ")" : "";
    }

    /** The message of a {@link MalformedConfigFileException}: the problem, then the fix. */
    static String malformed(String problem) {
        return problem + ". " + REGENERATE;
    }

    /** Told before a command that writes a new file starts, so no backup comes as a surprise. */
    static String willBeReplaced(String problem) {
        return problem + ". It will be kept as a backup beside it and replaced by a new file when this"
                + " command succeeds.";
    }

    // The three problems below are malformed content: no trailing period, no fix (see malformed()).

    static String tooManyItems(Path file, TomlParseException e) {
        return "Config file " + show(file) + " is too large to be a Pipecat Cloud config (" + e.detail() + "). "
                + FIX_OR_REMOVE;
    }

    static String invalidToml(Path file, TomlParseException e) {
        String where = e.line() > 0 ? "line " + e.line() + ": " : "";
        return "Config file " + show(file) + " is not valid TOML (" + where + escapeControls(e.detail()) + ")";
    }

    static String invalidUtf8(Path file, int line, long byteOffset) {
        return "Config file " + show(file) + " is not valid UTF-8 text (line " + line + ", byte " + byteOffset + ")";
    }

    static String ruleViolation(Path file, ConfigValidator.Problem p) {
        return "Config file " + show(file) + " " + p.what() + lineSuffix(p.line()) + ": " + p.rule();
    }

    static String refuseToWrite(Path file, String problem) {
        return "Refusing to write config file " + show(file) + ": " + problem
                + ". The file was left unchanged; this is a bug in pipecat, please report it.";
    }

    static String tooLarge(Path file, long limit) {
        return "Config file " + show(file) + " is too large to be a Pipecat Cloud config (over " + limit + " bytes). "
                + FIX_OR_REMOVE;
    }

    /** {@code why} completes "it would be …", e.g. {@code over 1048576 bytes}. */
    static String tooLargeToWrite(Path file, String why) {
        return "Refusing to write config file " + show(file) + ": it would be " + why
                + ", too large to read back. The file was left unchanged; remove organization tables you"
                + " no longer need from it, then retry.";
    }

    static String directory(Path file) {
        return "Config file " + show(file) + " is a directory, not a file. Remove or rename it, then run " + LOGIN
                + ".";
    }

    static String notRegular(Path file) {
        return "Config file " + show(file) + " is not a regular file. Remove it, then run " + LOGIN + ".";
    }

    static String danglingSymlink(Path file) {
        return "Config file " + show(file) + " is a symbolic link to a missing file. Fix or remove the"
                + " link, then run " + LOGIN + ".";
    }

    static String unreadable(Path file, Exception e) {
        return "Config file " + show(file) + " cannot be read (" + reason(e) + "). Check the path and"
                + " its permissions (the file should be readable by you, mode 600), then run " + LOGIN
                + ".";
    }

    static String unwritable(Path file, Exception e) {
        return "Config file " + show(file) + " could not be written (" + reason(e) + "); it was left"
                + " unchanged. Check that its folder exists and is writable by you, then try again.";
    }

    /** The space for a write could not be set aside before a step that cannot be undone. */
    static String cannotReserve(Path file, Exception e) {
        return "Config file " + show(file) + " cannot take a new write (" + reason(e) + "); nothing"
                + " was changed and nothing was sent. Free some space or fix the folder's permissions,"
                + " then try again.";
    }

    static String permissionsRepaired(Path file, boolean wasReadable) {
        return show(file) + " was " + (wasReadable ? "readable" : "accessible")
                + " by other users; permissions reset to 0600.";
    }

    static String permissionsNotRepaired(Path file, Exception e) {
        return show(file) + " is accessible by other users and its permissions could not" + " be reset (" + reason(e)
                + "); run `chmod 600 " + show(file) + "`.";
    }

    /**
     * Why an I/O operation failed, without the file names Java puts in exception messages (we name
     * the file ourselves) and without any content.
     */
    static String reason(Exception e) {
        String reason = null;
        if (e instanceof java.nio.file.AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof java.nio.file.NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof java.nio.file.NotDirectoryException) {
            reason = "not a directory";
        } else if (e instanceof FileSystemException) {
            reason = ((FileSystemException) e).getReason();
        } else if (e != null) {
            reason = e.getMessage();
        }
        if (reason == null || reason.isBlank()) {
            reason = e == null ? "unknown error" : e.getClass().getSimpleName();
        }
        return escapeControls(reason.strip());
    }

    private static String escapeControls(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
