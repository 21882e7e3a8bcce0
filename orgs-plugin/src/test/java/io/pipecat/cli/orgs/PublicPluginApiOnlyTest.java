package io.pipecat.cli.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.testkit.CliResult;
import io.pipecat.cli.testkit.FakePipecatCloud;
import io.pipecat.cli.testkit.PipecatTestCli;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The organizations plugin is built as a third party would build one: it requires the plugin API
 * module alone and none of the core's packages that are exported by name to the CLI's own modules
 * is visible to it. Its commands are the proof that the public API is enough.
 */
class PublicPluginApiOnlyTest {

    @Test
    void itRequiresThePluginApiModuleAndNothingElseOfTheCli() {
        ModuleDescriptor descriptor = OrganizationsPlugin.class.getModule().getDescriptor();
        assertEquals("io.pipecat.cli.orgs", descriptor.name());
        Set<String> required = descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .filter(name -> !name.equals("java.base"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("io.pipecat.cli.core"), required);
        assertTrue(descriptor.exports().isEmpty(), "a provider module exports nothing");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "io.pipecat.cli.credentials",
                "io.pipecat.cli.credentials.store",
                "io.pipecat.cli.config",
                "io.pipecat.cli.core.internal"
            })
    void theCoresPrivilegedPackagesAreNotExportedToIt(String pkg) {
        Module core = CommandContext.class.getModule();
        assertFalse(core.isExported(pkg, OrganizationsPlugin.class.getModule()), pkg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "select", "keys list", "keys use"})
    void everyCommandsHelpEndsWithExamples(String command, @TempDir Path home) {
        try (FakePipecatCloud fake = FakePipecatCloud.start()) {
            String[] words = ("cloud organizations " + command + " --help").split(" ");
            CliResult result = PipecatTestCli.create(fake, home).run(words);

            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.stdout().contains("EXAMPLES\n"), result.stdout());
            assertTrue(result.stdout().contains("$ pipecat cloud organizations " + command), result.stdout());
        }
    }
}
