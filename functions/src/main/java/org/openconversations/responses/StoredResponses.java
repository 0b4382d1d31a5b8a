package org.openconversations.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.openconversations.domain.Ids;
import org.openconversations.domain.StoredItem;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.json.JsonText;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.store.ResponseRecord;

/**
 * Reading, deleting and listing the input of stored responses, until they expire. Apart from {@link Responses}
 * because these routes need only the responses table: their functions never load the conversation graph, the
 * model profiles or the upstream client.
 */
public final class StoredResponses {
    private final DynamoResponseRepository responses;
    private final Clock clock;

    public StoredResponses(DynamoResponseRepository responses, Clock clock) {
        this.responses = responses;
        this.clock = clock;
    }

    /**
     * The response object as stored, JSON text the route answers as it is: parsing and writing it again would
     * cost every cold start the parser, the generator and the tree (about 30 Jackson classes), and every
     * request time in proportion to the answer's length.
     */
    public String get(String tenant, String id) {
        return load(tenant, id).getBody();
    }

    public void delete(String tenant, String id) {
        if (!Ids.isStorable(id) || !responses.delete(tenant + "#" + id, now())) throw NotFoundException.response(id);
    }

    /** The stored input items of a response, in the stored order; paged like conversation items. */
    public List<StoredItem> inputItems(String tenant, String id) {
        List<String> elements = JsonText.elements(load(tenant, id).getInputItems());
        List<StoredItem> input = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            input.add(new StoredItem(JsonText.stringField(elements.get(i), "id"), i, elements.get(i)));
        }
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
}
