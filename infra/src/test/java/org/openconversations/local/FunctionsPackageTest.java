package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The deployment artifact alone, as Lambda loads it: functions.zip in a class loader that sees nothing of the
 * test classpath. Catches a dependency the tests have (DynamoDB Local brings Joda-Time) but the zip lacks.
 */
class FunctionsPackageTest {

    private static final Path ZIP = TemplateLocator.projectRoot().resolve("functions/target/functions.zip");

    @Test
    void the_authorizer_event_deserializes_with_only_the_zip_on_the_classpath() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ZIP), "functions.zip is built by the package phase");
        try (URLClassLoader lambda = new URLClassLoader(new URL[] {ZIP.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> eventClass = lambda.loadClass(
                    "com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent");
            @SuppressWarnings("unchecked")
            PojoSerializer<Object> serializer =
                    (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(eventClass, lambda);
            Object event;
            try (InputStream json = Files.newInputStream(TemplateLocator.projectRoot().resolve("events/authorize.json"))) {
                event = serializer.fromJson(json);
            }
            Method identitySource = eventClass.getMethod("getIdentitySource");
            assertEquals(List.of("Bearer sk-oc-ExampleKeyForEventsOnly00000000000000000000"),
                    identitySource.invoke(event));
            Object context = eventClass.getMethod("getRequestContext").invoke(event);
            assertEquals("abcdef1234", context.getClass().getMethod("getApiId").invoke(context));
            lambda.loadClass("org.openconversations.handlers.ApiKeyAuthorizerHandler");
        }
    }

    @Test
    void no_dynamodb_interceptor_is_registered_from_the_zip() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ZIP), "functions.zip is built by the package phase");
        // The SDK reads this resource for every client it builds; the Enhanced Client's copy (a User-Agent tag
        // that copies every request) is left out of the artifact on purpose: see functions/pom.xml.
        try (URLClassLoader lambda = new URLClassLoader(new URL[] {ZIP.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertFalse(lambda.getResources("software/amazon/awssdk/services/dynamodb/execution.interceptors")
                    .hasMoreElements());
            assertFalse(lambda.getResources("software/amazon/awssdk/global/handlers/execution.interceptors")
                    .hasMoreElements());
        }
    }
}
