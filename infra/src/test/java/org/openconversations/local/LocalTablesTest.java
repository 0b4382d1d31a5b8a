package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Tables created from src/test/resources/stream-template.yaml, and the handlers' configuration. */
class LocalTablesTest {

    @TempDir
    static Path dataDir;

    private static LocalApi api;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() {
        api = LocalApi.start(LocalApiOptions.forTemplate(TestTemplates.STREAMS).withDataDir(dataDir));
        dynamoDb = DynamoDbClients.dynamoDb(api.dynamoDbEndpoint());
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        api.close();
    }

    @Test
    void creates_every_table_of_the_template_named_after_its_logical_id() {
        assertEquals(List.of("RetriesTable", "ThingsTable"), dynamoDb.listTables().tableNames().stream().sorted().toList());
    }

    @Test
    void creates_tables_with_the_template_keys() {
        TableDescription table = describe("ThingsTable");
        assertEquals(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)), table.keySchema());
        assertEquals(Map.of("pk", "S", "sk", "N", "name", "S", "status", "S"),
                table.attributeDefinitions().stream().collect(java.util.stream.Collectors.toMap(
                        definition -> definition.attributeName(), definition -> definition.attributeTypeAsString())));
    }

    @Test
    void creates_local_secondary_indexes() {
        var index = describe("ThingsTable").localSecondaryIndexes().get(0);
        assertEquals("name-index", index.indexName());
        assertEquals(List.of(key("pk", KeyType.HASH), key("name", KeyType.RANGE)), index.keySchema());
        assertEquals("KEYS_ONLY", index.projection().projectionTypeAsString());
    }

    @Test
    void creates_global_secondary_indexes() {
        var index = describe("ThingsTable").globalSecondaryIndexes().get(0);
        assertEquals("status-index", index.indexName());
        assertEquals(List.of(key("status", KeyType.HASH)), index.keySchema());
    }

    @Test
    void creates_tables_with_their_stream_specification() {
        TableDescription table = describe("ThingsTable");
        assertTrue(table.streamSpecification().streamEnabled());
        assertEquals("NEW_AND_OLD_IMAGES", table.streamSpecification().streamViewTypeAsString());
        assertEquals("KEYS_ONLY", describe("RetriesTable").streamSpecification().streamViewTypeAsString());
    }

    @Test
    void keeps_data_in_the_data_dir() throws Exception {
        try (var files = Files.list(dataDir)) {
            assertTrue(files.anyMatch(file -> file.getFileName().toString().endsWith(".db")));
        }
    }

    @Test
    void keeps_items_across_a_restart_with_the_same_data_dir(@TempDir Path restartDir) {
        Map<String, AttributeValue> key = Map.of(
                "pk", AttributeValue.fromS("kept"), "sk", AttributeValue.fromN("1"));
        LocalApiOptions options = LocalApiOptions.forTemplate(TestTemplates.STREAMS).withDataDir(restartDir);
        try (LocalApi first = LocalApi.start(options);
                DynamoDbClient client = DynamoDbClients.dynamoDb(first.dynamoDbEndpoint())) {
            client.putItem(request -> request.tableName("ThingsTable")
                    .item(Map.of("pk", key.get("pk"), "sk", key.get("sk"), "note", AttributeValue.fromS("still here"))));
        }
        try (LocalApi second = LocalApi.start(options);
                DynamoDbClient client = DynamoDbClients.dynamoDb(second.dynamoDbEndpoint())) {
            Map<String, AttributeValue> item = client.getItem(request -> request.tableName("ThingsTable").key(key)
                    .consistentRead(true)).item();
            assertEquals("still here", item.get("note").s());
        }
    }

    @Test
    void gives_handlers_table_refs_as_local_table_names() {
        assertEquals("ThingsTable", System.getProperty("THINGS_TABLE"));
    }

    @Test
    void gives_handlers_plain_environment_values_as_they_are() {
        assertEquals("hello", System.getProperty("GREETING"));
    }

    @Test
    void does_not_give_handlers_java_tool_options() {
        assertNull(System.getProperty("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void points_handlers_at_the_local_dynamodb_with_dummy_credentials() {
        assertEquals(api.dynamoDbEndpoint().toString(), System.getProperty("DYNAMODB_ENDPOINT"));
        assertEquals("us-east-1", System.getProperty("AWS_REGION"));
        assertEquals(DynamoDbClients.ACCESS_KEY_ID, System.getProperty("AWS_ACCESS_KEY_ID"));
        assertEquals(DynamoDbClients.SECRET_ACCESS_KEY, System.getProperty("AWS_SECRET_ACCESS_KEY"));
    }

    private static TableDescription describe(String name) {
        return dynamoDb.describeTable(request -> request.tableName(name)).table();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
