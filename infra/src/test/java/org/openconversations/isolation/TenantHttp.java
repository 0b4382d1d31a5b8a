package org.openconversations.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.openconversations.api.TestGateway;
import org.openconversations.upstream.UpstreamStandIn;

/** Plain HTTP to the test gateway as one caller: one API key, optionally narrowed by an OpenAI-Project header. */
final class TenantHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, String text) {
        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    private final String key;
    private final String project;

    private TenantHttp(String key, String project) {
        this.key = key;
        this.project = project;
    }

    static TenantHttp withKey(String key) {
        return new TenantHttp(key, null);
    }

    /** The same key, sending {@code OpenAI-Project: project}. */
    TenantHttp withProject(String project) {
        return new TenantHttp(key, project);
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply post(String path, String body) {
        return send(request(path)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(TestGateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + key);
        if (project != null) builder.header("openai-project", project);
        return builder;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = null;
            }
            return new Reply(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JVM's one upstream stand-in ({@code compat.responses.TestUpstream}, package-private there), which the
     * create-response function is pointed at once per JVM: a second stand-in would never be called.
     */
    static UpstreamStandIn upstream() {
        try {
            Class<?> shared = Class.forName("org.openconversations.compat.responses.TestUpstream");
            Method get = shared.getDeclaredMethod("get");
            get.setAccessible(true);
            return (UpstreamStandIn) get.invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("TestUpstream.get() is not reachable", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
