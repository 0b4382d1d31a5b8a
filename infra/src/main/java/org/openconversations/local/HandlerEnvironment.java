package org.openconversations.local;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration Lambda would hand the functions through their environment, as system
 * properties: handlers read settings with {@code Settings.get(name)}, which prefers a system
 * property over the environment variable. All functions share one JVM here, so they share one
 * set of variables.
 */
public final class HandlerEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerEnvironment.class);

    /** Lambda JVM flags mean nothing to the gateway's JVM. */
    private static final String SKIPPED = "JAVA_TOOL_OPTIONS";
    /** A deployed function's variable (a Secrets Manager ARN) to the local variable that replaces it. */
    private static final Map<String, String> REPLACED_LOCALLY = Map.of(
            "API_KEY_PEPPER_SECRET_ARN", "API_KEY_PEPPER",
            "COMPACTION_KEY_SECRET_ARN", "COMPACTION_KEY");

    /** Undoes {@link #apply()}. */
    public interface Applied extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, String> variables;

    private HandlerEnvironment(Map<String, String> variables) {
        this.variables = variables;
    }

    public static HandlerEnvironment of(CloudFormationTemplate template, URI dynamoDbEndpoint) {
        return of(template, dynamoDbEndpoint, Map.of());
    }

    /**
     * @param local variables the gateway supplies itself (the API key pepper, the compaction key); they win
     *     over the template's, and the template's variables of the same purpose that it cannot resolve locally
     *     (their Secrets Manager ARNs) are left unset without a warning
     */
    public static HandlerEnvironment of(CloudFormationTemplate template, URI dynamoDbEndpoint,
            Map<String, String> local) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (FunctionDefinition function : template.functions()) {
            function.environment().forEach((name, value) -> {
                if (name.equals(SKIPPED) || local.containsKey(name)
                        || local.containsKey(REPLACED_LOCALLY.getOrDefault(name, ""))) {
                    return;
                }
                Optional<String> resolved = resolve(template, value);
                if (resolved.isEmpty()) {
                    LOG.warn("{}: cannot resolve {}={} locally; leaving it unset", function.logicalId(), name, value);
                    return;
                }
                String previous = variables.putIfAbsent(name, resolved.get());
                if (previous != null && !previous.equals(resolved.get())) {
                    LOG.warn("{}: {}={} conflicts with another function's {}; keeping {}",
                            function.logicalId(), name, resolved.get(), previous, previous);
                }
            });
        }
        variables.putAll(local);
        variables.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
        variables.put("AWS_REGION", DynamoDbClients.REGION);
        variables.put("AWS_DEFAULT_REGION", DynamoDbClients.REGION);
        variables.put("AWS_ACCESS_KEY_ID", DynamoDbClients.ACCESS_KEY_ID);
        variables.put("AWS_SECRET_ACCESS_KEY", DynamoDbClients.SECRET_ACCESS_KEY);
        // Same values under the names the SDK's own providers read, for code that builds clients
        // without going through Settings.
        variables.put("aws.region", DynamoDbClients.REGION);
        variables.put("aws.accessKeyId", DynamoDbClients.ACCESS_KEY_ID);
        variables.put("aws.secretAccessKey", DynamoDbClients.SECRET_ACCESS_KEY);
        // DynamoDB Local brings the Apache and Netty HTTP clients onto the classpath; without this
        // an SDK client built without an explicit HTTP client refuses to pick one.
        variables.put("software.amazon.awssdk.http.service.impl",
                "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
        return new HandlerEnvironment(variables);
    }

    /** A {@code !Ref} to a table is the local table name (its logical id); parameters use their Default. */
    static Optional<String> resolve(CloudFormationTemplate template, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        Optional<String> ref = Intrinsics.ref(value);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        String id = ref.get();
        if (template.resourceType(id).filter(CloudFormationTemplate.TABLE_TYPE::equals).isPresent()) {
            return template.table(id).map(TableDefinition::tableName);
        }
        Object parameter = template.parameters().get(id);
        if (parameter instanceof Map<?, ?> definition && definition.get("Default") != null) {
            return Optional.of(String.valueOf(definition.get("Default")));
        }
        return Optional.empty();
    }

    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    /** Sets the variables as system properties; closing the result restores the previous values. */
    public Applied apply() {
        Map<String, String> previous = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            previous.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
        return () -> previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
