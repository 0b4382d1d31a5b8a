package org.openconversations.config;

/**
 * Reads configuration the way Lambda hands it over: environment variables. A non-blank system property of
 * the same name wins, so the local gateway can configure handlers in its own JVM, as {@code sam local} does
 * with env.json; a template parameter left empty leaves the user's own environment variable in charge.
 */
public final class Settings {
    private Settings() {}

    public static String get(String name) {
        String fromProperty = System.getProperty(name);
        return fromProperty != null && !fromProperty.isBlank() ? fromProperty : System.getenv(name);
    }

    public static String get(String name, String fallback) {
        String value = get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static String require(String name) {
        String value = get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Missing configuration: " + name);
        }
        return value;
    }
}
