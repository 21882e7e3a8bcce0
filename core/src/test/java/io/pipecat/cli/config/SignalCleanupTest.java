package io.pipecat.cli.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGTERM and SIGINT (Ctrl-C) in the middle of a write leave no temp file behind: the temp file
 * holds the new config with its tokens. The child is a real JVM paused after its temp file is
 * complete and fsynced, just before the rename.
 */
class SignalCleanupTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} -> exit {1}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalDuringAWriteLeavesNoTempFileAndTheOldConfig(String signal, int exitCode) throws Exception {
        assumeFalse(
                "INT".equals(signal) && sigintIgnoredHere(),
                "SIGINT is ignored by this test JVM (started in the background without job control), so"
                        + " its children ignore it too");
        Path config = TestFiles.write(dir.resolve("pipecatcloud.toml"), TestFiles.OFFICIAL_EXAMPLE, "rw-------");
        byte[] old = Files.readAllBytes(config);
        Process child = new ProcessBuilder(ChildJvm.command(
                        ConfigWriterMain.class,
                        List.of("-D" + AtomicFileWriter.PAUSE_PROPERTY + "=60000"),
                        List.of(config.toString(), "crasher")))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile())
                .start();
        try {
            awaitCompleteTempFile(config, child);
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child ends on SIG" + signal);
            assertEquals(exitCode, child.exitValue(), Files.readString(dir.resolve("child.out")));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of(), temps(config), "no temp file (it holds the tokens) outlives the process");
        assertArrayEquals(old, Files.readAllBytes(config), "the config is the old one, intact");
    }

    private void awaitCompleteTempFile(Path config, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && child.isAlive()) {
            Optional<Path> temp = temps(config).stream().findFirst();
            if (temp.isPresent() && Files.readString(temp.get()).contains("Key of crasher")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(
                "no complete temp file appeared; child output: " + Files.readString(dir.resolve("child.out")));
    }

    private List<Path> temps(Path config) throws Exception {
        String prefix = AtomicFileWriter.tempPrefix(config);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    /** Bit 2 (SIGINT) of the ignored-signals mask in /proc/self/status. */
    private static boolean sigintIgnoredHere() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0b10) != 0;
            }
        }
        return false;
    }
}
