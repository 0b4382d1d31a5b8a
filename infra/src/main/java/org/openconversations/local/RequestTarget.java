package org.openconversations.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request target as received, split like java.net.URI splits it: the raw (still percent-encoded) path and
 * query, without the fragment, and without scheme and authority when the target is in absolute form.
 *
 * @param rawQuery null when the target has no {@code ?}
 */
record RequestTarget(String rawPath, String rawQuery) {

    private static final Pattern SCHEME_AND_AUTHORITY = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/]*");

    static RequestTarget parse(String target) {
        int hash = target.indexOf('#');
        String withoutFragment = hash < 0 ? target : target.substring(0, hash);
        int question = withoutFragment.indexOf('?');
        String path = question < 0 ? withoutFragment : withoutFragment.substring(0, question);
        String query = question < 0 ? null : withoutFragment.substring(question + 1);
        Matcher absoluteForm = SCHEME_AND_AUTHORITY.matcher(path);
        return new RequestTarget(absoluteForm.lookingAt() ? path.substring(absoluteForm.end()) : path, query);
    }

    /** Whether path and query can be percent-decoded; API Gateway refuses a target that cannot. */
    boolean isWellFormed() {
        return PercentDecoding.isWellFormed(rawPath) && (rawQuery == null || PercentDecoding.isWellFormed(rawQuery));
    }
}
