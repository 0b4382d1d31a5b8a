package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openconversations.compaction.CompactionItems;
import org.openconversations.compaction.TestCompaction;
import org.openconversations.domain.ConversationKey;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.UpstreamApiException;
import org.openconversations.json.Json;
import org.openconversations.store.ItemRecord;
import org.openconversations.upstream.UpstreamStandIn;

/**
 * Server-side compaction ({@code context_management}, {@code compaction_trigger}) and {@code /responses/compact}:
 * the summary comes from the upstream, travels sealed, and stands for everything before it.
 */
class CompactionTest extends ResponsesServiceFixture {
    private static final String SUMMARY = "The user is Anastasia; she likes Paris.";
    private final CompactionItems compactions = TestCompaction.items();
    private ContextCompaction compaction;

    @BeforeEach
    void compactionService() {
        compaction = new ContextCompaction(itemRows, responseRows, compactions, profiles(),
                () -> Optional.of(chatModel(upstream.baseUrl())), clock);
    }

    /** A conversation whose context is well over 1,000 tokens: 60 long user messages. */
    private ConversationKey longConversation() {
        String[] texts = new String[60];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "Message " + i + ": I went to Paris and I liked the museums, the bakeries and the river walks.";
        }
        ConversationKey key = newConversation(texts[0]);
        for (int from = 1; from < texts.length; from += 20) {
            StringBuilder items = new StringBuilder("{'items':[");
            for (int i = from; i < Math.min(texts.length, from + 20); i++) {
                if (i > from) items.append(',');
                items.append("{'role':'user','content':'").append(texts[i]).append("'}");
            }
            conversationItems.add(key, json(items.append("]}").toString()));
        }
        return key;
    }

    private ObjectNode turnWithCompaction(ConversationKey key, String input) {
        upstream.reply(200, UpstreamStandIn.completion(SUMMARY, null, 1_500, 100));
        upstream.reply(200, UpstreamStandIn.completion("Welcome back!", null, 120, 5));
        return create("{'model':'test-window-8000','conversation':'" + key.conversationId() + "',"
                + "'context_management':[{'type':'compaction','compact_threshold':1000}],'input':'" + input + "'}");
    }

    @Test
    void crossing_the_threshold_summarises_the_history_and_answers_from_the_summary() {
        ConversationKey key = longConversation();

        ObjectNode response = turnWithCompaction(key, "Where did I go?");

        List<UpstreamRequest> calls = requests();
        assertAll(
                () -> assertEquals(2, calls.size()),
                () -> assertEquals(61, calls.get(0).messages().size(), "60 items, then the summary request"),
                () -> assertEquals("user:" + ContextSummarizer.REQUEST, calls.get(0).messages().getLast()),
                () -> assertEquals(List.of("system:" + summaryText(SUMMARY), "user:Where did I go?"),
                        calls.get(1).messages()),
                () -> assertEquals("compaction", response.at("/output/0/type").textValue()),
                () -> assertTrue(response.at("/output/0/id").textValue().startsWith("cmp_")),
                () -> assertEquals("message", response.at("/output/1/type").textValue()),
                () -> assertEquals(SUMMARY,
                        compactions.summary(tenant, response.at("/output/0"), "output[0]")));
    }

    @Test
    void the_compaction_item_is_stored_before_the_turns_input_and_later_turns_start_from_it() {
        ConversationKey key = longConversation();
        ObjectNode compacted = turnWithCompaction(key, "Where did I go?");

        upstream.answer("To Paris.");
        create("{'model':'test-window-8000','conversation':'" + key.conversationId() + "','input':'Sure?'}");

        List<ItemRecord> rows = storedItems(key);
        List<String> types = rows.subList(60, rows.size()).stream()
                .map(row -> Json.parse(row.getBody()).path("type").asText() + "/"
                        + Json.parse(row.getBody()).path("role").asText())
                .toList();
        assertAll(
                () -> assertEquals(List.of("compaction/", "message/user", "message/assistant", "message/user",
                        "message/assistant"), types),
                () -> assertEquals(compacted.at("/output/0/id").textValue(), rows.get(60).getItemId()),
                () -> assertEquals(List.of("system:" + summaryText(SUMMARY), "user:Where did I go?",
                        "assistant:Welcome back!", "user:Sure?"), requests().getLast().messages()));
    }

    @Test
    void usage_counts_the_summary_call_and_the_answer() {
        ConversationKey key = longConversation();

        ObjectNode response = turnWithCompaction(key, "Where did I go?");

        assertAll(
                () -> assertEquals(1_620, response.at("/usage/input_tokens").intValue()),
                () -> assertEquals(105, response.at("/usage/output_tokens").intValue()),
                () -> assertEquals(1_725, response.at("/usage/total_tokens").intValue()));
    }

    @Test
    void below_the_threshold_nothing_is_compacted() {
        ConversationKey key = newConversation("Hello");
        upstream.answer("Hi!");

        ObjectNode response = create("{'model':'test-window-8000','conversation':'" + key.conversationId() + "',"
                + "'context_management':[{'type':'compaction','compact_threshold':1000}],'input':'Again'}");

        assertEquals(1, upstream.requests().size());
        assertEquals("message", response.at("/output/0/type").textValue());
        assertEquals(1, response.get("output").size());
    }

    @Test
    void a_compaction_trigger_compacts_at_once_and_is_not_stored() {
        ConversationKey key = newConversation("Hello", "I am Anastasia");
        upstream.answer(SUMMARY);
        upstream.answer("Hi Anastasia!");

        ObjectNode response = create("{'model':'test-window-8000','conversation':'" + key.conversationId() + "',"
                + "'input':[{'role':'user','content':'Again'},{'type':'compaction_trigger'}]}");

        List<ItemRecord> rows = storedItems(key);
        assertAll(
                () -> assertEquals(2, upstream.requests().size()),
                () -> assertEquals("compaction", response.at("/output/0/type").textValue()),
                () -> assertEquals(5, rows.size()),
                () -> assertTrue(rows.stream().noneMatch(row -> row.getBody().contains("compaction_trigger"))),
                () -> assertEquals(1, stored.inputItems(tenant, response.get("id").textValue()).size()));
    }

    @Test
    void a_compaction_trigger_that_is_not_the_last_input_item_is_refused() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> create(
                "{'model':'m','input':[{'type':'compaction_trigger'},{'role':'user','content':'Again'}]}"));

        assertEquals("input[0]", e.param());
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void compact_returns_the_user_messages_then_one_sealed_compaction_item() {
        upstream.reply(200, UpstreamStandIn.completion(SUMMARY, null, 40, 12));

        ObjectNode compacted = compaction.compact(tenant, json("{'model':'test-window-8000','input':["
                + "{'role':'user','content':'I am Anastasia'},{'role':'assistant','content':'Hello Anastasia!'},"
                + "{'role':'user','content':'I like Paris'}]}"), REMAINING);

        JsonNode output = compacted.get("output");
        assertAll(
                () -> assertEquals("response.compaction", compacted.get("object").textValue()),
                () -> assertTrue(compacted.get("id").textValue().startsWith("resp_")),
                () -> assertEquals(3, output.size()),
                () -> assertEquals("I am Anastasia", output.at("/0/content/0/text").textValue()),
                () -> assertEquals("I like Paris", output.at("/1/content/0/text").textValue()),
                () -> assertEquals("compaction", output.at("/2/type").textValue()),
                () -> assertFalse(output.at("/2/encrypted_content").textValue().contains("Anastasia")),
                () -> assertEquals(52, compacted.at("/usage/total_tokens").intValue()),
                () -> assertEquals(List.of("user:I am Anastasia", "assistant:Hello Anastasia!", "user:I like Paris",
                        "user:" + ContextSummarizer.REQUEST), requests().getFirst().messages()));
    }

    @Test
    void a_summary_cut_off_at_the_output_limit_is_a_502_not_to_be_retried() {
        upstream.reply(200, cutOff(SUMMARY));

        UpstreamApiException e = assertThrows(UpstreamApiException.class, () -> compaction.compact(tenant,
                json("{'model':'m','input':[{'role':'user','content':'I am Anastasia'}]}"), REMAINING));

        assertAll(
                () -> assertEquals(502, e.status()),
                () -> assertEquals("upstream_error", e.code()),
                () -> assertEquals("false", e.headers().get("x-should-retry")),
                () -> assertTrue(e.getMessage().contains("cut off (max_output_tokens)"), e.getMessage()));
    }

    @Test
    void a_turn_whose_summary_is_cut_off_fails_and_leaves_the_conversation_as_it_was() {
        ConversationKey key = longConversation();
        List<ItemRecord> before = storedItems(key);
        upstream.reply(200, cutOff(SUMMARY));

        UpstreamApiException e = assertThrows(UpstreamApiException.class, () -> create(
                "{'model':'test-window-8000','conversation':'" + key.conversationId() + "',"
                        + "'context_management':[{'type':'compaction','compact_threshold':1000}],'input':'Hi'}"));

        assertEquals(502, e.status());
        assertEquals(1, upstream.requests().size(), "no answer is generated from a partial summary");
        assertUnchangedAndUnlocked(key, before, 61L);
    }

    @Test
    void the_compacted_output_fed_back_as_input_continues_the_conversation() {
        upstream.answer(SUMMARY);
        ObjectNode compacted = compaction.compact(tenant, json("{'model':'m','input':["
                + "{'role':'user','content':'I am Anastasia'},{'role':'assistant','content':'Hello!'}]}"), REMAINING);
        ArrayNodeBuilder next = new ArrayNodeBuilder(compacted.get("output"));
        upstream.reset();
        upstream.answer("You are Anastasia.");

        create("{'model':'m','input':" + next.plus("{'role':'user','content':'Who am I?'}") + "}");

        assertEquals(List.of("user:I am Anastasia", "system:" + summaryText(SUMMARY), "user:Who am I?"),
                requests().getFirst().messages());
    }

    @Test
    void a_changed_compaction_item_is_refused_before_the_upstream_is_called() {
        String sealed = compactions.create(tenant, SUMMARY).get("encrypted_content").textValue();
        String changed = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("AA") ? "BA" : "AA");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> create(
                "{'model':'m','input':[{'type':'compaction','encrypted_content':'" + changed + "'},"
                        + "{'role':'user','content':'Who am I?'}]}"));

        assertEquals("invalid_encrypted_content", e.code());
        assertEquals("input[0].encrypted_content", e.param());
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void another_tenants_compaction_item_is_refused() {
        String foreign = compactions.create("someone-else", SUMMARY).get("encrypted_content").textValue();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> create(
                "{'model':'m','input':[{'type':'compaction','encrypted_content':'" + foreign + "'}]}"));

        assertEquals("invalid_encrypted_content", e.code());
    }

    @Test
    void a_changed_compaction_item_cannot_be_added_to_a_conversation() {
        ConversationKey key = newConversation("Hello");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> conversationItems.add(key,
                json("{'items':[{'type':'compaction','encrypted_content':'oc1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'}]}")));

        assertEquals("items[0].encrypted_content", e.param());
        assertEquals(1, storedItems(key).size());
    }

    @Test
    void context_management_entries_are_validated() {
        for (String management : List.of("[]", "{}", "[{'type':'summary'}]", "[{'type':'compaction','compact_threshold':999}]",
                "[{'type':'compaction','extra':1}]", "['compaction']")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> create("{'model':'m','input':'hi','context_management':" + management + "}"), management);
            assertTrue(e.param().startsWith("context_management"), management + " -> " + e.param());
        }
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void an_empty_context_management_array_is_empty_array() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> create("{'model':'m','input':'hi','context_management':[]}"));

        assertEquals("empty_array", e.code());
        assertEquals("context_management", e.param());
        assertEquals("Invalid 'context_management': empty array. Expected an array with minimum length 1, but got an"
                + " empty array instead.", e.getMessage());
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private record UpstreamRequest(List<String> messages) {}

    private List<UpstreamRequest> requests() {
        return upstream.requests().stream().map(request -> new UpstreamRequest(chatMessages(request.json()))).toList();
    }

    /** A chat completion that stopped at the model's output limit. */
    private static String cutOff(String text) {
        ObjectNode completion = (ObjectNode) Json.parse(UpstreamStandIn.completion(text, null, 1_500, 4_096));
        ((ObjectNode) completion.at("/choices/0")).put("finish_reason", "length");
        return Json.write(completion);
    }

    private static String summaryText(String summary) {
        return "Summary of the earlier conversation, which it replaces:\n\n" + summary;
    }

    /** Appends items to a JSON array given as a node, written back as JSON text. */
    private record ArrayNodeBuilder(JsonNode array) {
        String plus(String singleQuotedItem) {
            var copy = array.deepCopy();
            ((com.fasterxml.jackson.databind.node.ArrayNode) copy).add(json(singleQuotedItem));
            return Json.write(copy);
        }
    }
}
