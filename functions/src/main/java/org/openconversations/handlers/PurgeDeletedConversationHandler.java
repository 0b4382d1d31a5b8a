package org.openconversations.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoItemRepository;

/**
 * Fed by ConversationsTable's stream: when a conversation row is removed, deletes its items. Reports
 * failures per record so Lambda retries only those; a purge is safe to repeat.
 */
public final class PurgeDeletedConversationHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final DynamoConversationRepository conversations;
    private final DynamoItemRepository items;

    public PurgeDeletedConversationHandler() {
        this(Services.purgeConversationRows(), Services.purgeItems());
    }

    public PurgeDeletedConversationHandler(DynamoConversationRepository conversations, DynamoItemRepository items) {
        this.conversations = conversations;
        this.items = items;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (!"REMOVE".equals(record.getEventName())) continue;
            try {
                AttributeValue pk = record.getDynamodb().getKeys().get("pk");
                // Stream records arrive late and may be retried: purge only what is still orphaned.
                if (conversations.find(pk.getS()).isPresent()) continue;
                int deleted = items.purge(pk.getS());
                log(context, "purged " + deleted + " items of a deleted conversation");
            } catch (RuntimeException e) {
                log(context, "ERROR purge failed for record " + record.getEventID() + ": " + e);
                failures.add(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
            }
        }
        return new StreamsEventResponse(failures);
    }

    private static void log(Context context, String line) {
        if (context != null && context.getLogger() != null) context.getLogger().log(line);
    }
}
