package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** The real template.yaml against the code in functions/ and the sample events in events/. */
class TemplateContractTest {

    private static final Path ROOT = TemplateLocator.projectRoot();
    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load(ROOT.resolve("template.yaml"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TABLE_ARN_SUB =
            Pattern.compile("\\$\\{(\\w+)\\.(Arn|StreamArn)}(?:/index/([A-Za-z0-9_.-]+))?");

    @Test
    void template_parses_with_functions_tables_and_routes() {
        assertFalse(TEMPLATE.functions().isEmpty(), "no AWS::Serverless::Function");
        assertFalse(TEMPLATE.tables().isEmpty(), "no AWS::DynamoDB::Table");
        assertFalse(RouteTable.of(TEMPLATE.functions()).routes().isEmpty(), "no HttpApi routes");
    }

    @TestFactory
    Stream<DynamicTest> every_handler_class_is_a_request_handler_on_the_classpath() {
        return TEMPLATE.functions().stream().map(function -> dynamicTest(function.logicalId(), () -> {
            Class<?> handler;
            try {
                handler = Class.forName(function.handlerClassName());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(function.logicalId() + ": no class " + function.handlerClassName(), e);
            }
            assertTrue(RequestHandler.class.isAssignableFrom(handler),
                    handler.getName() + " does not implement RequestHandler");
            assertEquals("handleRequest", function.handlerMethodName());
            assertTrue(Arrays.stream(handler.getMethods()).anyMatch(method -> method.getName().equals("handleRequest")
                            && method.getParameterCount() == 2
                            && method.getParameterTypes()[1] == Context.class),
                    handler.getName() + " has no public handleRequest(event, Context)");
            assertTrue(Modifier.isPublic(handler.getModifiers()) && !Modifier.isAbstract(handler.getModifiers()),
                    handler.getName() + " must be a public concrete class");
            assertNotNull(handler.getConstructor(), handler.getName() + " needs a public no-arg constructor");
        }));
    }

    @Test
    void every_http_route_maps_to_exactly_one_function() {
        Map<String, List<String>> functionsByRoute = new TreeMap<>();
        for (FunctionDefinition function : TEMPLATE.functions()) {
            for (FunctionDefinition.HttpApiEvent event : function.httpApiEvents()) {
                functionsByRoute.computeIfAbsent(event.routeKey(), key -> new ArrayList<>()).add(function.logicalId());
            }
        }
        Map<String, List<String>> duplicated = functionsByRoute.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), duplicated, "routes served by more than one function");
    }

