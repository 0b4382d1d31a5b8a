package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The gateway over the project's own template.yaml and the handlers in functions/. */
class LocalApiRealTemplateTest {

    private static LocalApi api;

    @BeforeAll
    static void start() {
        api = LocalApi.start(LocalApiOptions.forTemplate(TemplateLocator.projectRoot().resolve("template.yaml")));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void creates_the_template_tables_in_dynamodb_local() {
        try (DynamoDbClient dynamoDb = DynamoDbClients.dynamoDb(api.dynamoDbEndpoint())) {
            assertEquals(api.template().tables().stream().map(TableDefinition::tableName).sorted().toList(),
                    dynamoDb.listTables().tableNames().stream().sorted().toList());
            assertTrue(dynamoDb.describeTable(request -> request.tableName("ConversationsTable"))
                    .table().streamSpecification().streamEnabled());
        }
    }

    @Test
    void gives_handlers_the_local_table_names() {
        assertEquals("ConversationsTable", System.getProperty("CONVERSATIONS_TABLE"));
        assertEquals("ItemsTable", System.getProperty("ITEMS_TABLE"));
        assertEquals("KeysTable", System.getProperty("KEYS_TABLE"));
    }

    @Test
    void gives_the_authorizer_a_local_pepper_instead_of_the_secret() {
        assertEquals(64, System.getProperty("API_KEY_PEPPER").length());
        assertNull(System.getProperty("API_KEY_PEPPER_SECRET_ARN"));
    }

    @Test
    void an_empty_store_gets_a_first_key_for_tenant_default() {
        String key = api.firstKey().orElseThrow();
        assertEquals("default", api.keys().orElseThrow().find(key).orElseThrow().getTenant());
        assertEquals(1, api.keys().orElseThrow().list().size());
    }

    @Test
    void routes_are_behind_the_authorizer() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", response.body());
    }

    @Test
    void sends_unmatched_paths_to_the_route_not_found_function() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/nothing-here"))
                        .header("Authorization", "Bearer " + api.firstKey().orElseThrow()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        JsonNode error = new ObjectMapper().readTree(response.body()).path("error");
        assertEquals("Invalid URL (GET /v1/nothing-here)", error.path("message").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
    }
}
