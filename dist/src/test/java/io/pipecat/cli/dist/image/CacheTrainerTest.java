package io.pipecat.cli.dist.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Class lists of several training runs merge into one the archive dump accepts. */
class CacheTrainerTest {
    @Test
    void mergedListsDropPerRunIdsCustomLoaderClassesAndDuplicates() {
        Set<String> merged = new LinkedHashSet<>();
        CacheTrainer.merge(
                List.of(
                        "# header",
                        "java/lang/Object id: 0",
                        "a/B id: 7",
                        "@lambda-proxy a/B run ()V",
                        "p/Plugin id: 9 super: 0 source: /x.jar"),
                merged);
        CacheTrainer.merge(List.of("java/lang/Object id: 0", "a/C id: 7", "@lambda-proxy a/B run ()V"), merged);
        assertEquals(List.of("java/lang/Object", "a/B", "@lambda-proxy a/B run ()V", "a/C"), List.copyOf(merged));
    }
}