    @Test
    void every_function_has_its_own_log_group() {
        Map<String, Integer> logGroupsPerFunction = new TreeMap<>();
        TEMPLATE.functions().forEach(function -> logGroupsPerFunction.put(function.logicalId(), 0));
        for (String id : TEMPLATE.logicalIdsOfType("AWS::Logs::LogGroup")) {
            Object name = properties(id).get("LogGroupName");
            Optional<String> sub = Intrinsics.sub(name);
            Matcher matcher = Pattern.compile("/aws/lambda/\\$\\{(\\w+)}").matcher(sub.orElse(""));
            if (matcher.matches() && logGroupsPerFunction.containsKey(matcher.group(1))) {
                logGroupsPerFunction.merge(matcher.group(1), 1, Integer::sum);
            }
        }
        Map<String, Integer> wrong = logGroupsPerFunction.entrySet().stream()
                .filter(entry -> entry.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), wrong, "functions without exactly one /aws/lambda/${Function} log group");
    }

    @Test
    void every_log_group_has_a_retention() {
        assertAll(TEMPLATE.logicalIdsOfType("AWS::Logs::LogGroup").stream().map(id -> (Executable) () ->
                assertNotNull(properties(id).get("RetentionInDays"), id + " keeps logs forever")));
    }

    @Test
    void function_policies_grant_no_wildcard_actions() {
        List<String> problems = new ArrayList<>();
        forEachStatement((function, statement) -> {
            for (Object action : asList(statement.get("Action"))) {
                if (String.valueOf(action).contains("*")) {
                    problems.add(function + ": " + action);
                }
            }
            if (statement.containsKey("NotAction")) {
                problems.add(function + ": NotAction " + statement.get("NotAction"));
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void function_policies_grant_no_wildcard_resources() {
        List<String> problems = new ArrayList<>();
        forEachStatement((function, statement) -> {
            for (Object resource : asList(statement.get("Resource"))) {
                String text = resource instanceof String string ? string : Intrinsics.sub(resource).orElse("");
                if (text.contains("*")) {
                    problems.add(function + ": " + resource);
                }
            }
            if (statement.containsKey("NotResource")) {
                problems.add(function + ": NotResource " + statement.get("NotResource"));
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void function_dynamodb_statements_name_only_tables_of_the_template() {
        List<String> problems = new ArrayList<>();
        forEachStatement((function, statement) -> {
            boolean dynamoDb = asList(statement.get("Action")).stream()
                    .anyMatch(action -> String.valueOf(action).toLowerCase(Locale.ROOT).startsWith("dynamodb:"));
            if (!dynamoDb) {
                return;
            }
            for (Object resource : asList(statement.get("Resource"))) {
                tableResourceProblem(resource).ifPresent(problem -> problems.add(function + ": " + problem));
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void function_policies_are_inline_statements_or_table_scoped_templates() {
        List<String> problems = new ArrayList<>();
        for (FunctionDefinition function : TEMPLATE.functions()) {
            for (Object policy : documents(function.policies())) {
                if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                    continue;
                }
                if (policy instanceof Map<?, ?> map && map.size() == 1) {
                    Map.Entry<?, ?> template = map.entrySet().iterator().next();
                    if (String.valueOf(template.getKey()).startsWith("DynamoDB")
                            && template.getValue() instanceof Map<?, ?> parameters
                            && Intrinsics.ref(parameters.get("TableName")).flatMap(TEMPLATE::table).isPresent()) {
                        continue;
                    }
                }
                problems.add(function.logicalId() + ": " + policy);
            }
        }
        assertEquals(List.of(), problems, "managed policies or unscoped policy templates");
    }

    @Test
    void tables_are_billed_per_request() {
        assertAll(TEMPLATE.tables().stream().map(table -> (Executable) () ->
                assertEquals("PAY_PER_REQUEST", table.properties().get("BillingMode"), table.logicalId())));
    }

    @Test
    void tables_have_point_in_time_recovery() {
        assertAll(TEMPLATE.tables().stream().map(table -> (Executable) () ->
                assertEquals(true, nested(table.properties(), "PointInTimeRecoverySpecification",
                        "PointInTimeRecoveryEnabled"), table.logicalId())));
    }

    @Test
    void tables_have_deletion_protection() {
        assertAll(TEMPLATE.tables().stream().map(table -> (Executable) () ->
                assertEquals(true, table.properties().get("DeletionProtectionEnabled"), table.logicalId())));
    }

    @Test
    void tables_have_server_side_encryption() {
        assertAll(TEMPLATE.tables().stream().map(table -> (Executable) () ->
                assertEquals(true, nested(table.properties(), "SSESpecification", "SSEEnabled"), table.logicalId())));
    }

    @Test
    void conversations_table_keys_match_conversation_record_schema() throws Exception {
        assertKeysMatch("ConversationsTable", "org.openconversations.store.ConversationRecord");
    }

    @Test
    void items_table_keys_match_item_record_schema() throws Exception {
        assertKeysMatch("ItemsTable", "org.openconversations.store.ItemRecord");
    }

    @Test
    void responses_table_keys_match_response_record_schema() throws Exception {
        assertKeysMatch("ResponsesTable", "org.openconversations.store.ResponseRecord");
    }

    @Test
    void keys_table_keys_match_key_record_schema() throws Exception {
        assertKeysMatch("KeysTable", "org.openconversations.auth.KeyRecord");
    }

    @Test
    void keys_table_indexes_match_key_record_schema() throws Exception {
        assertIndexesMatch("KeysTable", "org.openconversations.auth.KeyRecord");
        assertTrue(table("KeysTable").index(org.openconversations.auth.KeyRecord.PREFIX_INDEX).isPresent(),
                "KeyRecord.PREFIX_INDEX is not an index of KeysTable");
    }

    @Test
    void every_route_is_behind_the_api_key_authorizer_the_gateway_runs() {
        Map<String, AuthorizerDefinition> authorizers = HttpApiAuthorizers.byRouteKey(TEMPLATE);
        List<String> routes = RouteTable.of(TEMPLATE.functions()).routes().stream().map(RouteTable.Route::routeKey).toList();
        assertEquals(new TreeSet<>(routes), new TreeSet<>(authorizers.keySet()), "routes without the authorizer");
        for (AuthorizerDefinition authorizer : authorizers.values()) {
            assertEquals("ApiKeyAuthorizerFunction", authorizer.functionId());
            assertEquals(List.of("Authorization"), authorizer.identityHeaders());
            assertEquals(60, authorizer.reauthorizeEvery().toSeconds(), "README promises revocation within a minute");
        }
        assertEquals("org.openconversations.handlers.ApiKeyAuthorizerHandler",
                TEMPLATE.function("ApiKeyAuthorizerFunction").orElseThrow().handlerClassName());
    }

    @Test
    void the_authorizer_reads_the_keys_table_and_the_pepper_and_may_only_get_keys() {
        assertEquals(Optional.of("KeysTable"), HttpApiAuthorizers.keysTable(TEMPLATE));
        FunctionDefinition authorizer = TEMPLATE.function("ApiKeyAuthorizerFunction").orElseThrow();
        assertEquals(Optional.of("ApiKeyPepper"), Intrinsics.ref(authorizer.environment().get("API_KEY_PEPPER_SECRET_ARN")));
        List<String> keyActions = new ArrayList<>();
        forEachStatement((function, statement) -> {
            boolean onKeys = asList(statement.get("Resource")).stream().anyMatch(resource ->
                    Intrinsics.getAtt(resource).map(Intrinsics.GetAtt::resource).filter("KeysTable"::equals).isPresent());
            if (onKeys) {
                asList(statement.get("Action")).forEach(action -> keyActions.add(function + ": " + action));
            }
        });
        assertEquals(List.of("ApiKeyAuthorizerFunction: dynamodb:GetItem"), keyActions,
                "only the authorizer reads keys, and only by hash");
    }

    @TestFactory
    Stream<DynamicTest> route_events_carry_the_tenant_and_the_authorizer_event_its_identity() throws IOException {
        Map<String, AuthorizerDefinition> authorizers = HttpApiAuthorizers.byRouteKey(TEMPLATE);
        return eventFiles().stream().map(file -> dynamicTest(file.getFileName().toString(), () -> {
            JsonNode event = JSON.readTree(file.toFile());
            if (!event.hasNonNull("routeKey")) {
                return;
            }
            AuthorizerDefinition authorizer = authorizers.get(event.get("routeKey").asText());
            assertNotNull(authorizer, file.getFileName() + ": its route has no authorizer");
            List<String> identity = authorizer.identityHeaders().stream()
                    .map(header -> event.path("headers").path(header.toLowerCase(Locale.ROOT)).asText(null))
                    .toList();
            assertFalse(identity.contains(null), file.getFileName() + ": no " + authorizer.identityHeaders()
                    + " header, so API Gateway would answer 401 before the function");
            if ("REQUEST".equals(event.path("type").asText())) {
                assertEquals("2.0", event.path("version").asText(), file.getFileName().toString());
                List<String> source = new ArrayList<>();
                event.path("identitySource").forEach(value -> source.add(value.asText()));
                assertEquals(identity, source, file.getFileName() + ": identitySource");
                assertTrue(event.path("routeArn").asText().endsWith(
                        "/" + event.path("requestContext").path("http").path("method").asText()
                                + event.path("rawPath").asText()), file.getFileName() + ": routeArn");
            } else {
                assertEquals("default", event.at("/requestContext/authorizer/lambda/tenant").asText(null),
                        file.getFileName() + ": requestContext.authorizer.lambda.tenant");
            }
        }));
    }

    @Test
    void responses_expire_by_the_ttl_attribute_the_code_writes() {
        assertEquals("expires_at", nested(table("ResponsesTable").properties(), "TimeToLiveSpecification",
                "AttributeName"));
        assertTrue(org.openconversations.store.ResponseRecord.TABLE_SCHEMA.attributeNames().contains("expires_at"));
    }

    @Test
    void non_dynamodb_statements_name_a_parameter_or_resource_never_everything() {
        List<String> problems = new ArrayList<>();
        forEachStatement((function, statement) -> {
            for (Object resource : asList(statement.get("Resource"))) {
                if ("*".equals(resource)) problems.add(function + ": Resource *");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void conversations_table_indexes_match_conversation_record_schema() throws Exception {
        assertIndexesMatch("ConversationsTable", "org.openconversations.store.ConversationRecord");
    }

    @Test
    void items_table_indexes_match_item_record_schema() throws Exception {
        assertIndexesMatch("ItemsTable", "org.openconversations.store.ItemRecord");
    }

    @Test
    void item_id_index_constant_names_a_local_secondary_index_of_items_table() throws Exception {
        String indexName = (String) Class.forName("org.openconversations.store.ItemRecord")
                .getField("ITEM_ID_INDEX").get(null);
        TableDefinition items = table("ItemsTable");
        assertTrue(items.localSecondaryIndexes().stream().anyMatch(index -> index.name().equals(indexName)),
                indexName + " is not a LocalSecondaryIndex of ItemsTable");
    }

    @TestFactory
    Stream<DynamicTest> every_sample_event_names_a_route_of_the_template() throws IOException {
        List<Path> files = eventFiles();
        RouteTable routeTable = RouteTable.of(TEMPLATE.functions());
        return files.stream().map(file -> dynamicTest(file.getFileName().toString(), () -> {
            JsonNode event = JSON.readTree(file.toFile());
            if (!event.hasNonNull("routeKey")) {
                return;
            }
            String routeKey = event.get("routeKey").asText();
            List<RouteTable.Route> named = routeTable.routes().stream()
                    .filter(route -> route.routeKey().equals(routeKey))
                    .toList();
            assertEquals(1, named.size(), file.getFileName() + ": routeKey " + routeKey
                    + " should name exactly one route of " + routeTable.routes().stream()
                    .map(RouteTable.Route::routeKey).toList());
            String method = event.path("requestContext").path("http").path("method").asText(null);
            String rawPath = event.path("rawPath").asText(null);
            assertNotNull(method, file.getFileName() + ": no requestContext.http.method");
            assertNotNull(rawPath, file.getFileName() + ": no rawPath");
            RouteTable.Route route = named.get(0);
            Optional<RouteTable.RouteMatch> ownMatch = new RouteTable(List.of(route)).match(method, rawPath);
            assertTrue(ownMatch.isPresent(), file.getFileName() + ": " + method + " " + rawPath
                    + " does not match " + routeKey);
            Optional<RouteTable.RouteMatch> selected = routeTable.match(method, rawPath);
            assertEquals(routeKey, selected.map(match -> match.route().routeKey()).orElse(null),
                    file.getFileName() + ": API Gateway would route " + method + " " + rawPath + " elsewhere");
            if (event.hasNonNull("pathParameters")) {
                Map<String, String> parameters = new LinkedHashMap<>();
                event.get("pathParameters").fields().forEachRemaining(
                        entry -> parameters.put(entry.getKey(), entry.getValue().asText()));
                assertEquals(ownMatch.get().pathParameters(), parameters,
                        file.getFileName() + ": pathParameters disagree with rawPath");
            }
        }));
    }

    private static List<Path> eventFiles() throws IOException {
        Path events = ROOT.resolve("events");
        List<Path> files;
        try (Stream<Path> listing = Files.isDirectory(events) ? Files.list(events) : Stream.empty()) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        Assumptions.assumeFalse(files.isEmpty(), "no events/*.json yet");
        return files;
    }

    private static void assertKeysMatch(String tableId, String recordClass) throws Exception {
        TableDefinition table = table(tableId);
        TableMetadata metadata = schema(recordClass).tableMetadata();
        assertEquals(table.partitionKey(), metadata.primaryPartitionKey(), tableId + " partition key");
        assertEquals(table.sortKey(), metadata.primarySortKey(), tableId + " sort key");
        for (String key : keyAttributes(table)) {
            assertEquals(table.attributeType(key), metadata.scalarAttributeType(key).map(Object::toString),
                    tableId + " type of " + key);
        }
    }

    private static void assertIndexesMatch(String tableId, String recordClass) throws Exception {
        TableDefinition table = table(tableId);
        TableMetadata metadata = schema(recordClass).tableMetadata();
        List<IndexMetadata> indices = metadata.indices().stream()
                .filter(index -> !index.name().equals(TableMetadata.primaryIndexName()))
                .toList();
        // In the enhanced client's metadata an index without its own partition key is a local one.
        Set<String> codeLocal = indices.stream().filter(index -> index.partitionKey().isEmpty())
                .map(IndexMetadata::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> codeGlobal = indices.stream().filter(index -> index.partitionKey().isPresent())
                .map(IndexMetadata::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(names(table.localSecondaryIndexes()), codeLocal, tableId + " local secondary indexes");
        assertEquals(names(table.globalSecondaryIndexes()), codeGlobal, tableId + " global secondary indexes");
        for (TableDefinition.Index index : concat(table.localSecondaryIndexes(), table.globalSecondaryIndexes())) {
            assertEquals(index.partitionKey(), metadata.indexPartitionKey(index.name()),
                    tableId + "." + index.name() + " partition key");
            assertEquals(index.sortKey(), metadata.indexSortKey(index.name()),
                    tableId + "." + index.name() + " sort key");
            for (String key : index.keySchema().stream().map(TableDefinition.Key::attributeName).toList()) {
                assertEquals(table.attributeType(key), metadata.scalarAttributeType(key).map(Object::toString),
                        tableId + "." + index.name() + " type of " + key);
            }
        }
    }

    private static TableSchema<?> schema(String recordClass) throws ReflectiveOperationException {
        return (TableSchema<?>) Class.forName(recordClass).getField("TABLE_SCHEMA").get(null);
    }

    private static TableDefinition table(String tableId) {
        return TEMPLATE.table(tableId).orElseThrow(() -> new AssertionError("template has no table " + tableId));
    }

    private static Set<String> keyAttributes(TableDefinition table) {
        Set<String> keys = new TreeSet<>();
        keys.add(table.partitionKey());
        table.sortKey().ifPresent(keys::add);
        return keys;
    }

    private static Set<String> names(List<TableDefinition.Index> indexes) {
        return indexes.stream().map(TableDefinition.Index::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /** Why a DynamoDB statement's resource is not a table (or index or stream) of this template, if it isn't. */
    private static Optional<String> tableResourceProblem(Object resource) {
        Optional<Intrinsics.GetAtt> getAtt = Intrinsics.getAtt(resource);
        if (getAtt.isPresent()) {
            String attribute = getAtt.get().attribute();
            boolean ok = TEMPLATE.table(getAtt.get().resource()).isPresent()
                    && (attribute.equals("Arn") || attribute.equals("StreamArn"));
            return ok ? Optional.empty() : Optional.of("not a table of the template: " + resource);
        }
        Optional<String> sub = Intrinsics.sub(resource);
        if (sub.isPresent()) {
            Matcher matcher = TABLE_ARN_SUB.matcher(sub.get());
            if (!matcher.matches()) {
                return Optional.of("not ${Table.Arn}[/index/name]: " + sub.get());
            }
            Optional<TableDefinition> table = TEMPLATE.table(matcher.group(1));
            if (table.isEmpty()) {
                return Optional.of("not a table of the template: " + sub.get());
            }
            String index = matcher.group(3);
            if (index != null && table.get().index(index).isEmpty()) {
                return Optional.of("no index " + index + " on " + matcher.group(1) + ": " + sub.get());
            }
            return Optional.empty();
        }
        return Optional.of("not a reference to a table of the template: " + resource);
    }

    private interface StatementVisitor {
        void visit(String function, Map<?, ?> statement);
    }

    private static void forEachStatement(StatementVisitor visitor) {
        for (FunctionDefinition function : TEMPLATE.functions()) {
            for (Object policy : documents(function.policies())) {
                if (!(policy instanceof Map<?, ?> document) || !document.containsKey("Statement")) {
                    continue;
                }
                for (Object statement : asList(document.get("Statement"))) {
                    if (!(statement instanceof Map<?, ?> map)) {
                        fail(function.logicalId() + ": statement is not a mapping: " + statement);
                        return;
                    }
                    visitor.visit(function.logicalId(), map);
                }
            }
        }
    }

    /** The policies, with each conditional ({@code Fn::If}) replaced by the documents of its branches. */
    private static List<Object> documents(List<Object> policies) {
        List<Object> documents = new ArrayList<>();
        for (Object policy : policies) {
            if (policy instanceof Map<?, ?> map && map.get("Fn::If") instanceof List<?> branches && branches.size() == 3) {
                documents.addAll(branches.subList(1, 3).stream()
                        .filter(branch -> !Intrinsics.ref(branch).filter("AWS::NoValue"::equals).isPresent())
                        .toList());
            } else {
                documents.add(policy);
            }
        }
        return documents;
    }

    private static Map<String, Object> properties(String logicalId) {
        Object properties = TEMPLATE.resource(logicalId).orElseThrow().get("Properties");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = properties instanceof Map<?, ?> ? (Map<String, Object>) properties : Map.of();
        return map;
    }

    private static Object nested(Map<String, Object> properties, String outer, String inner) {
        return properties.get(outer) instanceof Map<?, ?> map ? map.get(inner) : null;
    }

    private static List<?> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }
}
