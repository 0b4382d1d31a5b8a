package org.openconversations.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed SAM/CloudFormation template with typed views of what the local gateway needs: DynamoDB
 * tables, serverless functions with their HttpApi and DynamoDB stream events, and environments.
 * Short-form intrinsics are represented in long form (see {@link Intrinsics}).
 */
public final class CloudFormationTemplate {

    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    public static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";

    private static final int LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int LAMBDA_DEFAULT_MEMORY_MB = 128;
    private static final int DYNAMODB_DEFAULT_BATCH_SIZE = 100;

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static CloudFormationTemplate load(Path path) {
        try {
            return parse(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + path, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot parse template " + path + ": " + e.getMessage(), e);
        }
    }

    public static CloudFormationTemplate parse(String yaml) {
        if (!(CloudFormationYaml.load(yaml) instanceof Map<?, ?> document)) {
            throw new IllegalArgumentException("A template must be a YAML mapping");
        }
        return new CloudFormationTemplate(stringKeys(document, "template"));
    }

    /** The whole document as maps, lists and scalars. */
    public Map<String, Object> raw() {
        return Collections.unmodifiableMap(root);
    }

    /** Logical id to resource (Type, Properties, ...), in template order. */
    public Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        mapAt(root, "Resources").forEach((id, resource) -> resources.put(id, asMap(resource, id)));
        return resources;
    }

    public Optional<Map<String, Object>> resource(String logicalId) {
        return Optional.ofNullable(resources().get(logicalId));
    }

    public Optional<String> resourceType(String logicalId) {
        return resource(logicalId).map(resource -> (String) resource.get("Type"));
    }

