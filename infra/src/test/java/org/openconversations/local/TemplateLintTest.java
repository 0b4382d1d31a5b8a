package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** cfn-lint over the real template.yaml, when cfn-lint is installed. */
class TemplateLintTest {

    @Test
    void template_passes_cfn_lint() throws Exception {
        Optional<Path> cfnLint = onPath("cfn-lint");
        Assumptions.assumeTrue(cfnLint.isPresent(),
                "cfn-lint is not on PATH, so template.yaml was not linted (pip install cfn-lint to enable this test)");
        Process process = new ProcessBuilder(cfnLint.get().toString(), "template.yaml")
                .directory(TemplateLocator.projectRoot().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "cfn-lint did not finish");
        assertEquals(0, process.exitValue(), "cfn-lint template.yaml reported:\n" + output);
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
