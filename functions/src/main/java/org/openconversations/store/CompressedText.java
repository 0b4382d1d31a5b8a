package org.openconversations.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;

/** Gzip for large text attributes: model output and JSON shrink several times, and DynamoDB bills by size. */
final class CompressedText {
    private CompressedText() {}

    static SdkBytes of(String text) {
        if (text == null) return null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArrayUnsafe(bytes.toByteArray());
    }

    static String from(SdkBytes compressed) {
        if (compressed == null) return null;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed.asByteArrayUnsafe()))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
