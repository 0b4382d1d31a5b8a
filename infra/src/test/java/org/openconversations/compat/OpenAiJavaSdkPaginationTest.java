package org.openconversations.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.openconversations.compat.OpenAiJavaSdkCompatibilityTest.userMessage;
import static org.openconversations.compat.SdkSupport.idOf;

import com.openai.client.OpenAIClient;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.conversations.items.ConversationItemList;
import com.openai.models.conversations.items.ItemCreateParams;
import com.openai.models.conversations.items.ItemListPage;
import com.openai.models.conversations.items.ItemListParams;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * openai-java's auto-pager over one conversation of 250 items, appended 20 at a time. The pager follows
 * {@code last_id} as the next {@code after} while {@code has_more} is true and the page is not empty, so the
 * server must page without gaps, duplicates or endless repeats.
 */
class OpenAiJavaSdkPaginationTest {
    private static final int ITEM_COUNT = 250;
    private static final int BATCH = 20;
    /** A pager that yields more than this has repeated itself: it would never have stopped on its own. */
    private static final int HARD_CAP = 2 * ITEM_COUNT;

    private static final List<HttpUrl> urls = SdkSupport.newUrlLog();
    private static OpenAIClient client;
    private static String conversationId;
    /** Item ids as items.create returned them, oldest first. */
    private static List<String> insertionOrder;

    @BeforeAll
    static void appendItemsInBatches() {
        client = SdkSupport.strictClientRecording(urls);
        conversationId = client.conversations().create().id();
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < ITEM_COUNT; start += BATCH) {
            ItemCreateParams.Builder batch = ItemCreateParams.builder();
            IntStream.range(start, Math.min(start + BATCH, ITEM_COUNT)).forEach(i -> batch.addItem(userMessage(text(i))));
            ConversationItemList added = client.conversations().items().create(conversationId, batch.build());
            added.data().forEach(item -> ids.add(idOf(item)));
        }
        insertionOrder = List.copyOf(ids);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void every_appended_item_got_its_own_id() {
        assertAll(
                () -> assertEquals(ITEM_COUNT, insertionOrder.size()),
                () -> assertEquals(ITEM_COUNT, new HashSet<>(insertionOrder).size()));
    }

    @ParameterizedTest(name = "limit {0}, order {1}")
    @CsvSource({"1, asc", "7, asc", "20, asc", "100, asc", "1, desc", "7, desc", "20, desc", "100, desc"})
    void auto_pager_yields_every_item_exactly_once_in_order(long limit, String order) {
        boolean ascending = order.equals("asc");

        List<ConversationItem> items = autoPage(limit, ItemListParams.Order.of(order));

        List<String> expectedIds = ascending ? insertionOrder : insertionOrder.reversed();
        List<String> expectedTexts = IntStream.range(0, ITEM_COUNT)
                .map(i -> ascending ? i : ITEM_COUNT - 1 - i).mapToObj(OpenAiJavaSdkPaginationTest::text).toList();
        assertAll(
                () -> assertEquals(expectedIds, items.stream().map(SdkSupport::idOf).toList()),
                () -> assertEquals(expectedTexts, items.stream()
                        .map(item -> item.message().orElseThrow().content().getFirst().inputText().orElseThrow().text())
                        .toList()));
    }

    @ParameterizedTest(name = "limit {0}, order {1}")
    @CsvSource({"7, desc", "20, asc", "50, desc", "100, asc", "25, desc"})
    void auto_pager_stops_after_the_last_full_or_partial_page(long limit, String order) {
        int before = urls.size();

        List<ConversationItem> items = autoPage(limit, ItemListParams.Order.of(order));

        // has_more is exact, so the pager never needs a trailing empty page to stop.
        long pages = (ITEM_COUNT + limit - 1) / limit;
        assertAll(
                () -> assertEquals(ITEM_COUNT, items.size()),
                () -> assertEquals(pages, urls.size() - before, "requests made by the auto-pager"));
    }

    @Test
    void auto_pager_follows_last_id_as_after() {
        int before = urls.size();

        autoPage(100, ItemListParams.Order.ASC);

        List<HttpUrl> requests = urls.subList(before, urls.size());
        assertAll(
                () -> assertEquals(3, requests.size()),
                () -> assertNull(requests.get(0).queryParameter("after")),
                () -> assertEquals(insertionOrder.get(99), requests.get(1).queryParameter("after")),
                () -> assertEquals(insertionOrder.get(199), requests.get(2).queryParameter("after")));
    }

    @Test
    void first_ascending_page_of_twenty_has_more_and_names_its_last_item() {
        ItemListPage page = client.conversations().items().list(conversationId,
                ItemListParams.builder().limit(20).order(ItemListParams.Order.ASC).build());

        assertAll(
                () -> assertEquals(insertionOrder.subList(0, 20), page.data().stream().map(SdkSupport::idOf).toList()),
                () -> assertTrue(page.hasMore().orElseThrow()),
                () -> assertEquals(idOf(page.data().getLast()), page.lastId().orElseThrow()),
                () -> assertEquals(idOf(page.data().getFirst()), page.response().firstId()),
                () -> assertTrue(page.hasNextPage()));
    }

    @Test
    void default_order_is_newest_first_and_default_limit_is_twenty() {
        ItemListPage page = client.conversations().items().list(conversationId);

        assertEquals(insertionOrder.reversed().subList(0, 20), page.data().stream().map(SdkSupport::idOf).toList());
    }

    @Test
    void page_ending_exactly_at_the_oldest_item_has_no_more() {
        ItemListPage page = client.conversations().items().list(conversationId, ItemListParams.builder()
                .after(insertionOrder.get(100)).limit(100).order(ItemListParams.Order.DESC).build());

        assertAll(
                () -> assertEquals(insertionOrder.subList(0, 100).reversed(),
                        page.data().stream().map(SdkSupport::idOf).toList()),
                () -> assertFalse(page.hasMore().orElseThrow()),
                () -> assertFalse(page.hasNextPage()));
    }

    @Test
    void after_the_last_item_the_page_is_empty() {
        ItemListPage page = client.conversations().items().list(conversationId, ItemListParams.builder()
                .after(insertionOrder.getLast()).limit(20).order(ItemListParams.Order.ASC).build());

        assertAll(
                () -> assertEquals(List.of(), page.data()),
                () -> assertFalse(page.hasMore().orElseThrow()),
                () -> assertFalse(page.hasNextPage()));
    }

    @Test
    void a_conversation_without_items_lists_an_empty_page() {
        String empty = client.conversations().create().id();

        ItemListPage page = client.conversations().items().list(empty);

        assertAll(
                () -> assertEquals(List.of(), page.data()),
                () -> assertFalse(page.hasMore().orElseThrow()));
    }

    private static List<ConversationItem> autoPage(long limit, ItemListParams.Order order) {
        Iterator<ConversationItem> pager = client.conversations().items()
                .list(conversationId, ItemListParams.builder().limit(limit).order(order).build())
                .autoPager().iterator();
        List<ConversationItem> items = new ArrayList<>();
        while (pager.hasNext()) {
            if (items.size() >= HARD_CAP) {
                fail("auto-pager (limit " + limit + ", " + order + ") yielded more than " + HARD_CAP
                        + " items from a conversation of " + ITEM_COUNT + ": it would not terminate");
            }
            items.add(pager.next());
        }
        return items;
    }

    private static String text(int index) {
        return "item " + index;
    }
}
