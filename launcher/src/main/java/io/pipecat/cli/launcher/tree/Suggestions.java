package io.pipecat.cli.launcher.tree;

import java.util.Comparator;
import java.util.List;

/** "Did you mean …?" for a mistyped command: prefix matches, else edit distance of at most 2. */
public final class Suggestions {
    private Suggestions() {}

    /** @return the candidates close to {@code typed}, best first */
    public static List<String> closest(String typed, List<String> candidates) {
        return candidates.stream()
                .filter(c -> c.startsWith(typed) || typed.startsWith(c) || distance(typed, c) <= 2)
                .sorted(Comparator.comparingInt((String c) -> distance(typed, c))
                        .thenComparing(c -> c))
                .toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
