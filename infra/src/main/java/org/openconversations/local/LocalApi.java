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
import java.util.concurrent.CountDownLatch;
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

    private final CloudFormationTemplate template;
    private final URI dynamoDbEndpoint;
    private final List<AutoCloseable> resources;
    private final HttpApiGateway gateway;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** A stream event of a function together with the table whose stream it reads. */
    private record StreamSubscription(LambdaFunction function, FunctionDefinition.DynamoDbStreamEvent event,
            String tableName) {
    }

    private LocalApi(CloudFormationTemplate template, URI dynamoDbEndpoint, HttpApiGateway gateway,
            List<AutoCloseable> resources) {
        this.template = template;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.gateway = gateway;
        this.resources = resources;
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream stdout = System.out;
        // Libraries (DynamoDB Local among them) print to stdout; it is reserved for the ready line.
        System.setOut(System.err);
        LocalApi api;
        try {
            api = start(LocalApiOptions.fromEnvironment());
        } catch (RuntimeException e) {
            LOG.error("The local API did not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "local-api-shutdown"));
        stdout.println("Listening on " + api.baseUrl());
        stdout.flush();
        api.closed.await();
    }

    /**
     * Starts DynamoDB Local (unless an endpoint is given), creates the missing tables, points the
     * handlers at them and serves the routes. Fails before starting anything when the template names
     * a handler class that is missing or a stream filter the gateway cannot apply.
     */
    public static LocalApi start(LocalApiOptions options) {
        CloudFormationTemplate template = CloudFormationTemplate.load(options.template());
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        template.functions().forEach(definition -> functions.put(definition.logicalId(), new LambdaFunction(definition)));
        RouteTable routes = RouteTable.of(template.functions());
        List<StreamSubscription> subscriptions = streamSubscriptions(template, functions);

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
            resources.add(HandlerEnvironment.of(template, endpoint).apply());

            HttpApiGateway gateway = HttpApiGateway.start(options.port(), routes, functions);
            resources.add(gateway);
            if (!subscriptions.isEmpty()) {
                DynamoDbStreamsClient streams = DynamoDbClients.streams(endpoint);
                resources.add(streams);
                for (StreamSubscription subscription : subscriptions) {
                    resources.add(StreamPoller.start(subscription.function(), subscription.event(),
                            subscription.tableName(), dynamoDb, streams, STREAM_POLL_INTERVAL));
                }
            }
            LOG.info("Serving {} routes of {} on port {}", routes.routes().size(), options.template(), gateway.port());
            return new LocalApi(template, endpoint, gateway, resources);
        } catch (IOException e) {
            closeAll(resources);
            throw new UncheckedIOException("The local API did not start", e);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
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
