package org.openconversations.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openconversations.api.TestGateway;

/**
 * HTTP/1.1 over a plain socket, so that the request target, headers and body go out byte for byte as built:
 * java.net.http would refuse or rewrite some of what a fuzzer sends.
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 60_000;

    /** A request as sent. {@code target} is the request-target exactly as it goes on the wire. */
    record Request(String method, byte[] target, Map<String, String> headers, byte[] body) {
        static Request of(String method, String target, Map<String, String> headers, byte[] body) {
            return new Request(method, target.getBytes(StandardCharsets.ISO_8859_1), headers, body);
        }

        String targetText() {
            return new String(target, StandardCharsets.UTF_8);
        }

        /** What a failure message shows: enough to replay the request, clipped where it is huge. */
        String describe() {
            StringBuilder out = new StringBuilder();
            out.append(method).append(' ').append(clip(targetText(), 600)).append('\n');
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("authorization")) out.append(name).append(": ").append(value).append('\n');
            });
            if (body != null) {
                out.append("body (").append(body.length).append(" bytes): ")
                        .append(clip(new String(body, StandardCharsets.UTF_8), 600));
            }
            return out.toString();
        }
    }

    record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        @Override
        public String toString() {
            return status + " " + header("content-type") + " " + clip(text(), 1_000);
        }
    }

    private RawHttp() {}

    static Reply send(Request request) {
        URI base = URI.create(TestGateway.baseUrl());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(request.method().getBytes(StandardCharsets.ISO_8859_1));
        wire.write(' ');
        wire.writeBytes(request.target());
        ascii(wire, " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n");
        request.headers().forEach((name, value) -> {
            wire.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
            ascii(wire, ": ");
            wire.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            ascii(wire, "\r\n");
        });
        if (request.body() != null) ascii(wire, "Content-Length: " + request.body().length + "\r\n");
        ascii(wire, "\r\n");
        return exchange(base, wire.toByteArray(), request.body());
    }

    /** Sends bytes exactly as given (request line and headers included) and reads the reply. */
    static Reply sendBytes(byte[] head, byte[] body) {
        return exchange(URI.create(TestGateway.baseUrl()), head, body);
    }

    private static Reply exchange(URI base, byte[] head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            if (body != null) out.write(body);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP reply from the gateway", e);
        }
    }

    private static Reply parse(byte[] raw) throws IOException {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (headEnd < 0) throw new IOException("truncated reply: " + clip(new String(raw, StandardCharsets.ISO_8859_1), 300));
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) continue;
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.getFirst().equalsIgnoreCase("chunked")) body = dechunk(body);
        return new Reply(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder sizeLine = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') sizeLine.append((char) c);
            String size = sizeLine.toString().split(";")[0].trim();
            if (size.isEmpty()) throw new IOException("bad chunk");
            int length = Integer.parseInt(size, 16);
            if (length == 0) return out.toByteArray();
            out.write(in.readNBytes(length));
            in.read();
            in.read();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
