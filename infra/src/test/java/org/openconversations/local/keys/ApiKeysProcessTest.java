package org.openconversations.local.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openconversations.auth.ApiKeys;
import org.openconversations.auth.Pepper;
import org.openconversations.local.DynamoDbClients;
import org.openconversations.local.LocalApi;
import org.openconversations.local.TemplateLocator;
import org.openconversations.store.TestStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code java -jar infra/target/local-api.jar} and its {@code keys} commands as processes, over the real
 * template: the first key on stdout, the key CLI beside a running gateway and without one, on a "deployed"
 * store, and logs that never hold a key.
 */
class ApiKeysProcessTest {

    private static final Pattern KEY = Pattern.compile("sk-oc-[0-9A-Za-z]{43}");
    private static final Pattern API_KEY_LINE = Pattern.compile("API key: (sk-oc-[0-9A-Za-z]{43})");
    private static final Pattern READY = Pattern.compile("Listening on (http://127\\.0\\.0\\.1:\\d+/v1)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path TEMPLATE = TemplateLocator.projectRoot().resolve("template.yaml");

    private record Run(int exit, String stdout, String stderr) {
        List<String> lines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }

        String lastLine() {
            return lines().getLast();
        }
    }

    /** A running gateway process and where its output goes. */
    private record Gateway(Process process, Path stdout, Path stderr, List<String> lines, String baseUrl) {
    }

