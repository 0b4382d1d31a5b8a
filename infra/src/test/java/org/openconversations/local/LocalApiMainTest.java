package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java ... LocalApi} as a process: what `java -jar infra/target/local-api.jar` does. */
class LocalApiMainTest {

    private static final Pattern READY = Pattern.compile("Listening on (http://127\\.0\\.0\\.1:(\\d+)/v1)");

    @Test
    void prints_only_the_listening_line_to_stdout_and_stops_on_sigterm(@TempDir Path work) throws Exception {
        Process process = launch(work, TestTemplates.GATEWAY.toString());
        try {
            String line = firstStdoutLine(work, process);
            Matcher ready = READY.matcher(line);
            assertTrue(ready.matches(), "first stdout line: " + line + "\nstderr:\n" + stderr(work));

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(ready.group(1) + "/things/special")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());

            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
            assertEquals(List.of(line), Files.readAllLines(work.resolve("stdout.log")), "stdout");
        } finally {
            process.destroyForcibly();
        }
        assertTrue(Files.isDirectory(work.resolve("data")), "DATA_DIR was not created");
    }

    @Test
    void exits_with_an_error_and_no_stdout_when_the_template_is_missing(@TempDir Path work) throws Exception {
        Process process = launch(work, work.resolve("missing.yaml").toString());
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "did not exit");
            assertEquals(1, process.exitValue());
            assertEquals("", Files.readString(work.resolve("stdout.log")));
            assertTrue(stderr(work).contains("missing.yaml"), stderr(work));
        } finally {
            process.destroyForcibly();
        }
    }

    private static Process launch(Path work, String template) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LocalApi.class.getName())
                .directory(work.toFile())
                .redirectOutput(work.resolve("stdout.log").toFile())
                .redirectError(work.resolve("stderr.log").toFile());
        builder.environment().put("PORT", "0");
        builder.environment().put("TEMPLATE", template);
        builder.environment().put("DATA_DIR", work.resolve("data").toString());
        builder.environment().remove("DYNAMODB_ENDPOINT");
        return builder.start();
    }

    private static String firstStdoutLine(Path work, Process process) throws Exception {
        Path stdout = work.resolve("stdout.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(stdout) ? Files.readString(stdout) : "";
            if (text.contains("\n")) {
                return text.substring(0, text.indexOf('\n'));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line on stdout; stderr:\n" + stderr(work));
    }

    private static String stderr(Path work) throws Exception {
        Path log = work.resolve("stderr.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
