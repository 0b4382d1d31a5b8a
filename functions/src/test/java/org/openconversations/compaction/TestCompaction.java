package org.openconversations.compaction;

/** The compaction key tests run with, as the local gateway would read it from DATA_DIR/compaction-key. */
public final class TestCompaction {
    public static final String SECRET = "test-compaction-key-for-the-suite-0123456789";

    private TestCompaction() {}

    public static CompactionItems items() {
        return new CompactionItems(() -> new CompactionSeal(SECRET));
    }
}
