package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.openconversations.compaction.CompactionItems;
import org.openconversations.domain.Ids;
import org.openconversations.errors.UpstreamApiException;
import org.openconversations.json.Json;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.tokens.ModelProfiles;
import org.openconversations.upstream.UpstreamModel;

/**
 * {@code POST /v1/responses/compact} (contract 8.4): the context of the body (previous_response_id chain, then
 * input) summarised by the upstream model into one compaction item, returned after the context's user messages,
 * which are kept as they were. Nothing is stored: the client feeds {@code output} back as the next input. A
 * context larger than the model's window is summarised from its newest part that fits.
 */
public final class ContextCompaction {
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration MIN_UPSTREAM_TIME = Duration.ofSeconds(1);

    private final CompactionItems compactions;
    private final ContextLoader contexts;
    private final ContextSummarizer summarizer = new ContextSummarizer();
    private final Supplier<Optional<UpstreamModel>> upstream;
    private final Clock clock;

    public ContextCompaction(DynamoItemRepository items, DynamoResponseRepository responses,
            CompactionItems compactions, ModelProfiles profiles, Supplier<Optional<UpstreamModel>> upstream,
            Clock clock) {
        this.compactions = compactions;
        this.contexts = new ContextLoader(items, responses, compactions, profiles, clock);
        this.upstream = upstream;
        this.clock = clock;
    }

    public ObjectNode compact(String tenant, JsonNode body, Duration remaining) {
        CreateResponseRequest request = CreateResponseRequest.parse(body, CreateResponseRequest.Kind.COMPACT);
        compactions.verify(tenant, request.input(), "input");
        UpstreamModel model = upstream.get().orElseThrow(UpstreamApiException::notConfigured);
        long createdAt = clock.instant().getEpochSecond();
        ContextFit.Fitted context = contexts.chain(tenant, request, true);
        Duration timeout = remaining.minus(MARGIN).compareTo(MIN_UPSTREAM_TIME) > 0
                ? remaining.minus(MARGIN) : MIN_UPSTREAM_TIME;
        ContextSummarizer.Summary summary = summarizer.summarize(model, request, context.items(), timeout);

        ObjectNode compacted = Json.object();
        compacted.put("id", Ids.newId("resp"));
        compacted.put("object", "response.compaction");
        compacted.put("created_at", createdAt);
        var output = compacted.putArray("output");
        for (ObjectNode item : context.items()) {
            if (isUserMessage(item)) output.add(item);
        }
        output.add(compactions.create(tenant, summary.text()));
        compacted.set("usage", summary.usage());
        return compacted;
    }

    private static boolean isUserMessage(JsonNode item) {
        return "message".equals(item.path("type").asText()) && "user".equals(item.path("role").asText());
    }
}
