package io.pipecat.cli.config;

import java.nio.file.Path;

/**
 * The config file was read but its content is not a config: not UTF-8, not TOML, or breaking the
 * official CLI's rules. Unlike the other {@link ConfigFileException}s (a folder, a dangling link,
 * no permission, too large), such a file can be backed up and replaced: {@link
 * ConfigFile#updateRegenerating} does, and so do the commands built on it ({@code login}, {@code
 * use-pat}, {@code logout}).
 *
 * <p>{@link #getMessage()} names that fix; {@link #problem()} is the same line without it, for
 * the commands that apply the fix themselves. Neither contains a value from the file. Exit code 1.
 */
public final class MalformedConfigFileException extends ConfigFileException {

    private static final long serialVersionUID = 1L;

    private final String problem;

    MalformedConfigFileException(String problem, Path file, Throwable cause) {
        super(ConfigMessages.malformed(problem), file, cause);
        this.problem = problem;
    }

    /**
     * @return what is wrong, e.g. {@code Config file /x/pipecatcloud.toml has 'token' as an integer
     *     (line 1): 'token' must be a string} (one line, no fix, no trailing period)
     */
    public String problem() {
        return problem;
    }

    /**
     * @return one line telling the user that a command which writes a new file will first keep this
     *     one as a backup (for {@code login}, {@code use-pat}, {@code logout})
     */
    public String replacementNotice() {
        return ConfigMessages.willBeReplaced(problem);
    }
}
