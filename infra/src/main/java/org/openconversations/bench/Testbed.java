package org.openconversations.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openconversations.local.CloudFormationTemplate;
import org.openconversations.local.DynamoDbClients;
import org.openconversations.local.HandlerEnvironment;
import org.openconversations.local.LocalDynamoDb;
import org.openconversations.local.TableCreator;
import org.openconversations.local.keys.LocalSecretFile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every measurement shares: DynamoDB Local with the template's tables, two upstream stand-ins (instant, and
 * the fixed 50 ms one), the handlers' configuration (applied to this JVM too, for {@link LiveTargets}), and the
 * way to start a child JVM for a subject.
 */
final class Testbed implements AutoCloseable {

    /** What runs in a child: our deployment artifact, or a baseline's own. */
    enum Subject { OURS, CONSTANT, RAW_SDK }

    static final Duration UPSTREAM_DELAY = Duration.ofMillis(50);
    private static final String RUNTIME_MAIN_JAR = "lambda-runtime.jar";

    final Path root;
    final CloudFormationTemplate template;
    final LocalDynamoDb dynamoDbLocal;
    final DynamoDbClient dynamoDb;
    final FixedDelayUpstream instantUpstream;
    final FixedDelayUpstream slowUpstream;
    final Path workDir;
    final int memoryMb;
    private final Map<String, String> variables;
    private final HandlerEnvironment.Applied applied;

    Testbed(Path root) {
        this.root = root;
        this.template = CloudFormationTemplate.load(root.resolve("template.yaml"));
        this.memoryMb = template.functions().stream().mapToInt(f -> f.memorySizeMb()).max().orElse(1024);
        this.dynamoDbLocal = LocalDynamoDb.startInMemory();
        this.dynamoDb = DynamoDbClients.dynamoDb(dynamoDbLocal.endpoint());
        new TableCreator(dynamoDb).createMissing(template.tables());
        this.instantUpstream = FixedDelayUpstream.start(Duration.ZERO);
        this.slowUpstream = FixedDelayUpstream.start(UPSTREAM_DELAY);
        Map<String, String> all = new HashMap<>(HandlerEnvironment
                .of(template, dynamoDbLocal.endpoint(), Map.of("API_KEY_PEPPER", LocalSecretFile.random(),
                        "COMPACTION_KEY", LocalSecretFile.random()))
                .variables());
        all.put("UPSTREAM_BASE_URL", instantUpstream.baseUrl());
        all.put("UPSTREAM_API", "chat");
        all.remove("UPSTREAM_API_KEY_SECRET_ARN");
        this.variables = Map.copyOf(all);
        this.applied = HandlerEnvironment.of(template, dynamoDbLocal.endpoint(), all).apply();
        try {
            this.workDir = Files.createDirectories(root.resolve("target").resolve("bench"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path artifact(Subject subject) {
        return switch (subject) {
            case OURS -> root.resolve("functions/target/functions.zip");
            case CONSTANT -> root.resolve("infra/bench-fixtures/target/constant-handler.zip");
            case RAW_SDK -> root.resolve("infra/bench-fixtures/target/raw-sdk-handler.zip");
        };
    }

    String handlerFor(Subject subject, BenchRoute route) {
        return switch (subject) {
            case OURS -> route.handlerClass();
            case CONSTANT -> "org.openconversations.baseline.ConstantHandler";
            case RAW_SDK -> "org.openconversations.baseline.RawSdkHandler";
        };
    }

    /** Fails early, naming the build step, when an artifact the benchmark runs is missing. */
    void checkArtifacts() {
        List<Path> needed = new ArrayList<>();
        for (Subject subject : Subject.values()) needed.add(artifact(subject));
        needed.add(fixtureJar(RUNTIME_MAIN_JAR));
        needed.add(fixtureJar("capacity-meter.jar"));
        for (Path path : needed) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(path + " is missing: run `mvn -DskipTests package` first");
            }
        }
    }

    private Path fixtureJar(String name) {
        return root.resolve("infra/bench-fixtures/target").resolve(name);
    }

    /** Options of {@link #start}: which upstream the handlers call, and whether capacity is metered. */
    record ChildOptions(boolean slowUpstream, boolean metered, Path classLog) {
        static final ChildOptions PLAIN = new ChildOptions(false, false, null);
    }

    /**
     * A fresh JVM with the Lambda runtime's flags: the template's JAVA_TOOL_OPTIONS, one processor, the serial
     * collector and a heap of 85% of the function's memory, as the managed Java runtime sets them; its classpath
     * is the runtime stand-in and the subject's artifact, and nothing else.
     */
    LambdaChild start(Subject subject, ChildOptions options) {
        List<String> flags = new ArrayList<>(lambdaFlags());
        if (options.classLog() != null) flags.add("-Xlog:class+load=info:file=" + options.classLog());
        List<Path> classpath = new ArrayList<>(List.of(fixtureJar(RUNTIME_MAIN_JAR), artifact(subject)));
        List<String> properties = new ArrayList<>();
        if (options.metered()) {
            classpath.add(fixtureJar("capacity-meter.jar"));
            properties.add("-Dbench.meter=true");
        }
        Map<String, String> environment = new HashMap<>();
        variables.forEach((name, value) -> {
            if (!name.contains(".")) environment.put(name, value);
        });
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        if (options.slowUpstream()) environment.put("UPSTREAM_BASE_URL", slowUpstream.baseUrl());
        environment.remove("JAVA_TOOL_OPTIONS");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return LambdaChild.start(LambdaChild.command(java, flags, classpath, properties), environment,
                workDir.resolve("children.log"), !diagnosisFlags().isEmpty());
    }

    List<String> lambdaFlags() {
        List<String> flags = new ArrayList<>();
        Object toolOptions = template.globalEnvironment().get("JAVA_TOOL_OPTIONS");
        if (toolOptions instanceof String options && !options.isBlank()) {
            flags.addAll(Arrays.asList(options.trim().split("\\s+")));
        }
        flags.add("-XX:ActiveProcessorCount=1");
        flags.add("-XX:+UseSerialGC");
        flags.add("-Xmx" + (memoryMb * 85 / 100) + "m");
        flags.addAll(diagnosisFlags());
        return flags;
    }

    /** {@code BENCH_CHILD_FLAGS}, for diagnosis only (a profiler, say); README's figures are taken without it. */
    private static List<String> diagnosisFlags() {
        String extra = System.getenv("BENCH_CHILD_FLAGS");
        return extra == null || extra.isBlank() ? List.of() : Arrays.asList(extra.trim().split("\\s+"));
    }

    @Override
    public void close() {
        applied.close();
        instantUpstream.close();
        slowUpstream.close();
        dynamoDb.close();
        dynamoDbLocal.close();
    }
}
