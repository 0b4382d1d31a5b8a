package org.openconversations.config;

/**
 * Reads configuration the way Lambda hands it over: environment variables. A system property of the same
 * name wins, so the local gateway can configure handlers in its own JVM, as {@code sam local} does with env.json.
 */
public final class Settings {
    private Settings() {}

    public static String get(String name) {
        String fromProperty = System.getProperty(name);
        return fromProperty != null ? fromProperty : System.getenv(name);
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
