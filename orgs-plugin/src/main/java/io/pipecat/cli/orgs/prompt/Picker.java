package io.pipecat.cli.orgs.prompt;

import io.pipecat.cli.context.CliIO;
import io.pipecat.cli.context.TerminalText;
import io.pipecat.cli.errors.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A numbered choice on the terminal: the choices on stderr, one a line, and a prompt that takes a
 * number (or a choice's name, as typed). Enter alone takes the marked default, if there is one. A
 * wrong answer asks again; the end of input (Ctrl-D) cancels with exit 1.
 *
 * <p>A numbered list rather than an arrow-key menu: it needs no raw terminal mode (which the JVM
 * cannot set without native code), works the same over SSH, in tmux and in a screen reader, and a
 * test can drive it by writing lines to stdin.
 *
 * @param <T> what is chosen
 */
public final class Picker<T> {
    private static final int MAX_TRIES = 5;

    private final String title;
    private final List<T> choices;
    private final Function<T, String> label;
    private final Function<T, String> name;

    /**
     * @param title   the question, e.g. {@code Select the active organization}
     * @param choices at least one
     * @param label   how a choice is shown
     * @param name    what the user may type instead of its number
     */
    public Picker(String title, List<T> choices, Function<T, String> label, Function<T, String> name) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        this.title = title;
        this.choices = List.copyOf(choices);
        this.label = label;
        this.name = name;
    }

    /** @return whether a picker may be shown: stdin and stderr are both a terminal */
    public static boolean available(CliIO io) {
        return io.stdinTerminal() && io.stderrTerminal();
    }

    /**
     * Shows the choices and reads the answer.
     *
     * @param marked the choice Enter alone takes (shown with {@code *}); may be empty
     * @throws CliException exit 1 when input ends or too many answers were wrong
     */
    public T pick(CliIO io, Optional<T> marked) {
        PrintStream err = io.err();
        err.println(title + ":");
        for (int i = 0; i < choices.size(); i++) {
            T choice = choices.get(i);
            boolean isMarked = marked.isPresent() && marked.get().equals(choice);
            err.printf("%s %2d) %s%n", isMarked ? "*" : " ", i + 1, TerminalText.line(label.apply(choice)));
        }
        String prompt = "Choice [1-" + choices.size() + "]"
                + (marked.isPresent() ? " (Enter: " + (choices.indexOf(marked.get()) + 1) + ")" : "") + ": ";
        BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            err.print(prompt);
            err.flush();
            String answer;
            try {
                answer = in.readLine();
            } catch (IOException e) {
                throw CliException.error("Could not read your choice from the terminal.", e);
            }
            if (answer == null) {
                err.println();
                throw CliException.error("Nothing was chosen; nothing changed.");
            }
            Optional<T> chosen = parse(answer.strip(), marked);
            if (chosen.isPresent()) {
                return chosen.get();
            }
            err.println("Not a choice: '" + TerminalText.line(answer.strip()) + "'. Type a number from 1 to "
                    + choices.size() + ".");
        }
        throw CliException.error("Nothing was chosen; nothing changed.");
    }

    private Optional<T> parse(String answer, Optional<T> marked) {
        if (answer.isEmpty()) {
            return marked;
        }
        if (answer.chars().allMatch(Character::isDigit) && answer.length() < 10) {
            int index = Integer.parseInt(answer) - 1;
            return index >= 0 && index < choices.size() ? Optional.of(choices.get(index)) : Optional.empty();
        }
        return choices.stream().filter(c -> name.apply(c).equals(answer)).findFirst();
    }
}
