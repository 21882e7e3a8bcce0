package io.pipecat.cli.dist.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JDK the image is built with: explicit choices first, a Temurin 25 next, Maven's JDK last. */
class ImageJdkTest {
    @TempDir
    Path root;

    private Path jvm;
    private Path temurin25;
    private Path jdk17;
    private Path maven;

    @BeforeEach
    void jdks() throws IOException {
        jvm = Files.createDirectories(root.resolve("jvm"));
        temurin25 = jdk(jvm.resolve("temurin-25-jdk-amd64"), "25.0.3", true);
        jdk17 = jdk(jvm.resolve("java-17-openjdk-amd64"), "17.0.15", true);
        maven = jdk(root.resolve("maven-jdk"), "21.0.2", true);
    }

    private static Path jdk(Path home, String version, boolean jlink) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        for (String tool : jlink ? new String[] {"java", "jlink"} : new String[] {"java"}) {
            Files.createFile(
                    bin.resolve(tool),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        return home;
    }

    @Test
    void theMavenPropertyWinsOverTheVariableAndTheDefault() throws IOException {
        ImageJdk.Choice choice =
                ImageJdk.choose(jdk17.toString(), Map.of("PIPECAT_IMAGE_JDK", maven.toString()), jvm, maven);
        assertEquals(jdk17.toRealPath(), choice.jdk().home());
        assertEquals(17, choice.jdk().feature());
        assertTrue(choice.reason().contains("pipecat.image.jdk"), choice.reason());
    }

    @Test
    void theVariableOverridesTheDefault() throws IOException {
        ImageJdk.Choice choice = ImageJdk.choose("", Map.of("PIPECAT_IMAGE_JDK", jdk17.toString()), jvm, maven);
        assertEquals(jdk17.toRealPath(), choice.jdk().home());
        assertEquals("PIPECAT_IMAGE_JDK", choice.reason());
    }

    @Test
    void byDefaultTheTemurin25InTheJvmFolderIsChosen() throws IOException {
        ImageJdk.Choice choice = ImageJdk.choose("", Map.of(), jvm, maven);
        assertEquals(temurin25.toRealPath(), choice.jdk().home());
        assertEquals("25.0.3", choice.jdk().version());
        assertTrue(choice.jdk().linksAheadOfTime());
        assertTrue(choice.reason().startsWith("default"), choice.reason());
    }

    @Test
    void withoutATemurin25WithJlinkTheJdkRunningMavenIsChosen() throws IOException {
        Files.delete(temurin25.resolve("bin/jlink"));
        ImageJdk.Choice choice = ImageJdk.choose("", Map.of(), jvm, maven);
        assertEquals(maven.toRealPath(), choice.jdk().home());
        assertEquals("default: the JDK running Maven", choice.reason());
        assertEquals(
                maven.toRealPath(),
                ImageJdk.choose("", Map.of(), root.resolve("no-such-folder"), maven)
                        .jdk()
                        .home());
    }

    @Test
    void aNamedJdkThatIsNotAJdkFailsTheBuildInsteadOfBeingSwapped() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ImageJdk.choose(root.resolve("nothing").toString(), Map.of(), jvm, maven));
        assertTrue(e.getMessage().startsWith("-Dpipecat.image.jdk=" + root.resolve("nothing")), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ImageJdk.choose("", Map.of("PIPECAT_IMAGE_JDK", jvm.toString()), jvm, maven));
    }

    @Test
    void aJdkWithoutJlinkIsSeenAsSuch() throws IOException {
        Path jre = jdk(root.resolve("jre"), "17.0.1", false);
        ImageJdk chosen = ImageJdk.choose(jre.toString(), Map.of(), jvm, maven).jdk();
        assertFalse(chosen.has("jlink"));
        assertFalse(chosen.linksAheadOfTime());
    }
}
