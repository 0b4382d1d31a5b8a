package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.openconversations.domain.ConversationKey;
import org.openconversations.domain.Ids;
import org.openconversations.domain.ItemLimits;
import org.openconversations.domain.NewItem;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.errors.UpstreamApiException;
import org.openconversations.json.Json;
import org.openconversations.store.ConversationRecord;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.store.ItemRecord;
import org.openconversations.store.ResponseRecord;
import org.openconversations.upstream.ModelRequest;
import org.openconversations.upstream.ModelResult;
import org.openconversations.upstream.UpstreamException;
import org.openconversations.upstream.UpstreamModel;

/**
 * Creating a response (contract section 8): the context from a conversation or a previous_response_id
 * chain, one upstream call, then the turn stored. Also reading, deleting and listing stored responses.
 */
public final class Responses {
    // Kept back from the Lambda deadline for storing the turn after the upstream answers.
    private static final Duration STORE_MARGIN = Duration.ofSeconds(3);
    private static final Duration MIN_UPSTREAM_TIME = Duration.ofSeconds(1);
    private static final int MAX_CHAIN = 1_000;
    // A response row holds its input and its body, both gzipped; the input may take 300 KB of the row's 400.
    private static final int MAX_INPUT_BYTES = 300 * 1024;

    private final DynamoConversationRepository conversations;
    private final DynamoItemRepository items;
    private final DynamoResponseRepository responses;
    private final Supplier<Optional<UpstreamModel>> upstream;
    private final Clock clock;
    private final Duration retention;

    public Responses(DynamoConversationRepository conversations, DynamoItemRepository items,
            DynamoResponseRepository responses, Supplier<Optional<UpstreamModel>> upstream, Clock clock,
            Duration retention) {
        this.conversations = conversations;
        this.items = items;
        this.responses = responses;
        this.upstream = upstream;
        this.clock = clock;
        this.retention = retention;
    }

    /** The finished response, and whether the client asked for it as an event stream. */
    public record Created(ObjectNode response, boolean stream) {}

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
        UpstreamModel model = upstream.get().orElseThrow(UpstreamApiException::notConfigured);
        String id = Ids.newId("resp");
        long createdAt = now();
        Duration upstreamTime = max(remaining.minus(STORE_MARGIN), MIN_UPSTREAM_TIME);

