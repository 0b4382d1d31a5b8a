package org.openconversations.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the long-form intrinsic functions that {@link CloudFormationTemplate} produces. */
public final class Intrinsics {

    /** {@code Fn::GetAtt} target, e.g. {@code ConversationsTable.StreamArn}. */
    public record GetAtt(String resource, String attribute) {
    }

    private Intrinsics() {
    }

    /** The logical id of a {@code {Ref: X}} value. */
    public static Optional<String> ref(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("Ref") instanceof String id) {
            return Optional.of(id);
        }
        return Optional.empty();
    }

    /** The target of a {@code {Fn::GetAtt: [X, Attr]}} or {@code {Fn::GetAtt: "X.Attr"}} value. */
    public static Optional<GetAtt> getAtt(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1 || !map.containsKey("Fn::GetAtt")) {
            return Optional.empty();
        }
        Object target = map.get("Fn::GetAtt");
        if (target instanceof List<?> list && list.size() == 2
                && list.get(0) instanceof String resource && list.get(1) instanceof String attribute) {
            return Optional.of(new GetAtt(resource, attribute));
        }
        if (target instanceof String text && text.indexOf('.') > 0) {
            int dot = text.indexOf('.');
            return Optional.of(new GetAtt(text.substring(0, dot), text.substring(dot + 1)));
        }
        return Optional.empty();
    }

    /** The template string of a {@code {Fn::Sub: "..."}} or {@code {Fn::Sub: ["...", {...}]}} value. */
    public static Optional<String> sub(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1 || !map.containsKey("Fn::Sub")) {
            return Optional.empty();
        }
        Object body = map.get("Fn::Sub");
        if (body instanceof String text) {
            return Optional.of(text);
        }
        if (body instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String text) {
            return Optional.of(text);
        }
        return Optional.empty();
    }
}
