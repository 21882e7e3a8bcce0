package io.pipecat.cli.dist.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code src/image/light-invocations}, the one list of help-like invocations: {@code ./pipecat}
 * matches its arguments against the same file (a copy in {@code target/pipecat}) to pick the small
 * start-up cache, and the cache training runs each line once. See the file for its format.
 */
public final class LightInvocations {
    /** The wildcard word of the file: any words. */
    static final String ANY = "...";

    private LightInvocations() {}

    /** @return the invocations the light cache is trained on: each line once, without {@code ...} */
    public static List<List<String>> training(Path file) throws IOException {
        Set<List<String>> invocations = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.equals("-")) {
                invocations.add(List.of());
                continue;
            }
            List<String> words = new ArrayList<>(Arrays.asList(text.split(" +")));
            words.removeIf(ANY::equals);
            invocations.add(List.copyOf(words));
        }
        return List.copyOf(invocations);
    }
}
