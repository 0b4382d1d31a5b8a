package org.openconversations.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.openconversations.auth.ApiKeys;
import org.openconversations.auth.Pepper;
import org.openconversations.local.keys.KeyManager;
import org.openconversations.local.keys.KeysCli;
import org.openconversations.local.keys.LocalSecretFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A stand-in for {@code sam local start-api} without Docker or an AWS account: DynamoDB Local with
 * the template's tables, the template's HttpApi routes served by the handler classes in this JVM,
 * and the DynamoDB stream triggers. Run it with {@code java -jar infra/target/local-api.jar}, or
 * from tests with {@link #start(LocalApiOptions)}. Handlers are configured through system
 * properties, so one JVM runs one gateway configuration at a time.
 */
public final class LocalApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);
    private static final Duration STREAM_POLL_INTERVAL = Duration.ofMillis(300);
    private static final String API_KEY_PEPPER = "API_KEY_PEPPER";
    private static final String COMPACTION_KEY = "COMPACTION_KEY";
    private static final String FIRST_KEY_TENANT = "default";

    private final CloudFormationTemplate template;
    private final URI dynamoDbEndpoint;
    private final List<AutoCloseable> resources;
    private final HttpApiGateway gateway;
    private final Optional<KeyManager> keys;
    private final Optional<String> firstKey;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** A stream event of a function together with the table whose stream it reads. */
    private record StreamSubscription(LambdaFunction function, FunctionDefinition.DynamoDbStreamEvent event,
            String tableName) {
    }

    private LocalApi(CloudFormationTemplate template, URI dynamoDbEndpoint, HttpApiGateway gateway,
            List<AutoCloseable> resources, Optional<KeyManager> keys, Optional<String> firstKey) {
        this.template = template;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.gateway = gateway;
        this.resources = resources;
        this.keys = keys;
        this.firstKey = firstKey;
    }

    /** Serves the API; with {@code keys ...} arguments, manages API keys instead (see {@link KeysCli}). */
    public static void main(String[] args) throws InterruptedException {
        PrintStream stdout = System.out;
        // Libraries (DynamoDB Local among them) print to stdout; it is reserved for the API key and ready
        // lines, or for the key CLI's results.
        System.setOut(System.err);
        if (args.length > 0) {
            if (!args[0].equals("keys")) {
                System.err.println("Unknown command '" + args[0] + "'. Without arguments the local API starts;"
                        + " 'keys' manages API keys.\n" + KeysCli.USAGE);
                System.exit(1);
            }
            System.exit(KeysCli.run(List.of(args).subList(1, args.length), stdout, System.err));
        }
        LocalApi api;
        try {
            api = start(LocalApiOptions.fromEnvironment());
        } catch (RuntimeException e) {
            LOG.error("The local API did not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "local-api-shutdown"));
        api.firstKey().ifPresent(key -> stdout.println("API key: " + key));
        stdout.println("Listening on " + api.baseUrl());
        stdout.flush();
        api.closed.await();
    }

    /**
     * Starts DynamoDB Local (unless an endpoint is given), creates the missing tables, points the
     * handlers at them and serves the routes, each behind the authorizer the template puts in front of
     * it. Fails before starting anything when the template names a handler class that is missing, a
     * stream filter or an authorizer the gateway cannot run. When the template has a keys table with no
     * key at all, it creates one for tenant {@code default} ({@link #firstKey()}).
     */
    public static LocalApi start(LocalApiOptions options) {
        CloudFormationTemplate template = CloudFormationTemplate.load(options.template());
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        template.functions().forEach(definition -> functions.put(definition.logicalId(), new LambdaFunction(definition)));
        RouteTable routes = RouteTable.of(template.functions());
        List<StreamSubscription> subscriptions = streamSubscriptions(template, functions);
        Map<String, AuthorizerDefinition> authorizerByRoute = HttpApiAuthorizers.byRouteKey(template);
        Optional<String> keysTable = HttpApiAuthorizers.keysTable(template);

        List<AutoCloseable> resources = new ArrayList<>();
        try {
            URI endpoint;
            if (options.dynamoDbEndpoint().isPresent()) {
                endpoint = options.dynamoDbEndpoint().get();
            } else {
                LocalDynamoDb dynamoDbLocal = options.dataDir()
                        .map(LocalDynamoDb::startPersistent)
                        .orElseGet(LocalDynamoDb::startInMemory);
                resources.add(dynamoDbLocal);
                endpoint = dynamoDbLocal.endpoint();
            }
            DynamoDbClient dynamoDb = DynamoDbClients.dynamoDb(endpoint);
            resources.add(dynamoDb);
            new TableCreator(dynamoDb).createMissing(template.tables());
            if (options.dynamoDbEndpoint().isEmpty() && options.dataDir().isPresent()) {
                // For the key CLI, which must not open the same SQLite file with a second DynamoDB Local.
                resources.add(RunningDynamoDb.publish(options.dataDir().get(), endpoint));
            }
            Map<String, String> localVariables = new LinkedHashMap<>();
            String pepper = null;
            if (!authorizerByRoute.isEmpty()) {
                // Handlers read it as they read every setting (a system property here, like env.json).
                pepper = localSecret(options, LocalSecretFile.API_KEY_PEPPER);
                localVariables.put(API_KEY_PEPPER, pepper);
            }
            localVariables.put(COMPACTION_KEY, localSecret(options, LocalSecretFile.COMPACTION_KEY));
            resources.add(HandlerEnvironment.of(template, endpoint, localVariables).apply());
            Map<String, LambdaAuthorizer> authorizers = authorizers(authorizerByRoute, functions, options);

            Optional<KeyManager> keys = Optional.empty();
            Optional<String> firstKey = Optional.empty();
            if (keysTable.isPresent() && pepper != null) {
                byte[] pepperBytes = Pepper.of(pepper);
                keys = Optional.of(KeyManager.of(dynamoDb, keysTable.get(), () -> new ApiKeys(pepperBytes)));
                if (keys.get().isEmpty()) {
                    firstKey = Optional.of(keys.get().create(FIRST_KEY_TENANT));
                    LOG.info("No API keys yet: created one for tenant '{}' (printed on stdout, never logged)",
                            FIRST_KEY_TENANT);
                }
            }

            HttpApiGateway gateway = HttpApiGateway.start(options.port(), routes, functions, authorizers);
            resources.add(gateway);
            if (!subscriptions.isEmpty()) {
                DynamoDbStreamsClient streams = DynamoDbClients.streams(endpoint);
                resources.add(streams);
                for (StreamSubscription subscription : subscriptions) {
                    resources.add(StreamPoller.start(subscription.function(), subscription.event(),
                            subscription.tableName(), dynamoDb, streams, STREAM_POLL_INTERVAL));
                }
            }
            LOG.info("Serving {} routes of {} on port {}{}", routes.routes().size(), options.template(), gateway.port(),
                    authorizers.isEmpty() ? "" : ", " + authorizers.size() + " behind "
                            + authorizers.values().stream().distinct().map(Object::toString).toList());
            return new LocalApi(template, endpoint, gateway, resources, keys, firstKey);
        } catch (IOException e) {
            closeAll(resources);
            throw new UncheckedIOException("The local API did not start", e);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /**
     * One runner (and cache) per authorizer, shared by the routes behind it. Each authorizer's handler is
     * created now, while this gateway's environment is applied, so that it reads this gateway's pepper and
     * keys table even when another gateway of the same JVM applies its own later.
     */
    /** A secret kept under DATA_DIR, or one for this run only when the gateway keeps nothing. */
    private static String localSecret(LocalApiOptions options, String fileName) {
        return options.dataDir().map(dir -> LocalSecretFile.loadOrCreate(dir, fileName))
                .orElseGet(LocalSecretFile::random);
    }

    private static Map<String, LambdaAuthorizer> authorizers(Map<String, AuthorizerDefinition> byRoute,
            Map<String, LambdaFunction> functions, LocalApiOptions options) {
        Map<String, LambdaAuthorizer> byName = new LinkedHashMap<>();
        Map<String, LambdaAuthorizer> authorizers = new LinkedHashMap<>();
        byRoute.forEach((routeKey, definition) -> authorizers.put(routeKey, byName.computeIfAbsent(definition.name(),
                name -> {
                    LambdaFunction function = functions.get(definition.functionId());
                    function.instantiate();
                    return new LambdaAuthorizer(definition, function,
                            options.authorizerCacheTtl().orElse(definition.reauthorizeEvery()));
                })));
        return authorizers;
    }

    private static List<StreamSubscription> streamSubscriptions(CloudFormationTemplate template,
            Map<String, LambdaFunction> functions) {
        List<StreamSubscription> subscriptions = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            for (FunctionDefinition.DynamoDbStreamEvent event : function.streamEvents()) {
                String where = function.logicalId() + " event " + event.name();
                String tableId = event.tableLogicalId().orElseThrow(() -> new IllegalArgumentException(
                        where + ": Stream must be !GetAtt <Table>.StreamArn of a table in the template"));
                TableDefinition table = template.table(tableId).orElseThrow(() -> new IllegalArgumentException(
                        where + ": " + tableId + " is not an AWS::DynamoDB::Table of the template"));
                if (table.streamViewType().isEmpty()) {
                    throw new IllegalArgumentException(where + ": " + tableId + " has no StreamSpecification");
                }
                EventFilter.of(event.filterPatterns());
                subscriptions.add(new StreamSubscription(functions.get(function.logicalId()), event, table.tableName()));
            }
        }
        return subscriptions;
    }

    /** {@code http://127.0.0.1:PORT/v1}, the base URL for the OpenAI SDKs. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public int port() {
        return gateway.port();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    public CloudFormationTemplate template() {
        return template;
    }

    /** The template's API keys in this gateway's store, hashed with its pepper; empty without a keys table. */
    public Optional<KeyManager> keys() {
        return keys;
    }

    /** The key created on this start because the store had none, for tenant {@code default}. */
    public Optional<String> firstKey() {
        return firstKey;
    }

    /** Stops serving, stops the stream pollers, restores the system properties, stops DynamoDB Local. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closeAll(resources);
        closed.countDown();
    }

    private static void closeAll(List<AutoCloseable> resources) {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", resource, e);
            }
        }
    }
}
