package org.openconversations.baseline;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@code POST /v1/responses/input_tokens}: the conversation read as ours reads it (the row, then a page of its
 * items), and every text tokenized with o200k_base through jtokkit, as ours does. The count is simpler than
 * ours: a message is 3 tokens of framing plus its role and its text, anything else 3 plus its JSON; the reply
 * is primed with 3. That is ours' count for text messages; ours counts calls, images and files more finely, and
 * takes the tokenizer from the model's profile where R always takes o200k_base.
 */
final class RawTokens {
    private static final String CONVERSATIONS = System.getenv("CONVERSATIONS_TABLE");
    private static final int PER_ITEM = 3;
    private static final int REPLY_PRIMING = 3;

    /** Lazy, as ours: the ranks load on the first count, not when the function starts. */
    private static final class O200k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    private final DynamoDbClient dynamoDb;
    private final RawContext context;

    RawTokens(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.context = new RawContext(dynamoDb);
    }

    RawReply count(String tenant, String body) {
        JsonNode request = RawJson.parse(body == null || body.isBlank() ? "{}" : body);
        String conversation = RawContext.conversationId(request);
        List<JsonNode> history;
        if (conversation != null) {
            String pk = tenant + "#" + conversation;
            GetItemResponse row = dynamoDb.getItem(r -> r.tableName(CONVERSATIONS)
                    .key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true));
            if (!row.hasItem() || row.item().isEmpty()) {
                return RawReply.error(404, "Conversation with id '" + conversation + "' not found.");
            }
            history = context.conversation(pk);
        } else {
            String previous = RawJson.string(request, "previous_response_id");
            history = previous == null ? List.of() : context.chain(tenant, previous);
        }
        int tokens = REPLY_PRIMING;
        String instructions = RawJson.string(request, "instructions");
        if (instructions != null) tokens += PER_ITEM + count("system") + count(instructions);
        List<JsonNode> tools = RawJson.array(RawJson.field(request, "tools"));
        if (!tools.isEmpty()) tokens += count(RawJson.write(RawJson.field(request, "tools")));
        for (JsonNode item : RawContext.forModel(tenant, history, RawContext.input(RawJson.field(request, "input")))) {
            tokens += PER_ITEM + (RawJson.type(item).equals("message")
                    ? count(RawJson.string(item, "role")) + text(RawJson.field(item, "content"))
                    : count(RawJson.write(item)));
        }
        return RawReply.ok("{\"object\":\"response.input_tokens\",\"input_tokens\":" + tokens + "}");
    }

    private static int text(JsonNode content) {
        if (content == null) return 0;
        if (content.isString()) return count(content.asString());
        int tokens = 0;
        for (JsonNode part : RawJson.array(content)) tokens += count(RawJson.string(part, "text"));
        return tokens;
    }

    private static int count(String text) {
        return text == null || text.isEmpty() ? 0 : O200k.ENCODING.countTokensOrdinary(text);
    }
}
