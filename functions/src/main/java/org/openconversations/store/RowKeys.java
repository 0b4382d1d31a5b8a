package org.openconversations.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Primary keys for the calls the repositories make with the low-level client.
 *
 * <p>Why not the Enhanced Client's {@code Key}: {@code Key.Builder} creates every default attribute converter in
 * its static initializer, about 100 classes and some 50 ms of each cold start, and our hand-written
 * {@link RowSchema}s convert nothing through them. So every call that needs a key (get, delete, query, batch
 * delete) is made with the low-level client and these maps, and its rows are still mapped by the table's
 * schema. Writes are low-level too, for their own cold-start cost: {@link RowUpdate}.
 */
final class RowKeys {
    private RowKeys() {}

    static Map<String, AttributeValue> of(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    static Map<String, AttributeValue> of(String pk, long seq) {
        return Map.of("pk", AttributeValue.fromS(pk), "seq", AttributeValue.fromN(Long.toString(seq)));
    }
}
