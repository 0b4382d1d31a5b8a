package org.openconversations.bench;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Grows a conversation created through the API to a given size by writing item rows straight into
 * ItemsTable, in the layout README's data model describes: the API takes 20 items a request, and the scale
 * rows need 100,000. Returns the id of the item in the middle.
 */
final class ConversationSeeder {
    // Batches in flight at once, so DynamoDB Local always has one to serve while the next is marshalled and
    // sent. For 100,000 rows on two cores: one writer took 36 s, two 29 s, four 22 s, eight no less.
    private static final int WRITERS = 4;
    private final DynamoDbClient dynamoDb;
    private final String conversationsTable;
    private final String itemsTable;

    ConversationSeeder(DynamoDbClient dynamoDb, String conversationsTable, String itemsTable) {
        this.dynamoDb = dynamoDb;
        this.conversationsTable = conversationsTable;
        this.itemsTable = itemsTable;
    }

    /**
     * @param pk the conversation's key; it holds {@code existing} items (positions 0 to existing - 1), which
     *     are kept; pass 0 to replace every item with a seeded one
     * @return the id of the item at position {@code size / 2}
     */
    String grow(String pk, long existing, long size) {
        String middle = null;
        List<Future<String>> writes = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            for (long from = existing; from < size; from += BatchWrites.BATCH) {
                long first = from;
                long end = Math.min(size, from + BatchWrites.BATCH);
                writes.add(writers.submit(() -> writeBatch(pk, first, end, size / 2)));
            }
            for (Future<String> write : writes) {
                String id = write.get();
                if (id != null) middle = id;
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Seeding " + pk + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Seeding " + pk + " was interrupted", e);
        }
        dynamoDb.updateItem(r -> r.tableName(conversationsTable).key(Map.of("pk", AttributeValue.fromS(pk)))
                .updateExpression("SET next_seq = :size")
                .expressionAttributeValues(Map.of(":size", AttributeValue.fromN(Long.toString(size)))));
        return middle;
    }

    /**
     * Shrinks a conversation back to its first {@code size} items, as it was before turns appended to it: their
     * rows go, and {@code next_seq} returns to {@code size}. A turn reads and writes the same rows as on a
     * conversation freshly grown to that size, and one conversation serves every turn instead of 19,800 rows
     * seeded for a hundred of them.
     */
    void trim(String pk, long size) {
        List<Map<String, AttributeValue>> appended = dynamoDb.queryPaginator(r -> r.tableName(itemsTable)
                        .consistentRead(true)
                        .keyConditionExpression("pk = :pk AND seq >= :size")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                                ":size", AttributeValue.fromN(Long.toString(size))))
                        .projectionExpression("pk, seq"))
                .items().stream().toList();
        BatchWrites.delete(dynamoDb, itemsTable, appended);
        dynamoDb.updateItem(r -> r.tableName(conversationsTable).key(Map.of("pk", AttributeValue.fromS(pk)))
                .updateExpression("SET next_seq = :size")
                .expressionAttributeValues(Map.of(":size", AttributeValue.fromN(Long.toString(size)))));
    }

    /**
     * Writes the rows at positions {@code first} to {@code end - 1}, made here rather than up front: made up
     * front, all 100,000 waited in the writers' queue at once, and the harness's collector was still clearing
     * them out of its old generation, a core's worth of marking at a time, while later sections were timed.
     *
     * @return the id of the row at position {@code middle}, if this batch holds it, else null
     */
    private String writeBatch(String pk, long first, long end, long middle) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>((int) (end - first));
        String middleId = null;
        for (long seq = first; seq < end; seq++) {
            String id = "msg_" + HexFormat.of().formatHex(randomBytes());
            if (seq == middle) middleId = id;
            rows.add(Map.of(
                    "pk", AttributeValue.fromS(pk),
                    "seq", AttributeValue.fromN(Long.toString(seq)),
                    "item_id", AttributeValue.fromS(id),
                    "body", AttributeValue.fromS(message(id, seq))));
        }
        BatchWrites.put(dynamoDb, itemsTable, rows);
        return middleId;
    }

    /**
     * A user message of about 300 bytes stored, the size of a short chat turn. Its position is written at a fixed
     * width so every row is the same size at every conversation size: a page's read units are rounded at 4 KB,
     * and rows growing by a digit per tenfold would move a page across that line for reasons other than scale.
     */
    static String message(String id, long seq) {
        return "{\"id\":\"" + id + "\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"Message " + String.format("%06d", seq)
                + ": the quick brown fox jumps over the lazy dog, and then it asks the assistant what to do"
                + " about the dog, which keeps sleeping through all of it.\"}]}";
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
