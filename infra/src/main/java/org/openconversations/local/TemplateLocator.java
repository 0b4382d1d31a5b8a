package org.openconversations.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds template.yaml the way the local gateway and the tests expect it. */
public final class TemplateLocator {

    public static final String TEMPLATE_FILE = "template.yaml";

    private TemplateLocator() {
    }

    /**
     * The {@code TEMPLATE} environment variable if set, else {@code template.yaml} in the working
     * directory or the nearest parent directory that has one.
     */
    public static Path locate() {
        String configured = System.getenv("TEMPLATE");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("TEMPLATE points to " + path + ", which is not a file");
            }
            return path;
        }
        Path directory = Path.of("").toAbsolutePath();
        for (Path dir = directory; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(TEMPLATE_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "No " + TEMPLATE_FILE + " in " + directory + " or its parents; set TEMPLATE to its path");
    }

    /**
     * The project root: the {@code project.root} system property (set by the infra module's
     * surefire configuration) if present, else the directory of {@link #locate()}.
     */
    public static Path projectRoot() {
        String configured = System.getProperty("project.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return locate().getParent();
    }
}