    private final List<Process> processes = new ArrayList<>();
    private final List<String> everyKey = new CopyOnWriteArrayList<>();
    private HttpServer secretsManager;

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
        if (secretsManager != null) {
            secretsManager.stop(0);
        }
    }

    @Test
    void the_first_start_prints_a_working_key_and_the_cli_manages_keys_beside_the_running_gateway(@TempDir Path work)
            throws Exception {
        Path data = work.resolve("data");
        Gateway gateway = startGateway(work, data, "first");
        assertEquals(2, gateway.lines().size(), "stdout: " + gateway.lines());
        Matcher first = API_KEY_LINE.matcher(gateway.lines().getFirst());
        assertTrue(first.matches(), gateway.lines().getFirst());
        String firstKey = remember(first.group(1));
        assertEquals(200, post(gateway.baseUrl(), firstKey).statusCode(), "the printed key works");
        assertEquals(401, post(gateway.baseUrl(), ApiKeys.newKey()).statusCode());

        Path pepper = data.resolve("api-key-pepper");
        assertTrue(Files.readString(pepper).trim().matches("[0-9A-Za-z]{64}"));
        if (Files.getFileStore(pepper).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(pepper)));
        }

        // The CLI uses the gateway's DynamoDB Local: a second one on the same files would fail its writes.
        Run created = keys(work, data, "create", "--tenant", "acme");
        assertEquals(0, created.exit(), created.stderr());
        assertEquals(1, created.lines().size(), "the key alone on stdout: " + created.stdout());
        String acmeKey = remember(created.lastLine());
        assertTrue(KEY.matcher(acmeKey).matches(), acmeKey);
        assertEquals(200, post(gateway.baseUrl(), acmeKey).statusCode(), "a key made by the CLI works at once");

        Run unusedCreated = keys(work, data, "create", "--tenant=spare");
        String unusedKey = remember(unusedCreated.lastLine());

        Run listed = keys(work, data, "list");
        assertEquals(0, listed.exit(), listed.stderr());
        for (String key : List.of(firstKey, acmeKey, unusedKey)) {
            assertTrue(listed.stdout().contains(ApiKeys.shown(key)), listed.stdout());
            assertFalse(listed.stdout().contains(key), "list shows a whole key: " + listed.stdout());
        }
        assertTrue(listed.stdout().contains("default") && listed.stdout().contains("acme"), listed.stdout());
        assertTrue(listed.lines().getFirst().startsWith("PREFIX"), listed.stdout());

        Run ambiguous = keys(work, data, "revoke", "sk-oc-");
        assertEquals(1, ambiguous.exit());
        assertTrue(ambiguous.stderr().contains("matches 3 keys"), ambiguous.stderr());
        Run none = keys(work, data, "revoke", "sk-oc-nothing");
        assertEquals(1, none.exit());
        assertTrue(none.stderr().contains("No key matches"), none.stderr());

        // Never used, so never cached by the authorizer: refused as soon as it is revoked.
        Run revoked = keys(work, data, "revoke", ApiKeys.shown(unusedKey));
        assertEquals(0, revoked.exit(), revoked.stderr());
        assertTrue(revoked.stdout().contains("Revoked " + ApiKeys.shown(unusedKey)), revoked.stdout());
        assertEquals(401, post(gateway.baseUrl(), unusedKey).statusCode());
        Run afterRevoke = keys(work, data, "list");
        String revokedRow = afterRevoke.lines().stream().filter(line -> line.startsWith(ApiKeys.shown(unusedKey)))
                .findFirst().orElseThrow();
        assertFalse(revokedRow.endsWith("-"), "the revocation time is listed: " + revokedRow);

        stop(gateway);
        assertNoKeyIn(Files.readString(gateway.stderr()), "the gateway's stderr");

        Gateway again = startGateway(work, data, "again");
        assertEquals(1, again.lines().size(), "no new key when keys exist: " + again.lines());
        assertEquals(200, post(again.baseUrl(), firstKey).statusCode(), "keys survive a restart (data and pepper)");
        assertEquals(401, post(again.baseUrl(), unusedKey).statusCode());
        stop(again);
        assertNoKeyIn(Files.readString(again.stderr()), "the restarted gateway's stderr");
    }

    @Test
    void the_cli_works_without_a_gateway_and_then_the_gateway_makes_no_first_key(@TempDir Path work) throws Exception {
        Path data = work.resolve("data");

        Run created = keys(work, data, "create", "--tenant", "early");
        assertEquals(0, created.exit(), created.stderr());
        String key = remember(created.lastLine());
        assertTrue(Files.exists(data.resolve("api-key-pepper")), "the CLI made the pepper");

        Gateway gateway = startGateway(work, data, "gateway");
        assertEquals(1, gateway.lines().size(), "stdout: " + gateway.lines());
        assertEquals(200, post(gateway.baseUrl(), key).statusCode());
        stop(gateway);
        assertNoKeyIn(Files.readString(gateway.stderr()), "the gateway's stderr");
    }

    @Test
    void usage_mistakes_exit_1_with_a_message(@TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        Map<List<String>, String> mistakes = Map.of(
                List.of("create"), "--tenant",
                List.of("create", "--tenant", "two words"), "tenant",
                List.of("revoke"), "KEY_PREFIX",
                List.of("rotate"), "unknown command",
                List.of("list", "--region", "eu-west-1"), "--table",
                List.of("list", "--colour"), "unknown option");
        for (Map.Entry<List<String>, String> mistake : mistakes.entrySet()) {
            Run run = keys(work, data, mistake.getKey().toArray(String[]::new));
            assertEquals(1, run.exit(), mistake.getKey() + ": " + run.stderr());
            assertTrue(run.stderr().contains(mistake.getValue()), mistake.getKey() + ": " + run.stderr());
            assertEquals("", run.stdout(), mistake.getKey().toString());
        }
        Run notKeys = run(work, Map.of("DATA_DIR", data.toString()), "serve");
        assertEquals(1, notKeys.exit());
        assertTrue(notKeys.stderr().contains("Unknown command"), notKeys.stderr());
    }

    @Test
    void on_a_deployed_stack_it_uses_the_named_table_and_the_pepper_secret(@TempDir Path work) throws Exception {
        String pepper = "deployed-pepper-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789ab";
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ApiKeyPepper-AbCdEf";
        AtomicInteger reads = new AtomicInteger();
        URI secrets = secretsManagerAnswering(arn, pepper, reads);
        Map<String, String> aws = Map.of(
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_CONFIG_FILE", work.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString(),
                "SECRETS_MANAGER_ENDPOINT", secrets.toString(),
                "DATA_DIR", work.resolve("unused").toString());
        String[] stack = {"--table", TestStore.KEYS_TABLE, "--region", "eu-west-1",
                "--endpoint-url", TestStore.endpoint().toString()};

        Run created = run(work, aws, concat(new String[] {"keys", "create", "--tenant", "deployed-tenant",
                "--pepper-secret", arn}, stack));
        assertEquals(0, created.exit(), created.stderr());
        String key = remember(created.lastLine());
        assertEquals(1, reads.get(), "the pepper is read from Secrets Manager");
        try (DynamoDbClient dynamoDb = DynamoDbClients.dynamoDb(TestStore.endpoint())) {
            KeyManager deployed = KeyManager.of(dynamoDb, TestStore.KEYS_TABLE,
                    () -> new ApiKeys(Pepper.of(pepper)));
            assertEquals("deployed-tenant", deployed.find(key).orElseThrow().getTenant(),
                    "hashed with the secret's pepper, as the deployed authorizer hashes");
        }

        Run listed = run(work, aws, concat(new String[] {"keys", "list"}, stack));
        assertEquals(0, listed.exit(), listed.stderr());
        assertTrue(listed.stdout().contains(ApiKeys.shown(key)), listed.stdout());
        assertFalse(listed.stdout().contains(key));
        assertEquals(1, reads.get(), "listing needs no pepper");

        Run withoutPepper = run(work, aws, concat(new String[] {"keys", "create", "--tenant", "x"}, stack));
        assertEquals(1, withoutPepper.exit());
        assertTrue(withoutPepper.stderr().contains("--pepper-secret"), withoutPepper.stderr());

        Run revoked = run(work, aws, concat(new String[] {"keys", "revoke", ApiKeys.shown(key)}, stack));
        assertEquals(0, revoked.exit(), revoked.stderr());
        assertFalse(Files.exists(work.resolve("unused")), "nothing local was touched");
    }

    // --- processes -----------------------------------------------------------------------------------

    private Gateway startGateway(Path work, Path data, String name) throws Exception {
        Path stdout = work.resolve(name + ".out");
        Path stderr = work.resolve(name + ".err");
        ProcessBuilder builder = java(work, Map.of("DATA_DIR", data.toString()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        processes.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.exists(stdout) ? Files.readAllLines(stdout) : List.of();
            if (!lines.isEmpty()) {
                Matcher ready = READY.matcher(lines.getLast());
                if (ready.matches()) {
                    return new Gateway(process, stdout, stderr, lines, ready.group(1));
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the gateway did not get ready; stderr:\n" + Files.readString(stderr));
    }

    private static void stop(Gateway gateway) throws InterruptedException {
        gateway.process().destroy();
        assertTrue(gateway.process().waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
    }

    private Run keys(Path work, Path data, String... args) throws Exception {
        return run(work, Map.of("DATA_DIR", data.toString()), concat(new String[] {"keys"}, args));
    }

    private Run run(Path work, Map<String, String> env, String... args) throws Exception {
        Path stdout = Files.createTempFile(work, "cli", ".out");
        Path stderr = Files.createTempFile(work, "cli", ".err");
        Process process = java(work, env, args).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        processes.add(process);
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the CLI did not finish");
        Run run = new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        assertNoKeyIn(run.stderr(), "the CLI's stderr");
        return run;
    }

    private static ProcessBuilder java(Path work, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalApi.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("PORT", "0");
        builder.environment().put("TEMPLATE", TEMPLATE.toString());
        builder.environment().remove("DYNAMODB_ENDPOINT");
        builder.environment().remove("API_KEY_PEPPER");
        builder.environment().putAll(env);
        return builder;
    }

    private String remember(String key) {
        everyKey.add(key);
        return key;
    }

    /** No key made in this test (nor its secret part) appears in the text. */
    private void assertNoKeyIn(String text, String where) {
        for (String key : everyKey) {
            assertFalse(text.contains(key.substring(ApiKeys.SHOWN_LENGTH)), where + " holds a key:\n" + text);
        }
    }

    private static HttpResponse<String> post(String baseUrl, String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/conversations"))
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI secretsManagerAnswering(String arn, String secret, AtomicInteger reads) throws IOException {
        secretsManager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        secretsManager.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ours = "secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                    && body.contains(arn);
            if (ours) {
                reads.incrementAndGet();
            }
            byte[] reply = (ours ? "{\"ARN\":\"" + arn + "\",\"SecretString\":\"" + secret + "\"}"
                    : "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such secret\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(ours ? 200 : 400, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        secretsManager.start();
        return URI.create("http://127.0.0.1:" + secretsManager.getAddress().getPort());
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
