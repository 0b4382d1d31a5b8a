package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.openconversations.compaction.CompactionItems;
import org.openconversations.domain.ConversationKey;
import org.openconversations.domain.Ids;
import org.openconversations.domain.ItemLimits;
import org.openconversations.domain.NewItem;
import org.openconversations.domain.PayloadLimit;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.errors.UpstreamApiException;
import org.openconversations.json.Json;
import org.openconversations.responses.stream.ResponseEvents;
import org.openconversations.responses.stream.SseFormat;
import org.openconversations.store.ConversationRecord;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.store.ItemRecord;
import org.openconversations.store.ResponseRecord;
import org.openconversations.upstream.Logprobs;
import org.openconversations.upstream.ModelRequest;
import org.openconversations.upstream.ModelResult;
import org.openconversations.upstream.UpstreamException;
import org.openconversations.tokens.ModelProfiles;
import org.openconversations.upstream.UpstreamModel;

/**
 * Creating a response (contract section 8): the context from a conversation or a previous_response_id
 * chain, fitted to the model's window and compacted when asked, one upstream call, then the turn stored.
 * Stored responses are read by {@link StoredResponses}.
 */
public final class Responses {
    // Kept back from the Lambda deadline for storing the turn after the upstream answers.
    private static final Duration STORE_MARGIN = Duration.ofSeconds(3);
    private static final Duration MIN_UPSTREAM_TIME = Duration.ofSeconds(1);
    // A response row holds its input and its body, both gzipped; the input may take 300 KB of the row's 400.
    private static final int MAX_INPUT_BYTES = 300 * 1024;

    private final DynamoConversationRepository conversations;
    private final DynamoItemRepository items;
    private final DynamoResponseRepository responses;
    private final CompactionItems compactions;
    private final ContextLoader contexts;
    private final ContextSummarizer summarizer = new ContextSummarizer();
    private final Supplier<Optional<UpstreamModel>> upstream;
    private final Clock clock;
    private final Duration retention;

