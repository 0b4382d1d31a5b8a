package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.ItemPage;
import org.openconversations.domain.ListItemsQuery;
import org.openconversations.domain.StoredItem;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.json.Json;

/** Reading back a stored response: its input_items pages, delete and cancel. */
class StoredResponsesTest extends ResponsesServiceFixture {
    private static final List<String> TEXTS = List.of("one", "two", "three", "four", "five");

    private String id;
    private List<String> inputIds;

    @BeforeEach
    void aTurnWithFiveInputItems() {
        upstream.reply(200, chatText("ok"));
        ObjectNode response = create("{'model':'m','input':[{'role':'user','content':'one'},"
                + "{'role':'user','content':'two'},{'role':'user','content':'three'},"
                + "{'role':'user','content':'four'},{'role':'user','content':'five'}]}");
        id = response.get("id").textValue();
        inputIds = stored.inputItems(tenant, id).stream().map(StoredItem::id).toList();
    }

    private ItemPage page(String after, String order) {
        return InputItemsPage.of(stored.inputItems(tenant, id), ListItemsQuery.parse(after, "2", order, null));
    }

    private List<String> pageIds(ItemPage page) {
        return page.items().stream().map(StoredItem::id).toList();
    }

    private String in(int position) {
        return inputIds.get(position - 1);
    }

    @Test
    void input_items_are_stored_in_request_order() {
        assertEquals(TEXTS, stored.inputItems(tenant, id).stream()
                .map(item -> Json.parse(item.json()).at("/content/0/text").textValue()).toList());
        assertEquals(5, inputIds.stream().distinct().count());
    }

    @Test
    void input_items_page_ascending_with_after_cursors() {
        ItemPage first = page(null, "asc");
        ItemPage second = page(first.items().getLast().id(), "asc");
        ItemPage third = page(second.items().getLast().id(), "asc");

        assertEquals(List.of(in(1), in(2)), pageIds(first));
        assertTrue(first.hasMore());
        assertEquals(List.of(in(3), in(4)), pageIds(second));
        assertTrue(second.hasMore());
        assertEquals(List.of(in(5)), pageIds(third));
        assertFalse(third.hasMore());
    }

    @Test
    void input_items_page_descending_with_after_cursors() {
        ItemPage first = page(null, "desc");
        ItemPage second = page(first.items().getLast().id(), "desc");
        ItemPage third = page(second.items().getLast().id(), "desc");

        assertEquals(List.of(in(5), in(4)), pageIds(first));
        assertTrue(first.hasMore());
        assertEquals(List.of(in(3), in(2)), pageIds(second));
        assertTrue(second.hasMore());
        assertEquals(List.of(in(1)), pageIds(third));
        assertFalse(third.hasMore());
    }

    @Test
    void input_items_default_to_newest_first() {
        ItemPage page = InputItemsPage.of(stored.inputItems(tenant, id), ListItemsQuery.parse(null, null, null,
                null));

        assertEquals(List.of(in(5), in(4), in(3), in(2), in(1)), pageIds(page));
        assertFalse(page.hasMore());
    }

    @Test
    void a_page_ending_exactly_at_the_last_item_has_no_more() {
        ItemPage page = page(in(3), "asc");

        assertEquals(List.of(in(4), in(5)), pageIds(page));
        assertFalse(page.hasMore());
    }

    @Test
    void an_unknown_after_cursor_is_a_400() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> page("msg_" + "f".repeat(48), "asc"));

        assertEquals(400, e.status());
        assertEquals("after", e.param());
        assertTrue(e.getMessage().endsWith("in this response's input."), e.getMessage());
    }

    @Test
    void input_items_of_an_unknown_response_are_404() {
        assertThrows(NotFoundException.class, () -> stored.inputItems(tenant, "resp_" + "0".repeat(48)));
    }

    @Test
    void a_response_is_not_visible_to_another_tenant() {
        assertThrows(NotFoundException.class, () -> stored.get("other-" + tenant, id));
    }

    @Test
    void delete_removes_the_response() {
        stored.delete(tenant, id);

        NotFoundException e = assertThrows(NotFoundException.class, () -> storedResponse(id));
        assertEquals(404, e.status());
        assertTrue(storedResponses().isEmpty());
    }

    @Test
    void deleting_twice_is_404_the_second_time() {
        stored.delete(tenant, id);

        NotFoundException e = assertThrows(NotFoundException.class, () -> stored.delete(tenant, id));
        assertEquals(404, e.status());
    }

    @Test
    void deleting_an_expired_response_is_404() {
        clock.advance(RETENTION.plusSeconds(1));

        assertThrows(NotFoundException.class, () -> stored.delete(tenant, id));
    }

    @Test
    void cancelling_an_existing_response_is_a_400() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> stored.cancel(tenant, id));

        assertEquals(400, e.status());
        assertEquals(id, storedResponse(id).get("id").textValue());
    }

    @Test
    void cancelling_an_unknown_response_is_a_404() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> stored.cancel(tenant, "resp_" + "0".repeat(48)));

        assertEquals(404, e.status());
    }
}
