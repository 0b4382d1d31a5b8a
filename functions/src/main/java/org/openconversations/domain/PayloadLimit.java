package org.openconversations.domain;

/**
 * Lambda's limit on what a function returns: 6 MB (6,291,456 bytes) of response payload, which for an API
 * Gateway route is the answer's body as a JSON string inside the response event. A function returning more
 * fails after its work is done, and the caller gets API Gateway's bare 500, which the SDKs retry: a turn that
 * was stored would be generated and stored again.
 */
public final class PayloadLimit {
    public static final int MAX_BYTES = 6 * 1024 * 1024;
    // The event around the body: status, headers (request id, retry headers) and field names.
    private static final int EVENT_BYTES = 4 * 1024;
    // No character takes more than 6 bytes in a JSON string (a control character as \\u00XX).
    private static final int SHORT_ENOUGH = (MAX_BYTES - EVENT_BYTES) / 6;

    private PayloadLimit() {}

    /** Whether a function can return this body: its bytes as a JSON string, plus the event around it. */
    public static boolean fits(String body) {
        // Nearly every answer is far shorter: no character is looked at.
        if (body == null || body.length() <= SHORT_ENOUGH) return true;
        return EVENT_BYTES + asJsonString(body) <= MAX_BYTES;
    }

    /** UTF-8 bytes of the text once written as a JSON string, as the runtime's serializer writes it. */
    static long asJsonString(String text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') bytes += 2;
            else if (c < 0x20) bytes += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
            else if (c < 0x80) bytes += 1;
            else if (c < 0x800 || Character.isSurrogate(c)) bytes += 2;
            else bytes += 3;
        }
        return bytes;
    }
}
