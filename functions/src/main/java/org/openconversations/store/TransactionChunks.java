package org.openconversations.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits rows into groups that each fit one TransactWriteItems beside the conversation update and a response
 * row: DynamoDB allows 100 actions and 4 MB per transaction.
 */
final class TransactionChunks {
    private static final int MAX_ROWS = 98;
    // 4 MB less room for the conversation update and a response row of up to 400 KB.
    private static final long MAX_BYTES = 4L * 1024 * 1024 - 420 * 1024;

    private TransactionChunks() {}

    static List<List<ItemRecord>> of(List<ItemRecord> rows) {
        List<List<ItemRecord>> chunks = new ArrayList<>();
        List<ItemRecord> current = new ArrayList<>();
        long bytes = 0;
        for (ItemRecord row : rows) {
            long size = row.getBody().getBytes(StandardCharsets.UTF_8).length + 512L;
            if (!current.isEmpty() && (current.size() == MAX_ROWS || bytes + size > MAX_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(row);
            bytes += size;
        }
        chunks.add(current);
        return chunks;
    }
}
