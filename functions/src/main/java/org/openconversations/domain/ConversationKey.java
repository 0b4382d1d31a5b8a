package org.openconversations.domain;

/** A conversation as seen by one tenant: every stored key starts from here, so tenants never share rows. */
public record ConversationKey(String tenant, String conversationId) {
    public String partitionKey() {
        return tenant + "#" + conversationId;
    }
}
