package org.openconversations.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openconversations.compaction.CompactionItems;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.json.Json;
import org.openconversations.store.ConversationRecord;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.ItemRecord;

/** Creating, reading, updating and deleting conversations (contract section 2). */
public final class Conversations {
    private final DynamoConversationRepository repository;
    private final CompactionItems compactions;
    private final Clock clock;

    public Conversations(DynamoConversationRepository repository, CompactionItems compactions, Clock clock) {
        this.repository = repository;
        this.compactions = compactions;
        this.clock = clock;
    }

    public Conversation create(String tenant, JsonNode body) {
        ObjectNode request = RequestBody.object(body, Set.of("items", "metadata"));
        Map<String, String> metadata = Metadata.parse(request.get("metadata"));
        List<NewItem> items = ItemBatch.parse(request.get("items"));
        List<String> jsons = items.stream().map(item -> Json.write(item.json())).toList();
        ItemLimits.check(jsons, "items");
        compactions.verify(tenant, items, "items");

        ConversationKey key = new ConversationKey(tenant, Ids.newConversationId());
        ConversationRecord record = new ConversationRecord();
        record.setPk(key.partitionKey());
        record.setId(key.conversationId());
        record.setCreatedAt(clock.instant().getEpochSecond());
        record.setMetadata(metadata);
        record.setNextSeq(items.size() + 1L);
        List<ItemRecord> rows = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            rows.add(new ItemRecord(key.partitionKey(), i + 1L, items.get(i).id(), jsons.get(i)));
        }
        repository.create(record, rows);
        return toConversation(record);
    }

    public Conversation get(ConversationKey key) {
        return toConversation(load(key));
    }

    /** Replaces the metadata map as a whole; {@code "metadata": null} clears it. */
    public Conversation updateMetadata(ConversationKey key, JsonNode body) {
        ObjectNode request = RequestBody.object(body, Set.of("metadata"));
        if (!request.has("metadata")) throw InvalidRequestException.missingRequired("metadata");
        Map<String, String> metadata = Metadata.parse(request.get("metadata"));
        if (!Ids.isStorable(key.conversationId())) throw NotFoundException.conversation(key.conversationId());
        return repository.replaceMetadata(key.partitionKey(), metadata)
                .map(Conversations::toConversation)
                .orElseThrow(() -> NotFoundException.conversation(key.conversationId()));
    }

    public void delete(ConversationKey key) {
        if (!Ids.isStorable(key.conversationId())) throw NotFoundException.conversation(key.conversationId());
        repository.delete(key.partitionKey())
                .orElseThrow(() -> NotFoundException.conversation(key.conversationId()));
    }

    /** The conversation row, or the contract's 404; ids that cannot be keys are not looked up at all. */
    ConversationRecord load(ConversationKey key) {
        if (!Ids.isStorable(key.conversationId())) throw NotFoundException.conversation(key.conversationId());
        return repository.find(key.partitionKey())
                .orElseThrow(() -> NotFoundException.conversation(key.conversationId()));
    }

    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    static Conversation toConversation(ConversationRecord record) {
        Map<String, String> metadata = record.getMetadata() == null ? Map.of() : record.getMetadata();
        return new Conversation(record.getId(), record.getCreatedAt(), metadata);
    }
}
