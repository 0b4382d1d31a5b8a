package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.array;
import static org.openconversations.compat.responses.ResponsesSupport.chat;
import static org.openconversations.compat.responses.ResponsesSupport.json;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseInputMessageItem;
import com.openai.models.responses.ResponseItem;
import com.openai.models.responses.inputitems.InputItemListParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed scenario without a conversation: each turn names the previous response (contract 8.3). */
class PreviousResponseChainTest extends GatewayResponsesTest {
    private static final String INSTRUCTIONS = "You are a helpful assistant.";
    private static final String FIRST_INPUT = "Hi! Remember: My name is Anastasia.";
    private static final String FIRST_ANSWER = "Nice to meet you, Anastasia!";
    private static final String SECOND_INPUT = "What is my name?";
    private static final String SECOND_ANSWER = "Your name is Anastasia.";

    private Response first() {
        upstream.answer(FIRST_ANSWER);
        return client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .instructions(INSTRUCTIONS)
                .input(FIRST_INPUT)
                .build());
    }

    private Response next(String previousId, String input, String answer) {
        upstream.answer(answer);
        return client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .previousResponseId(previousId)
                .input(input)
                .build());
    }

    @Test
    void chained_turn_sends_the_previous_input_and_output_but_not_the_previous_instructions() {
        Response first = first();

        next(first.id(), SECOND_INPUT, SECOND_ANSWER);

        assertEquals(
                array(chat("user", FIRST_INPUT), chat("assistant", FIRST_ANSWER), chat("user", SECOND_INPUT)),
                upstream.lastRequest().messages());
    }

    @Test
    void chained_turn_with_its_own_instructions_sends_those_first() {
        Response first = first();
        upstream.answer(SECOND_ANSWER);

        client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .previousResponseId(first.id())
                .instructions("Answer in one sentence.")
                .input(SECOND_INPUT)
                .build());

        assertEquals(
                array(chat("system", "Answer in one sentence."), chat("user", FIRST_INPUT),
                        chat("assistant", FIRST_ANSWER), chat("user", SECOND_INPUT)),
                upstream.lastRequest().messages());
    }

    @Test
    void chained_response_answers_and_names_its_previous_response() {
        Response first = first();

        Response second = next(first.id(), SECOND_INPUT, SECOND_ANSWER);

        assertAll(
                () -> assertEquals(SECOND_ANSWER, outputText(second)),
                () -> assertEquals(first.id(), second.previousResponseId().orElseThrow()),
                () -> assertTrue(second.conversation().isEmpty(), "no conversation: " + second.conversation()),
                () -> assertTrue(second.instructions().isEmpty(), "instructions are not carried over"));
    }

    @Test
    void a_chain_of_three_sends_every_earlier_turn_oldest_first() {
        Response first = first();
        Response second = next(first.id(), SECOND_INPUT, SECOND_ANSWER);

        next(second.id(), "And what did I ask you?", "You asked for your name.");

        assertEquals(
                array(chat("user", FIRST_INPUT), chat("assistant", FIRST_ANSWER), chat("user", SECOND_INPUT),
                        chat("assistant", SECOND_ANSWER), chat("user", "And what did I ask you?")),
                upstream.lastRequest().messages());
    }

    @Test
    void retrieve_returns_the_stored_response_as_create_returned_it() {
        Response first = first();
        Response second = next(first.id(), SECOND_INPUT, SECOND_ANSWER);

        Response retrieved = client.responses().retrieve(second.id());

        assertAll(
                () -> assertEquals(json(second), json(retrieved)),
                () -> assertEquals(second, retrieved));
    }

    @Test
    void input_items_list_the_turn_input_only() {
        Response first = first();
        Response second = next(first.id(), SECOND_INPUT, SECOND_ANSWER);

        List<ResponseItem> items = client.responses().inputItems().list(second.id()).data();

        assertEquals(1, items.size(), items::toString);
        ResponseInputMessageItem message = items.getFirst().responseInputMessageItem().orElseThrow();
        assertAll(
                () -> assertEquals(ResponseInputMessageItem.Role.USER, message.role()),
                () -> assertEquals(SECOND_INPUT, message.content().getFirst().inputText().orElseThrow().text()),
                () -> assertTrue(message.id().startsWith("msg_"), message.id()));
    }

    @Test
    void input_items_come_newest_first_by_default_and_oldest_first_with_order_asc() {
        upstream.answer(FIRST_ANSWER);
        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .inputOfResponse(List.of(user("one"), user("two"), user("three")))
                .build());

        List<String> byDefault = texts(client.responses().inputItems().list(response.id()).data());
        List<String> ascending = texts(client.responses().inputItems().list(response.id(),
                InputItemListParams.builder().order(InputItemListParams.Order.ASC).build()).data());

        assertAll(
                () -> assertEquals(List.of("three", "two", "one"), byDefault),
                () -> assertEquals(List.of("one", "two", "three"), ascending));
    }

    @Test
    void deleted_response_can_no_longer_be_retrieved_nor_chained() {
        Response first = first();

        client.responses().delete(first.id());

        NotFoundException gone = assertThrows(NotFoundException.class, () -> client.responses().retrieve(first.id()));
        BadRequestException chained = assertThrows(BadRequestException.class,
                () -> next(first.id(), SECOND_INPUT, SECOND_ANSWER));
        assertAll(
                () -> assertEquals(404, gone.statusCode()),
                () -> assertEquals("previous_response_not_found", ResponsesSupport.error(chained).code().orElse(null)),
                () -> assertThrows(NotFoundException.class, () -> client.responses().delete(first.id())));
    }

    private static ResponseInputItem user(String text) {
        return ResponseInputItem.ofEasyInputMessage(
                EasyInputMessage.builder().role(EasyInputMessage.Role.USER).content(text).build());
    }

    private static List<String> texts(List<ResponseItem> items) {
        return items.stream()
                .map(item -> item.responseInputMessageItem().orElseThrow().content().getFirst().inputText()
                        .orElseThrow().text())
                .toList();
    }
}
