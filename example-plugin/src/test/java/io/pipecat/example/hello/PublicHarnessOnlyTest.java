package io.pipecat.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.testkit.PipecatTestCli;
import org.junit.jupiter.api.Test;

/**
 * This plugin's tests run with no privileged access: the core's implementation package is not
 * opened to them (nor to the test kit), and the CLI they drive runs as named modules, so the
 * harness works through exported API alone. A pom that brought back {@code --add-exports} would
 * fail here.
 */
class PublicHarnessOnlyTest {
    private static final String CORE_INTERNAL = "io.pipecat.cli.core.internal";

    @Test
    void theTestsRunInsideThePluginsNamedModule() {
        assertEquals("io.pipecat.example.hello", getClass().getModule().getName());
    }

    @Test
    void theCoresImplementationPackageIsExportedNeitherToTheseTestsNorToTheTestKit() {
        Module core = CommandContext.class.getModule();
        assertTrue(core.isNamed());
        assertFalse(core.isExported(CORE_INTERNAL, getClass().getModule()));
        assertFalse(core.isExported(CORE_INTERNAL, PipecatTestCli.class.getModule()));
    }

    @Test
    void theLauncherTheHarnessDrivesIsANamedModuleOfTheBootLayer() {
        Module launcher = ModuleLayer.boot()
                .findModule("io.pipecat.cli.launcher")
                .orElseThrow(() -> new AssertionError(
                        "the launcher is not a named module: core.internal would be out of its reach"));
        assertTrue(CommandContext.class.getModule().isExported(CORE_INTERNAL, launcher));
    }
}
