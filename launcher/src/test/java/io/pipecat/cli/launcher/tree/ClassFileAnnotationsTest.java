package io.pipecat.cli.launcher.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.launcher.builtin.RootCommand;
import io.pipecat.cli.launcher.fixtures.Fixtures;
import io.pipecat.cli.spi.CliCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class-file reader really is the path taken (not the reflective fallback), in every module. */
class ClassFileAnnotationsTest {
    @Test
    void readsClassAndFieldAnnotationsFromTheClassFiles() {
        for (Class<?> type : List.of(RootCommand.class, CliCommand.class, Fixtures.Shapes.class, Fixtures.SharedOptions.class)) {
            assertTrue(ClassFileAnnotations.read(type).isPresent(), type.getName());
        }
        ClassFileAnnotations.ClassInfo login = ClassFileAnnotations.read(Fixtures.Login.class).orElseThrow();
        assertEquals("login", login.annotation("com.github.rvesse.airline.annotations.Command").orElseThrow()
                .string("name", null));
        ClassFileAnnotations.FieldInfo headless = login.fields().stream().filter(f -> f.name().equals("headless"))
                .findFirst().orElseThrow();
        assertEquals("Z", headless.descriptor());
        assertEquals(List.of("-h", "--headless"), headless.annotation("com.github.rvesse.airline.annotations.Option")
                .orElseThrow().strings("name", List.of()));
        ClassFileAnnotations.ClassInfo shapes = ClassFileAnnotations.read(Fixtures.Shapes.class).orElseThrow();
        assertEquals(Boolean.TRUE, shapes.annotation("com.github.rvesse.airline.annotations.Command").orElseThrow()
                .values().get("hidden"));
    }
}
