package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.ConversationKey;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.store.ItemRecord;

/** Bad requests are refused before the upstream is called: the stand-in must see no request at all. */
class RequestValidationTest extends ResponsesServiceFixture {

    @AfterEach
    void upstreamWasNeverCalled() {
        assertEquals(0, upstream.requests().size(), "the upstream was called for a refused request");
        assertTrue(storedResponses().isEmpty(), "a refused request stored a response");
    }

    private InvalidRequestException refused(String body) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> create(body));
        assertEquals(400, e.status());
        return e;
    }

    @Test
    void conversation_with_previous_response_id_is_mutually_exclusive_parameters() {
        ConversationKey key = newConversation("one");

        InvalidRequestException e = refused("{'model':'m','input':'hi','conversation':'" + key.conversationId()
                + "','previous_response_id':'resp_" + "0".repeat(48) + "'}");

        assertEquals("mutually_exclusive_parameters", e.code());
        assertNull(row(key).getLockOwner());
    }

    @Test
    void a_missing_model_is_missing_required_parameter() {
        InvalidRequestException e = refused("{'input':'hi'}");

        assertEquals("missing_required_parameter", e.code());
        assertEquals("model", e.param());
    }

    @Test
    void an_unknown_parameter_is_refused_by_name() {
        InvalidRequestException e = refused("{'model':'m','input':'hi','frobnicate':true}");

        assertEquals("unknown_parameter", e.code());
        assertEquals("frobnicate", e.param());
    }

    @Test
    void background_true_is_unsupported_parameter() {
        InvalidRequestException e = refused("{'model':'m','input':'hi','background':true}");

        assertEquals("unsupported_parameter", e.code());
        assertEquals("background", e.param());
    }

    @Test
    void temperature_three_is_decimal_above_max_value() {
        InvalidRequestException e = refused("{'model':'m','input':'hi','temperature':3}");

        assertEquals("decimal_above_max_value", e.code());
        assertEquals("temperature", e.param());
    }

    @Test
    void max_output_tokens_ten_is_integer_below_min_value() {
        InvalidRequestException e = refused("{'model':'m','input':'hi','max_output_tokens':10}");

        assertEquals("integer_below_min_value", e.code());
        assertEquals("max_output_tokens", e.param());
    }

    @Test
    void one_hundred_twenty_nine_tools_is_array_above_max_length() {
        StringBuilder tools = new StringBuilder();
        for (int i = 0; i < 129; i++) {
            if (i > 0) tools.append(',');
            tools.append("{'type':'function','name':'f").append(i).append("','parameters':null,'strict':null}");
        }

        InvalidRequestException e = refused("{'model':'m','input':'hi','tools':[" + tools + "]}");

        assertEquals("array_above_max_length", e.code());
        assertEquals("tools", e.param());
    }

    @Test
    void one_hundred_twenty_eight_tools_are_accepted_by_validation() {
        // The contrast to the 129 case: with 128 the request passes validation and reaches the (refusing) upstream.
        StringBuilder tools = new StringBuilder();
        for (int i = 0; i < 128; i++) {
            if (i > 0) tools.append(',');
            tools.append("{'type':'function','name':'f").append(i).append("','parameters':null,'strict':null}");
        }
        Responses refusing = service(chatModel(refusingBaseUrl()));

        var e = assertThrows(org.openconversations.errors.UpstreamApiException.class,
                () -> create(refusing, "{'model':'m','input':'hi','tools':[" + tools + "]}"));

        assertEquals(502, e.status());
    }

    @Test
    void an_input_item_id_already_in_the_conversation_is_a_duplicate_of_input() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);
        String existing = before.getFirst().getItemId();

        InvalidRequestException e = refused("{'model':'m','conversation':'" + key.conversationId() + "','input':["
                + "{'type':'message','id':'" + existing + "','role':'user','content':'again'}]}");

        assertEquals("input", e.param());
        assertNull(e.code());
        assertEquals("Duplicate item found with id " + existing
                + ". Remove duplicate items from your input and try again.", e.getMessage());
        assertUnchangedAndUnlocked(key, before, 2L);
    }

    @Test
    void an_input_too_large_to_store_even_compressed_is_refused() {
        // Random printable characters: over 6 bits each once gzipped, so 390 K exceed the 300 KB input share.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~ ";
        java.util.Random random = new java.util.Random(7);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 390_000; i++) noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
        InvalidRequestException e = refused("{'model':'m','input':'" + noise + "'}");

        assertEquals("input_too_large", e.code());
        assertEquals("input", e.param());
    }

    @Test
    void the_same_id_twice_in_one_input_is_a_duplicate_of_input() {
        String id = "msg_" + "1".repeat(48);

        InvalidRequestException e = refused("{'model':'m','input':["
                + "{'type':'message','id':'" + id + "','role':'user','content':'a'},"
                + "{'type':'message','id':'" + id + "','role':'user','content':'b'}]}");

        assertEquals("input", e.param());
    }

    @Test
    void an_include_value_outside_the_list_is_invalid_value_naming_its_position() {
        InvalidRequestException e = refused("{'model':'m','input':'hi','include':['reasoning.encrypted_content','bogus']}");

        assertEquals("invalid_value", e.code());
        assertEquals("include[1]", e.param());
    }

    @Test
    void an_unknown_text_format_type_is_invalid_value() {
        InvalidRequestException e = refused("{'model':'m','input':'hi','text':{'format':{'type':'bogus'}}}");

        assertEquals("invalid_value", e.code());
        assertEquals("text.format.type", e.param());
    }

    @Test
    void a_text_format_without_a_type_is_missing_required_parameter() {
        InvalidRequestException e = refused("{'model':'m','input':'hi','text':{'format':{}}}");

        assertEquals("missing_required_parameter", e.code());
        assertEquals("text.format.type", e.param());
    }

    @Test
    void enumerated_settings_outside_their_values_are_invalid_value_by_name() {
        List<List<String>> cases = List.of(
                List.of("'reasoning':{'effort':'ultra'}", "reasoning.effort"),
                List.of("'reasoning':{'summary':'bogus'}", "reasoning.summary"),
                List.of("'text':{'verbosity':'loud'}", "text.verbosity"),
                List.of("'service_tier':'bogus'", "service_tier"),
                List.of("'prompt_cache_retention':'forever'", "prompt_cache_retention"));
        for (List<String> c : cases) {
            InvalidRequestException e = refused("{'model':'m','input':'hi'," + c.get(0) + "}");

            assertEquals("invalid_value", e.code(), c.get(0));
            assertEquals(c.get(1), e.param(), c.get(0));
        }
    }

    @Test
    void a_conversation_object_with_an_unknown_field_is_unknown_parameter() {
        ConversationKey key = newConversation("one");

        InvalidRequestException e = refused("{'model':'m','input':'hi','conversation':{'id':'" + key.conversationId()
                + "','extra':1}}");

        assertEquals("unknown_parameter", e.code());
        assertEquals("conversation.extra", e.param());
    }

    @Test
    void a_conversation_object_whose_id_is_not_a_string_is_invalid_type() {
        InvalidRequestException e = refused("{'model':'m','input':'hi','conversation':{'id':123}}");

        assertEquals("invalid_type", e.code());
        assertEquals("conversation.id", e.param());
    }
}
