package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openconversations.local.fixtures.FlakyStreamHandler;
import org.openconversations.local.fixtures.RecordingStreamHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stream triggers of src/test/resources/stream-template.yaml. */
class StreamPollerTest {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);

    private static LocalApi api;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() {
        api = LocalApi.start(LocalApiOptions.forTemplate(TestTemplates.STREAMS));
        dynamoDb = DynamoDbClients.dynamoDb(api.dynamoDbEndpoint());
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        api.close();
    }

    @Test
    void delivers_remove_records_to_the_stream_function() throws Exception {
        String pk = unique("removed");
        putThing(dynamoDb, pk);
        deleteThing(dynamoDb, pk);

        DynamodbEvent.DynamodbStreamRecord record = nextRecordFor(pk);
        String streamArn = dynamoDb.describeTable(request -> request.tableName("ThingsTable")).table().latestStreamArn();
        assertEquals("REMOVE", record.getEventName());
        assertEquals("aws:dynamodb", record.getEventSource());
        assertEquals("us-east-1", record.getAwsRegion());
        assertEquals(streamArn, record.getEventSourceARN());
        assertNotNull(record.getEventID());
        assertEquals(pk, record.getDynamodb().getKeys().get("pk").getS());
        assertEquals("1", record.getDynamodb().getKeys().get("sk").getN());
        assertEquals("NEW_AND_OLD_IMAGES", record.getDynamodb().getStreamViewType());
        assertEquals("Thing", record.getDynamodb().getOldImage().get("name").getS());
        assertNotNull(record.getDynamodb().getSequenceNumber());
        assertNotNull(record.getDynamodb().getApproximateCreationDateTime());
    }

    @Test
    void skips_records_that_do_not_match_the_filter() throws Exception {
        String pk = unique("filtered");
        putThing(dynamoDb, pk);
        dynamoDb.updateItem(request -> request.tableName("ThingsTable").key(thingKey(pk))
                .updateExpression("SET #n = :n")
                .expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("Renamed"))));
        deleteThing(dynamoDb, pk);

        // The INSERT and MODIFY precede the REMOVE in the same shard, so they would have come first.
        assertEquals("REMOVE", nextRecordFor(pk).getEventName());
    }

    @Test
    void retries_records_reported_as_batch_item_failures() throws Exception {
        String pk = unique("report-");
        putAndDeleteRetry(pk);
        assertEquals(List.of(pk + "#1", pk + "#2"), deliveriesOf(pk, 2));
    }

    @Test
    void retries_records_when_the_handler_throws() throws Exception {
        String pk = unique("throw-");
        putAndDeleteRetry(pk);
        assertEquals(List.of(pk + "#1", pk + "#2"), deliveriesOf(pk, 2));
    }

    @Test
    void delivers_removes_made_while_the_gateway_was_down() throws Exception {
        String pk = unique("offline");
        try (LocalDynamoDb external = LocalDynamoDb.startInMemory();
                DynamoDbClient client = DynamoDbClients.dynamoDb(external.endpoint())) {
            LocalApiOptions options = LocalApiOptions.forTemplate(TestTemplates.STREAMS)
                    .withDynamoDbEndpoint(external.endpoint());
            try (LocalApi first = LocalApi.start(options)) {
                putThing(client, pk);
            }
            deleteThing(client, pk);
            try (LocalApi second = LocalApi.start(options)) {
                assertEquals("REMOVE", nextRecordFor(pk).getEventName());
            }
        }
    }

    @Test
    void fails_startup_on_a_filter_pattern_it_cannot_apply() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LocalApi.start(LocalApiOptions.forTemplate(TestTemplates.UNSUPPORTED_FILTER)));
        assertTrue(error.getMessage().contains("\"dynamodb\""), error.getMessage());
    }

    private static void putThing(DynamoDbClient client, String pk) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(thingKey(pk));
        item.put("name", AttributeValue.fromS("Thing"));
        client.putItem(request -> request.tableName("ThingsTable").item(item));
    }

    private static void deleteThing(DynamoDbClient client, String pk) {
        client.deleteItem(request -> request.tableName("ThingsTable").key(thingKey(pk)));
    }

    private static Map<String, AttributeValue> thingKey(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN("1"));
    }

    private static void putAndDeleteRetry(String pk) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(pk));
        dynamoDb.putItem(request -> request.tableName("RetriesTable").item(key));
        dynamoDb.deleteItem(request -> request.tableName("RetriesTable").key(key));
    }

    /** The first record delivered to RecordingStreamHandler for this pk; other pks are put back. */
    private static DynamodbEvent.DynamodbStreamRecord nextRecordFor(String pk) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        List<DynamodbEvent.DynamodbStreamRecord> others = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                DynamodbEvent.DynamodbStreamRecord record = RecordingStreamHandler.RECEIVED.poll(100, TimeUnit.MILLISECONDS);
                if (record == null) {
                    continue;
                }
                if (pk.equals(record.getDynamodb().getKeys().get("pk").getS())) {
                    return record;
                }
                others.add(record);
            }
        } finally {
            RecordingStreamHandler.RECEIVED.addAll(others);
        }
        return fail("No stream record for " + pk + " within " + DELIVERY_TIMEOUT);
    }

    private static List<String> deliveriesOf(String pk, int count) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        List<String> deliveries = new ArrayList<>();
        while (deliveries.size() < count && System.nanoTime() < deadline) {
            String delivery = FlakyStreamHandler.DELIVERIES.poll(100, TimeUnit.MILLISECONDS);
            if (delivery != null && delivery.startsWith(pk + "#")) {
                deliveries.add(delivery);
            } else if (delivery != null) {
                FlakyStreamHandler.DELIVERIES.add(delivery);
            }
        }
        return deliveries;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID();
    }
}
