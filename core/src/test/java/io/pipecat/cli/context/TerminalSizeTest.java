package io.pipecat.cli.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Where the terminal's width comes from. */
class TerminalSizeTest {

    @Test
    void columnsFromTheEnvironmentComeFirst() {
        assertEquals(OptionalInt.of(60), TerminalSize.columns(Environment.of(Map.of("COLUMNS", "60"))));
        assertEquals(OptionalInt.of(132), TerminalSize.columns(Environment.of(Map.of("COLUMNS", " 132 "))));
    }

    @Test
    void withoutAUsableColumnsAndWithoutATerminalTheWidthIsUnknown() {
        // No stty on this PATH: the only other source cannot answer, so the width is unknown
        // (a terminal would be asked with stty; the end-to-end tests run the CLI in one).
        for (String bad : new String[] {"", "0", "-5", "wide", "80x24"}) {
            assertEquals(
                    OptionalInt.empty(),
                    TerminalSize.columns(Environment.of(Map.of("COLUMNS", bad, "PATH", "/nonexistent"))),
                    "COLUMNS=" + bad);
        }
    }
}