    public Responses(DynamoConversationRepository conversations, DynamoItemRepository items,
            DynamoResponseRepository responses, CompactionItems compactions, ModelProfiles profiles,
            Supplier<Optional<UpstreamModel>> upstream, Clock clock, Duration retention) {
        this.conversations = conversations;
        this.items = items;
        this.responses = responses;
        this.compactions = compactions;
        this.contexts = new ContextLoader(items, responses, compactions, profiles, clock);
        this.upstream = upstream;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * The finished response and its JSON, whether the client asked for it as an event stream, and the body that
     * answers it (that JSON, or the whole event stream).
     */
    public record Created(ObjectNode response, String json, boolean stream, String body) {}

    public Created create(String tenant, JsonNode body, Duration remaining) {
        CreateResponseRequest request = CreateResponseRequest.parse(body);
        ArrayNode inputJson = request.inputJson();
        if (request.store()) {
            ItemLimits.check(request.input().stream().map(item -> Json.write(item.json())).toList(), "input");
            if (ResponseRecord.compressedBytes(Json.write(inputJson)) > MAX_INPUT_BYTES) {
                throw InvalidRequestException.of(
                        "Invalid 'input': too large to store. A stored response's input can take at most "
                                + MAX_INPUT_BYTES + " bytes compressed; send smaller input or use store:false.",
                        "input", "input_too_large");
            }
        }
        compactions.verify(tenant, request.input(), "input");
        UpstreamModel model = upstream.get().orElseThrow(UpstreamApiException::notConfigured);
        String id = Ids.newId("resp");
        long createdAt = now();
        Instant deadline = clock.instant().plus(max(remaining.minus(STORE_MARGIN), MIN_UPSTREAM_TIME));

        if (request.conversationId() != null) {
            return inConversation(tenant, id, createdAt, request, inputJson, model, deadline);
        }
        ContextFit.Fitted context = contexts.chain(tenant, request, readsTruncating(request));
        Created created = returnable(request, respond(tenant, id, createdAt, request, context, model, deadline));
        if (request.store()) {
            responses.put(storable(record(tenant, id, created.json(), inputJson, request, null), List.of()));
        }
        return created;
    }

    /**
     * Renders the answer and refuses, before anything is stored, one that Lambda could not return (see
     * {@link PayloadLimit}): stored and then lost, the SDK's retry would store the turn twice.
     */
    private static Created returnable(CreateResponseRequest request, ObjectNode response) {
        String json = Json.write(response);
        String body = request.stream() ? SseFormat.encode(ResponseEvents.of(response)) : json;
        if (!PayloadLimit.fits(body)) {
            throw InvalidRequestException.of("The model's answer is too large to return: a function can answer with"
                    + " at most " + PayloadLimit.MAX_BYTES + " bytes (Lambda's 6 MB limit)"
                    + (request.stream() ? ", and an event stream repeats the answer's text in its events" : "")
                    + ". Lower max_output_tokens or top_logprobs"
                    + (request.stream() ? ", or send stream:false." : "."), null, "response_too_large");
        }
        return new Created(response, json, request.stream(), body);
    }

    private Created inConversation(String tenant, String id, long createdAt, CreateResponseRequest request,
            ArrayNode inputJson, UpstreamModel model, Instant deadline) {
        ConversationKey key = new ConversationKey(tenant, request.conversationId());
        if (!Ids.isStorable(key.conversationId())) {
            throw NotFoundException.conversation(key.conversationId(), "conversation");
        }
        // The lock outlives this invocation by a little at most: a crashed function frees it by expiry.
        long lockUntil = deadline.plus(STORE_MARGIN).getEpochSecond() + 5;
        ConversationRecord locked = conversations.lock(key.partitionKey(), id, createdAt, lockUntil)
                .orElseThrow(() -> conversations.find(key.partitionKey()).isPresent()
                        ? InvalidRequestException.conversationLocked()
                        : NotFoundException.conversation(key.conversationId(), "conversation"));
        boolean released = false;
        try {
            // Only ids a client chose can collide; each is one read of the item id index, whatever the length.
            List<String> clientIds = request.input().stream().filter(NewItem::clientSuppliedId).map(NewItem::id)
                    .toList();
            for (String existing : items.existingIds(key.partitionKey(), clientIds)) {
                throw InvalidRequestException.duplicateItem(existing, "input");
            }
            ContextFit.Fitted context =
                    contexts.conversation(tenant, key.partitionKey(), request, readsTruncating(request));
            Created created = returnable(request, respond(tenant, id, createdAt, request, context, model, deadline));
            ObjectNode response = created.response();
            boolean appends = request.store() && !"failed".equals(response.get("status").textValue());
            if (appends) {
                List<ItemRecord> turn = turnRows(key, locked.getNextSeq(), request, response);
                ResponseRecord record =
                        storable(record(tenant, id, created.json(), inputJson, request, locked.getNextSeq()), turn);
                if (!conversations.appendTurn(locked, id, turn, record)) {
                    throw conversations.find(key.partitionKey()).isPresent()
                            ? InvalidRequestException.conversationLocked()
                            : NotFoundException.conversation(key.conversationId(), "conversation");
                }
                released = true;
            } else if (request.store()) {
                responses.put(storable(
                        record(tenant, id, created.json(), inputJson, request, locked.getNextSeq()), List.of()));
            }
            return created;
        } finally {
            if (!released) release(key, id);
        }
    }

    /**
     * Releases the lock of a turn that did not append. A release that fails (DynamoDB throttling it along with
     * the turn) must not replace the request's own answer or error: the lock then lasts until it expires.
     */
    private void release(ConversationKey key, String owner) {
        try {
            conversations.unlock(key.partitionKey(), owner);
        } catch (RuntimeException leftToExpire) {
            // Nothing more to do: lock_expires_at frees the conversation by itself.
        }
    }

    /**
     * With compaction on, history is read as far as the window allows even without truncation: what does not
     * fit is what compaction is for.
     */
    private static boolean readsTruncating(CreateResponseRequest request) {
        return request.truncates() || request.compaction().enabled();
    }

    /** The turn's items in conversation order (see {@link TurnOrder}), numbered from the next position. */
    private static List<ItemRecord> turnRows(ConversationKey key, long firstSeq, CreateResponseRequest request,
            ObjectNode response) {
        List<ItemRecord> rows = new ArrayList<>();
        long seq = firstSeq;
        List<ObjectNode> input = request.input().stream().map(NewItem::json).toList();
        for (JsonNode item : TurnOrder.of(input, response.get("output"))) {
            rows.add(new ItemRecord(key.partitionKey(), seq++, item.get("id").textValue(),
                    Json.write(withoutLogprobs(item))));
        }
        return rows;
    }

    /**
     * The conversation's copy of an output message: its log probabilities stay with the response, which is
     * stored compressed. Kept on the item (uncompressed, 400 KB a row), they would take 80 to 1,300 bytes a
     * token, refuse an answer of a few hundred tokens after it was generated, and weigh on every later page of
     * the conversation, which lists items whole.
     */
    private static JsonNode withoutLogprobs(JsonNode item) {
        if (!Logprobs.carried(item)) return item;
        ObjectNode copy = item.deepCopy();
        Logprobs.clear(copy);
        return copy;
    }

    /**
     * Compacts the history first when the request asks for it and the context calls for it (past the
     * threshold, or over the window), then generates over what remains.
     */
    private ObjectNode respond(String tenant, String id, long createdAt, CreateResponseRequest request,
            ContextFit.Fitted fitted, UpstreamModel model, Instant deadline) {
        boolean overflowing = fitted.truncated() && !request.truncates();
        boolean compacts = request.compaction().enabled() && fitted.historySize() > 0
                && (overflowing || request.compactsAt(fitted.tokens(), fitted.budget()));
        if (!compacts) {
            if (overflowing) {
                throw InvalidRequestException.contextLengthExceeded(fitted.budget(), 0, fitted.tokens(), true,
                        "Send truncation:\"auto\" to drop the oldest items.");
            }
            return generate(id, createdAt, request, fitted.items(), List.of(), null, model, deadline);
        }
        ContextSummarizer.Summary summary = summarizer.summarize(model, request, fitted.history(), timeLeft(deadline));
        ObjectNode compaction = compactions.create(tenant, summary.text());
        ContextFit refit = contexts.start(tenant, request, request.truncates());
        refit.offerOlder(compactions.forModel(tenant, compaction, "output[0]"));
        return generate(id, createdAt, request, refit.finish().items(), List.of(compaction), summary.usage(), model,
                deadline);
    }

    private ObjectNode generate(String id, long createdAt, CreateResponseRequest request, List<ObjectNode> context,
            List<ObjectNode> madeFirst, ObjectNode usageSoFar, UpstreamModel model, Instant deadline) {
        Duration timeout = timeLeft(deadline);
        ModelResult result;
        try {
            result = model.generate(
                    new ModelRequest(request.model(), request.instructions(), context, request.settings()), timeout);
        } catch (UpstreamException e) {
            if (e.kind() != UpstreamException.Kind.TIMEOUT) throw UpstreamFailures.toApi(e, e.getMessage());
            return ResponseObject.build(id, createdAt, null, request, "failed", List.of(), null,
                    ResponseObject.error("server_error",
                            "The model did not answer within " + timeout.toSeconds() + " seconds."),
                    null);
        }
        List<ObjectNode> output = new ArrayList<>(madeFirst);
        output.addAll(result.output());
        return ResponseObject.build(id, createdAt, now(), request, result.status(), output,
                UsageTotals.sum(usageSoFar, result.usage()), null, result.incompleteReason());
    }

    private Duration timeLeft(Instant deadline) {
        return max(Duration.between(clock.instant(), deadline), MIN_UPSTREAM_TIME);
    }

    /**
     * Refuses, before any write, what DynamoDB would refuse: a row over 400 KB. Only a very long answer gets
     * here (input was checked up front); the conversation stays as it was.
     */
    private static ResponseRecord storable(ResponseRecord record, List<ItemRecord> turn) {
        long largestItem = turn.stream().mapToLong(row -> ItemLimits.storedBytes(row.getBody())).max().orElse(0);
        if (record.storedBytes() > ItemLimits.MAX_ROW_BYTES || largestItem > ItemLimits.MAX_ROW_BYTES) {
            throw InvalidRequestException.of(
                    "The model's answer is too large to store: a stored response or item can take at most "
                            + ItemLimits.MAX_ROW_BYTES + " bytes (DynamoDB's 400 KB item limit). Lower"
                            + " max_output_tokens, or send store:false to receive it without storing it.",
                    null, "response_too_large");
        }
        return record;
    }

    /** @param conversationSeq where the turn goes in its conversation; null outside a conversation */
    /** @param responseJson the response as it was answered, written once for both */
    private ResponseRecord record(String tenant, String id, String responseJson, ArrayNode inputJson,
            CreateResponseRequest request, Long conversationSeq) {
        ResponseRecord record = new ResponseRecord();
        record.setPk(tenant + "#" + id);
        record.setBody(responseJson);
        record.setInputItems(Json.write(inputJson));
        record.setPreviousResponseId(request.previousResponseId());
        record.setConversationSeq(conversationSeq);
        record.setExpiresAt(now() + retention.toSeconds());
        return record;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
