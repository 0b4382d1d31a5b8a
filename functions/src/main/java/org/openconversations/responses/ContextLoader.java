package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openconversations.compaction.CompactionItems;
import org.openconversations.domain.ConversationKey;
import org.openconversations.domain.Ids;
import org.openconversations.domain.NewItem;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.store.ItemRecord;
import org.openconversations.store.ItemRows;
import org.openconversations.store.ResponseRecord;
import org.openconversations.tokens.ModelProfile;
import org.openconversations.tokens.ModelProfiles;
import org.openconversations.tokens.TokenCounter;

/**
 * The context of a turn, read newest first from the conversation or the previous_response_id chain and
 * fitted to the model's window as it is read. Reading stops at the latest compaction item (it stands for all
 * before it) or when the window is full, so a long conversation costs the reads its window needs, not its
 * length. Compaction items become the summary they hold.
 */
final class ContextLoader {
    private static final int MAX_CHAIN = 1_000;
    private static final int MIN_PAGE = 32;
    private static final int MAX_PAGE = 1_000;

    private final DynamoItemRepository items;
    private final DynamoResponseRepository responses;
    private final CompactionItems compactions;
    private final ModelProfiles profiles;
    private final Clock clock;

    ContextLoader(DynamoItemRepository items, DynamoResponseRepository responses, CompactionItems compactions,
            ModelProfiles profiles, Clock clock) {
        this.items = items;
        this.responses = responses;
        this.compactions = compactions;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** The conversation's items before the new input, newest first as far as they fit. */
    ContextFit.Fitted conversation(String tenant, String pk, CreateResponseRequest request, boolean truncate) {
        ContextFit fit = start(tenant, request, truncate);
        offerConversation(tenant, fit, pk, null, "conversation");
        return fit.finish();
    }

    /**
     * Offers a conversation's items before position {@code before} (null: all of them), newest first, until one
     * is not taken.
     */
    private void offerConversation(String tenant, ContextFit fit, String pk, Long before, String param) {
        // Sized from the window: a large one takes a short conversation in one Query, a small one reads little.
        int pageSize = nextPage(fit);
        while (true) {
            ItemRows page = items.page(pk, before, pageSize, false);
            for (ItemRecord row : page.rows()) {
                ObjectNode item = (ObjectNode) Json.parse(row.getBody());
                if (!offer(tenant, fit, item, param)) return;
                before = row.getSeq();
            }
            if (!page.truncated()) return;
            pageSize = nextPage(fit);
        }
    }

    /** The items likely to fit yet, a quarter more for the estimate's error, at least {@link #MIN_PAGE}. */
    private static int nextPage(ContextFit fit) {
        int likely = fit.moreItemsLikely();
        return Math.clamp(likely + likely / 4 + 4, MIN_PAGE, MAX_PAGE);
    }

    /** The previous_response_id chain's turns before the new input (or the input alone when there is none). */
    ContextFit.Fitted chain(String tenant, CreateResponseRequest request, boolean truncate) {
        ContextFit fit = start(tenant, request, truncate);
        String next = request.previousResponseId();
        long now = clock.instant().getEpochSecond();
        for (int turns = 0; next != null; turns++) {
            if (turns >= MAX_CHAIN) {
                throw InvalidRequestException.of("The previous_response_id chain is longer than " + MAX_CHAIN
                        + " responses; start a conversation instead.", "previous_response_id", "invalid_value");
            }
            String missing = next;
            ResponseRecord record = (Ids.isStorable(next) ? responses.find(tenant + "#" + next, now)
                            : Optional.<ResponseRecord>empty())
                    .orElseThrow(() -> InvalidRequestException.previousResponseNotFound(missing));
            JsonNode body = Json.parse(record.getBody());
            List<JsonNode> turn = TurnOrder.of(elements(Json.parse(record.getInputItems())), body.get("output"));
            for (int i = turn.size() - 1; i >= 0; i--) {
                if (!offer(tenant, fit, (ObjectNode) turn.get(i), "previous_response_id")) return fit.finish();
            }
            String conversation = body.path("conversation").path("id").textValue();
            if (conversation != null && record.getConversationSeq() != null) {
                // A response made in a conversation answered the conversation's earlier items too (contract 8.3:
                // its input is what it was given, history included). They are the rest of the chain, as the
                // conversation holds them now: items deleted since, or a deleted conversation's, are gone.
                // Such a response has no previous_response_id of its own.
                offerConversation(tenant, fit, new ConversationKey(tenant, conversation).partitionKey(),
                        record.getConversationSeq(), "previous_response_id");
                return fit.finish();
            }
            next = record.getPreviousResponseId();
        }
        return fit.finish();
    }

    /** What the request costs before any history: instructions, tools and the new input, which always go whole. */
    ContextFit start(String tenant, CreateResponseRequest request, boolean truncate) {
        ModelProfile profile = profiles.of(request.model());
        TokenCounter counter = new TokenCounter(profile.tokenizer());
        List<ObjectNode> input = new ArrayList<>(request.input().size());
        for (int i = 0; i < request.input().size(); i++) {
            NewItem item = request.input().get(i);
            input.add(compactions.forModel(tenant, item.json(), "input[" + i + "]"));
        }
        int reserved = request.settings().path("max_output_tokens").asInt(0);
        int fixed = counter.fixed(request.instructions(), request.settings().get("tools"));
        return new ContextFit(counter, profile.contextWindow(), reserved, truncate, fixed, input);
    }

    /** @return whether to read on: not after a compaction item, nor once the window is full */
    private boolean offer(String tenant, ContextFit fit, ObjectNode item, String param) {
        boolean compaction = CompactionItems.isCompaction(item);
        boolean taken = fit.offerOlder(compactions.forModel(tenant, item, param));
        return taken && !compaction;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }
}
