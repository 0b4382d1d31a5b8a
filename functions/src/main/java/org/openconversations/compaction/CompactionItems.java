package org.openconversations.compaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;
import org.openconversations.config.SecretsManagerSecret;
import org.openconversations.config.Settings;
import org.openconversations.domain.Ids;
import org.openconversations.domain.NewItem;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

/**
 * Compaction items (contract 8.4): made from a summary, checked wherever a client hands one in, and turned
 * back into the summary they stand for when a context is built. The key is read on first use, so routes that
 * never meet a compaction item never read the secret.
 */
public final class CompactionItems {
    /** How a summary reads to the model: a developer message in place of everything it replaced. */
    static final String CONTEXT_PREFIX = "Summary of the earlier conversation, which it replaces:\n\n";

    private final Supplier<CompactionSeal> seal;
    private volatile CompactionSeal loaded;

    public CompactionItems(Supplier<CompactionSeal> seal) {
        this.seal = seal;
    }

    /** {@code COMPACTION_KEY} (the local gateway's, kept under DATA_DIR) or the secret {@code COMPACTION_KEY_SECRET_ARN}. */
    public static CompactionItems fromEnvironment() {
        return new CompactionItems(() -> {
            String local = Settings.get("COMPACTION_KEY");
            if (local != null && !local.isBlank()) return new CompactionSeal(local);
            String arn = Settings.get("COMPACTION_KEY_SECRET_ARN");
            if (arn == null || arn.isBlank()) {
                throw new IllegalStateException("Set COMPACTION_KEY or COMPACTION_KEY_SECRET_ARN");
            }
            return new CompactionSeal(SecretsManagerSecret.read(arn.trim(), null));
        });
    }

    public static boolean isCompaction(JsonNode item) {
        return "compaction".equals(item.path("type").asText());
    }

    public ObjectNode create(String tenant, String summary) {
        ObjectNode item = Json.object();
        item.put("id", Ids.newId("cmp"));
        item.put("type", "compaction");
        item.put("encrypted_content", seal().seal(tenant, summary));
        return item;
    }

    /** The summary a compaction item holds; 400 when it was changed or sealed for someone else. */
    public String summary(String tenant, JsonNode item, String param) {
        return seal().open(tenant, item.path("encrypted_content").asText(null))
                .orElseThrow(() -> InvalidRequestException.invalidEncryptedContent(param + ".encrypted_content"));
    }

    /** Refuses, before anything is stored, any compaction item among {@code items} that is not genuine. */
    public void verify(String tenant, List<NewItem> items, String param) {
        for (int i = 0; i < items.size(); i++) {
            if (isCompaction(items.get(i).json())) summary(tenant, items.get(i).json(), param + "[" + i + "]");
        }
    }

    /** The item as the model sees it: a compaction item becomes its summary, everything else is itself. */
    public ObjectNode forModel(String tenant, ObjectNode item, String param) {
        if (!isCompaction(item)) return item;
        ObjectNode message = Json.object();
        message.put("type", "message");
        message.put("role", "developer");
        message.putArray("content").addObject().put("type", "input_text")
                .put("text", CONTEXT_PREFIX + summary(tenant, item, param));
        return message;
    }

    private CompactionSeal seal() {
        CompactionSeal current = loaded;
        if (current == null) {
            synchronized (this) {
                if (loaded == null) loaded = seal.get();
                current = loaded;
            }
        }
        return current;
    }
}
