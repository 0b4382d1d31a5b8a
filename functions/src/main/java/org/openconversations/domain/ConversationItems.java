package org.openconversations.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openconversations.compaction.CompactionItems;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.json.Json;
import org.openconversations.store.Backoff;
import org.openconversations.store.ConversationRecord;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.ItemRecord;
import org.openconversations.store.ItemRows;

/** Adding, listing, reading and deleting the items of a conversation (contract section 3). */
public final class ConversationItems {
    // Appends to one conversation serialise on its next_seq; a writer that keeps losing gives up with the
    // contract's conversation_locked rather than holding a Lambda invocation open.
    private static final int MAX_APPEND_ATTEMPTS = 8;

    private final Conversations conversations;
    private final DynamoConversationRepository conversationRows;
    private final DynamoItemRepository items;
    private final CompactionItems compactions;

    public ConversationItems(Conversations conversations, DynamoConversationRepository conversationRows,
            DynamoItemRepository items, CompactionItems compactions) {
        this.conversations = conversations;
        this.conversationRows = conversationRows;
        this.items = items;
        this.compactions = compactions;
    }

    public List<StoredItem> add(ConversationKey key, JsonNode body) {
        ObjectNode request = RequestBody.object(body, Set.of("items"));
        if (!request.has("items") || request.get("items").isNull()) {
            throw InvalidRequestException.missingRequired("items");
        }
        List<NewItem> newItems = ItemBatch.parse(request.get("items"));
        List<String> jsons = newItems.stream().map(item -> Json.write(item.json())).toList();
        ItemLimits.check(jsons, "items");
        compactions.verify(key.tenant(), newItems, "items");
        List<String> clientIds = newItems.stream().filter(NewItem::clientSuppliedId).map(NewItem::id).toList();

        for (int attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
            if (attempt > 0) Backoff.sleep(attempt);
            ConversationRecord conversation = conversations.load(key);
            long now = conversations.nowSeconds();
            if (conversation.isLocked(now)) throw InvalidRequestException.conversationLocked();
            // Checked again on every attempt: a concurrent writer may have stored one of these ids meanwhile.
            for (String existing : items.existingIds(key.partitionKey(), clientIds)) {
                throw InvalidRequestException.duplicateItem(existing);
            }
            List<ItemRecord> rows = new ArrayList<>(newItems.size());
            List<StoredItem> stored = new ArrayList<>(newItems.size());
            long seq = conversation.getNextSeq();
            for (int i = 0; i < newItems.size(); i++, seq++) {
                rows.add(new ItemRecord(key.partitionKey(), seq, newItems.get(i).id(), jsons.get(i)));
                stored.add(new StoredItem(newItems.get(i).id(), seq, jsons.get(i)));
            }
            if (rows.isEmpty() || conversationRows.append(conversation, rows, now)) return stored;
        }
        throw InvalidRequestException.conversationLocked();
    }

    public ItemPage list(ConversationKey key, ListItemsQuery query) {
        conversations.load(key);
        Long afterSeq = query.after() == null ? null : positionOfCursor(key, query.after());
        // One row beyond the page tells whether more exist without a second request.
        ItemRows rows = items.page(key.partitionKey(), afterSeq, query.limit() + 1, query.ascending());
        boolean hasMore = rows.rows().size() > query.limit() || rows.truncated();
        List<StoredItem> page = rows.rows().stream()
                .limit(query.limit())
                .map(row -> new StoredItem(row.getItemId(), row.getSeq(), row.getBody()))
                .toList();
        return new ItemPage(page, hasMore);
    }

    private long positionOfCursor(ConversationKey key, String after) {
        if (Ids.isStorable(after)) {
            var seq = items.findSeq(key.partitionKey(), after);
            if (seq.isPresent()) return seq.get();
        }
        throw InvalidRequestException.unknownCursor(after, "this conversation");
    }

    public StoredItem get(ConversationKey key, String itemId) {
        conversations.load(key);
        if (!Ids.isStorable(itemId)) throw NotFoundException.item(itemId);
        return items.find(key.partitionKey(), itemId)
                .map(row -> new StoredItem(row.getItemId(), row.getSeq(), row.getBody()))
                .orElseThrow(() -> NotFoundException.item(itemId));
    }

    /** Deletes one item and answers with its conversation, as the contract says. */
    public Conversation delete(ConversationKey key, String itemId) {
        ConversationRecord conversation = conversations.load(key);
        if (!Ids.isStorable(itemId)) throw NotFoundException.item(itemId);
        long seq = items.findSeq(key.partitionKey(), itemId).orElseThrow(() -> NotFoundException.item(itemId));
        items.delete(key.partitionKey(), seq);
        return Conversations.toConversation(conversation);
    }
}