        if (request.conversationId() != null) {
            return new Created(inConversation(tenant, id, createdAt, request, inputJson, model, upstreamTime),
                    request.stream());
        }
        List<ObjectNode> context = new ArrayList<>();
        if (request.previousResponseId() != null) context.addAll(chain(tenant, request.previousResponseId()));
        request.input().forEach(item -> context.add(item.json()));
        ObjectNode response = generate(id, createdAt, request, context, model, upstreamTime);
        if (request.store()) responses.put(storable(record(tenant, id, response, inputJson, request), List.of()));
        return new Created(response, request.stream());
    }

    private ObjectNode inConversation(String tenant, String id, long createdAt, CreateResponseRequest request,
            ArrayNode inputJson, UpstreamModel model, Duration upstreamTime) {
        ConversationKey key = new ConversationKey(tenant, request.conversationId());
        if (!Ids.isStorable(key.conversationId())) {
            throw NotFoundException.conversation(key.conversationId(), "conversation");
        }
        // The lock outlives this invocation by a little at most: a crashed function frees it by expiry.
        long lockUntil = createdAt + upstreamTime.plus(STORE_MARGIN).toSeconds() + 5;
        ConversationRecord locked = conversations.lock(key.partitionKey(), id, createdAt, lockUntil)
                .orElseThrow(() -> conversations.find(key.partitionKey()).isPresent()
                        ? InvalidRequestException.conversationLocked()
                        : NotFoundException.conversation(key.conversationId(), "conversation"));
        boolean released = false;
        try {
            List<ItemRecord> history = items.all(key.partitionKey());
            Set<String> stored = history.stream().map(ItemRecord::getItemId).collect(Collectors.toSet());
            for (NewItem item : request.input()) {
                if (stored.contains(item.id())) throw InvalidRequestException.duplicateItem(item.id(), "input");
            }
            List<ObjectNode> context = new ArrayList<>();
            history.forEach(row -> context.add((ObjectNode) Json.parse(row.getBody())));
            request.input().forEach(item -> context.add(item.json()));

            ObjectNode response = generate(id, createdAt, request, context, model, upstreamTime);
            boolean appends = request.store() && !"failed".equals(response.get("status").textValue());
            if (appends) {
                List<ItemRecord> turn = turnRows(key, locked.getNextSeq(), request, response);
                ResponseRecord record = storable(record(tenant, id, response, inputJson, request), turn);
                if (!conversations.appendTurn(locked, id, turn, record)) {
                    throw conversations.find(key.partitionKey()).isPresent()
                            ? InvalidRequestException.conversationLocked()
                            : NotFoundException.conversation(key.conversationId(), "conversation");
                }
                released = true;
            } else if (request.store()) {
                responses.put(storable(record(tenant, id, response, inputJson, request), List.of()));
            }
            return response;
        } finally {
            if (!released) conversations.unlock(key.partitionKey(), id);
        }
    }

    /** Input items then output items, numbered from the conversation's next position. */
    private static List<ItemRecord> turnRows(ConversationKey key, long firstSeq, CreateResponseRequest request,
            ObjectNode response) {
        List<ItemRecord> rows = new ArrayList<>();
        long seq = firstSeq;
        for (NewItem item : request.input()) {
            rows.add(new ItemRecord(key.partitionKey(), seq++, item.id(), Json.write(item.json())));
        }
        for (JsonNode item : response.get("output")) {
            rows.add(new ItemRecord(key.partitionKey(), seq++, item.get("id").textValue(), Json.write(item)));
        }
        return rows;
    }

    private ObjectNode generate(String id, long createdAt, CreateResponseRequest request, List<ObjectNode> context,
            UpstreamModel model, Duration timeout) {
        ModelResult result;
        try {
            result = model.generate(
                    new ModelRequest(request.model(), request.instructions(), context, request.settings()), timeout);
        } catch (UpstreamException e) {
            return switch (e.kind()) {
                case RATE_LIMITED -> throw UpstreamApiException.rateLimited(
                        e.getMessage(), e.retryAfter(), e.retryAfterMillis());
                case REJECTED -> throw UpstreamApiException.rejected(e.upstreamStatus(), e.getMessage());
                case UNAVAILABLE -> throw UpstreamApiException.unavailable(
                        "The upstream model failed to answer: " + e.getMessage());
                case TIMEOUT -> ResponseObject.build(id, createdAt, null, request, "failed", List.of(), null,
                        ResponseObject.error("server_error",
                                "The model did not answer within " + timeout.toSeconds() + " seconds."),
                        null);
            };
        }
        return ResponseObject.build(id, createdAt, now(), request, result.status(), result.output(), result.usage(),
                null, result.incompleteReason());
    }

    /** The context a previous_response_id stands for: every earlier turn's input then output, oldest first. */
    private List<ObjectNode> chain(String tenant, String previousId) {
        Deque<ResponseRecord> turns = new ArrayDeque<>();
        String next = previousId;
        long now = now();
        while (next != null) {
            if (turns.size() >= MAX_CHAIN) {
                throw InvalidRequestException.of("The previous_response_id chain is longer than " + MAX_CHAIN
                        + " responses; start a conversation instead.", "previous_response_id", "invalid_value");
            }
            String missing = next;
            ResponseRecord record = (Ids.isStorable(next) ? responses.find(tenant + "#" + next, now)
                            : Optional.<ResponseRecord>empty())
                    .orElseThrow(() -> InvalidRequestException.previousResponseNotFound(missing));
            turns.addFirst(record);
            next = record.getPreviousResponseId();
        }
        List<ObjectNode> context = new ArrayList<>();
        for (ResponseRecord turn : turns) {
            Json.parse(turn.getInputItems()).forEach(item -> context.add((ObjectNode) item));
            Json.parse(turn.getBody()).get("output").forEach(item -> context.add((ObjectNode) item));
        }
        return context;
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

    private ResponseRecord record(String tenant, String id, ObjectNode response, ArrayNode inputJson,
            CreateResponseRequest request) {
        ResponseRecord record = new ResponseRecord();
        record.setPk(tenant + "#" + id);
        record.setBody(Json.write(response));
        record.setInputItems(Json.write(inputJson));
        record.setPreviousResponseId(request.previousResponseId());
        record.setExpiresAt(now() + retention.toSeconds());
        return record;
    }

    public ObjectNode get(String tenant, String id) {
        return (ObjectNode) Json.parse(load(tenant, id).getBody());
    }

    public void delete(String tenant, String id) {
        if (!Ids.isStorable(id) || !responses.delete(tenant + "#" + id, now())) throw NotFoundException.response(id);
    }

    /** The stored input items of a response, in the stored order; paged like conversation items. */
    public List<ObjectNode> inputItems(String tenant, String id) {
        List<ObjectNode> input = new ArrayList<>();
        Json.parse(load(tenant, id).getInputItems()).forEach(item -> input.add((ObjectNode) item));
        return input;
    }

    /** Would answer the cancelled response; only background responses can be cancelled, and none run here. */
    public ObjectNode cancel(String tenant, String id) {
        load(tenant, id);
        throw InvalidRequestException.of(
                "Only responses created with background=true can be cancelled; this response was not.", null,
                "invalid_value");
    }

    private ResponseRecord load(String tenant, String id) {
        if (!Ids.isStorable(id)) throw NotFoundException.response(id);
        return responses.find(tenant + "#" + id, now()).orElseThrow(() -> NotFoundException.response(id));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
