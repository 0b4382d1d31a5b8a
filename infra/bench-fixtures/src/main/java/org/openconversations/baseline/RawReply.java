package org.openconversations.baseline;

/** A status and a JSON body written by hand. */
record RawReply(int status, String json) {

    /** A reply found deep in a route (an upstream that failed, a missing previous response), thrown to the handler. */
    static final class Failed extends RuntimeException {
        final RawReply reply;

        Failed(int status, String message) {
            super(message, null, false, false);
            this.reply = error(status, message);
        }
    }

    static RawReply ok(String json) {
        return new RawReply(200, json);
    }

    static RawReply error(int status, String message) {
        return new RawReply(status, "{\"error\":{\"message\":" + quote(message)
                + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
