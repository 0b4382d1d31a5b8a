package org.openconversations.domain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openconversations.errors.InvalidRequestException;

/**
 * DynamoDB's hard limits, checked before any write so that an oversized request is a clear 400 and never
 * a half-done write or a 500: 400 KB per stored row, 4 MB per transaction (all items of one request).
 */
public final class ItemLimits {
    public static final int MAX_ROW_BYTES = 400 * 1024;
    public static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    // Attribute names, keys, the sequence number and the conversation row's update in the same transaction.
    private static final int ROW_OVERHEAD_BYTES = 512;

    private ItemLimits() {}

    public static int storedBytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length + ROW_OVERHEAD_BYTES;
    }

    /** @param jsons the serialised items in request order; {@code arrayParam} is {@code items} */
    public static void check(List<String> jsons, String arrayParam) {
        long total = 0;
        for (int i = 0; i < jsons.size(); i++) {
            int bytes = storedBytes(jsons.get(i));
            if (bytes > MAX_ROW_BYTES) {
                String param = arrayParam + "[" + i + "]";
                throw InvalidRequestException.of(
                        "Invalid '" + param + "': item too large. A stored item can be at most " + MAX_ROW_BYTES
                                + " bytes (DynamoDB's 400 KB item limit), but this one needs " + bytes + " bytes.",
                        param, "item_too_large");
            }
            total += bytes;
        }
        if (total > MAX_REQUEST_BYTES) {
            throw InvalidRequestException.of(
                    "Invalid '" + arrayParam + "': items too large together. One request can store at most "
                            + MAX_REQUEST_BYTES + " bytes of items, but these need " + total
                            + " bytes. Add them in smaller batches.",
                    arrayParam, "items_too_large");
        }
    }
}