    public List<String> logicalIdsOfType(String type) {
        return resources().entrySet().stream()
                .filter(entry -> type.equals(entry.getValue().get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    public Map<String, Object> parameters() {
        return mapAt(root, "Parameters");
    }

    /** Globals.Function, the defaults every serverless function inherits. */
    public Map<String, Object> globalFunctionProperties() {
        return mapAt(mapAt(root, "Globals"), "Function");
    }

    /** Globals.HttpApi, the defaults of SAM's implicit HTTP API (the one events without ApiId join). */
    public Map<String, Object> globalHttpApiProperties() {
        return mapAt(mapAt(root, "Globals"), "HttpApi");
    }

    /** Globals.Function.Environment.Variables. */
    public Map<String, Object> globalEnvironment() {
        return environmentVariables(globalFunctionProperties());
    }

    public List<TableDefinition> tables() {
        return logicalIdsOfType(TABLE_TYPE).stream().map(this::toTable).toList();
    }

    public Optional<TableDefinition> table(String logicalId) {
        return tables().stream().filter(table -> table.logicalId().equals(logicalId)).findFirst();
    }

    public List<FunctionDefinition> functions() {
        return logicalIdsOfType(FUNCTION_TYPE).stream().map(this::toFunction).toList();
    }

    public Optional<FunctionDefinition> function(String logicalId) {
        return functions().stream().filter(function -> function.logicalId().equals(logicalId)).findFirst();
    }

    private TableDefinition toTable(String logicalId) {
        Map<String, Object> properties = properties(logicalId);
        List<TableDefinition.Attribute> attributes = listAt(properties, "AttributeDefinitions").stream()
                .map(entry -> asMap(entry, logicalId + " AttributeDefinitions"))
                .map(entry -> new TableDefinition.Attribute(
                        string(entry, "AttributeName", logicalId), string(entry, "AttributeType", logicalId)))
                .toList();
        Optional<String> streamViewType = Optional.ofNullable(properties.get("StreamSpecification"))
                .map(spec -> asMap(spec, logicalId + " StreamSpecification").get("StreamViewType"))
                .map(String::valueOf);
        return new TableDefinition(
                logicalId,
                attributes,
                keySchema(properties.get("KeySchema"), logicalId),
                indexes(properties, "LocalSecondaryIndexes", logicalId),
                indexes(properties, "GlobalSecondaryIndexes", logicalId),
                streamViewType,
                Collections.unmodifiableMap(properties));
    }

    private List<TableDefinition.Index> indexes(Map<String, Object> properties, String key, String logicalId) {
        return listAt(properties, key).stream()
                .map(entry -> asMap(entry, logicalId + " " + key))
                .map(index -> {
                    String name = string(index, "IndexName", logicalId);
                    Map<String, Object> projection = mapAt(index, "Projection");
                    return new TableDefinition.Index(
                            name,
                            keySchema(index.get("KeySchema"), logicalId + "." + name),
                            String.valueOf(projection.getOrDefault("ProjectionType", "ALL")),
                            listAt(projection, "NonKeyAttributes").stream().map(String::valueOf).toList());
                })
                .toList();
    }

    private static List<TableDefinition.Key> keySchema(Object value, String owner) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(owner + " needs a KeySchema");
        }
        return list.stream()
                .map(entry -> asMap(entry, owner + " KeySchema"))
                .map(entry -> new TableDefinition.Key(
                        string(entry, "AttributeName", owner), string(entry, "KeyType", owner)))
                .toList();
    }

    private FunctionDefinition toFunction(String logicalId) {
        Map<String, Object> globals = globalFunctionProperties();
        Map<String, Object> properties = properties(logicalId);
        Object handler = properties.getOrDefault("Handler", globals.get("Handler"));
        if (!(handler instanceof String handlerName) || handlerName.isBlank()) {
            throw new IllegalArgumentException(logicalId + " has no Handler");
        }
        Map<String, Object> environment = new LinkedHashMap<>(globalEnvironment());
        environment.putAll(environmentVariables(properties));

        List<FunctionDefinition.HttpApiEvent> httpApiEvents = new ArrayList<>();
        List<FunctionDefinition.DynamoDbStreamEvent> streamEvents = new ArrayList<>();
        mapAt(properties, "Events").forEach((name, value) -> {
            Map<String, Object> event = asMap(value, logicalId + " event " + name);
            Map<String, Object> eventProperties = mapAt(event, "Properties");
            switch (String.valueOf(event.get("Type"))) {
                case "HttpApi" -> httpApiEvents.add(httpApiEvent(name, eventProperties));
                case "DynamoDB" -> streamEvents.add(streamEvent(name, eventProperties));
                default -> {
                    // Other event sources are outside what the local gateway serves.
                }
            }
        });
        return new FunctionDefinition(
                logicalId,
                handlerName,
                List.copyOf(httpApiEvents),
                List.copyOf(streamEvents),
                Collections.unmodifiableMap(environment),
                integer(properties.getOrDefault("Timeout", globals.get("Timeout")), LAMBDA_DEFAULT_TIMEOUT_SECONDS),
                integer(properties.getOrDefault("MemorySize", globals.get("MemorySize")), LAMBDA_DEFAULT_MEMORY_MB),
                Collections.unmodifiableMap(properties));
    }

    private static FunctionDefinition.HttpApiEvent httpApiEvent(String name, Map<String, Object> properties) {
        Object path = properties.get("Path");
        Object method = properties.get("Method");
        Optional<String> apiId = Optional.ofNullable(properties.get("ApiId")).map(id -> Intrinsics.ref(id)
                .orElseThrow(() -> new IllegalArgumentException(
                        "HttpApi event " + name + ": ApiId must be !Ref <an HttpApi of the template>, got: " + id)));
        Optional<String> authorizer = Optional.ofNullable(mapAt(properties, "Auth").get("Authorizer"))
                .map(String::valueOf);
        if (path == null && method == null) {
            return new FunctionDefinition.HttpApiEvent(name, "ANY", FunctionDefinition.HttpApiEvent.DEFAULT_ROUTE,
                    apiId, authorizer);
        }
        if (path == null || method == null) {
            throw new IllegalArgumentException("HttpApi event " + name + " needs both Path and Method");
        }
        return new FunctionDefinition.HttpApiEvent(name, method.toString().toUpperCase(java.util.Locale.ROOT),
                path.toString(), apiId, authorizer);
    }

    private static FunctionDefinition.DynamoDbStreamEvent streamEvent(String name, Map<String, Object> properties) {
        List<String> patterns = listAt(mapAt(properties, "FilterCriteria"), "Filters").stream()
                .map(filter -> asMap(filter, name + " FilterCriteria.Filters"))
                .map(filter -> String.valueOf(filter.get("Pattern")))
                .toList();
        return new FunctionDefinition.DynamoDbStreamEvent(
                name,
                properties.get("Stream"),
                String.valueOf(properties.getOrDefault("StartingPosition", "TRIM_HORIZON")),
                integer(properties.get("BatchSize"), DYNAMODB_DEFAULT_BATCH_SIZE),
                integer(properties.get("MaximumRetryAttempts"), -1),
                patterns,
                listAt(properties, "FunctionResponseTypes").stream().map(String::valueOf).toList());
    }

    private Map<String, Object> properties(String logicalId) {
        return mapAt(resources().get(logicalId), "Properties");
    }

    private static Map<String, Object> environmentVariables(Map<String, Object> functionProperties) {
        return mapAt(mapAt(functionProperties, "Environment"), "Variables");
    }

    private static Map<String, Object> mapAt(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value == null ? new LinkedHashMap<>() : asMap(value, key);
    }

    private static List<?> listAt(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(key + " must be a list, got: " + value);
        }
        return list;
    }

    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " must be a mapping, got: " + value);
        }
        return stringKeys(map, what);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map, String what) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException(what + " has a non-string key: " + key);
            }
            result.put(name, value);
        });
        return result;
    }

    private static String string(Map<String, Object> map, String key, String owner) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException(owner + " is missing " + key);
        }
        return value.toString();
    }

    private static int integer(Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            // An intrinsic (e.g. !Ref SomeParameter) cannot be resolved here.
            return fallback;
        }
    }
}
