package org.openconversations.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openconversations.domain.PayloadLimit;

/**
 * The largest body a route may answer with, measured as Lambda's Java runtime writes the response event: one
 * character more and the route answers the 500 envelope instead of a payload Lambda would refuse.
 */
class PayloadLimitTest {
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RUNTIME = LambdaEventSerializers
            .serializerFor(APIGatewayV2HTTPResponse.class, PayloadLimitTest.class.getClassLoader());

    private static int serializedBytes(APIGatewayV2HTTPResponse event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RUNTIME.toJson(event, out);
        return out.size();
    }

    /** The longest run of {@code c} that fits, found by bisection over {@link PayloadLimit#fits}. */
    private static int longestFitting(char c) {
        int low = 0;
        int high = PayloadLimit.MAX_BYTES;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (PayloadLimit.fits(String.valueOf(c).repeat(middle))) low = middle; else high = middle - 1;
        }
        return low;
    }

    // A plain letter, a quote (escaped as two bytes), two and three UTF-8 bytes, a control character (six).
    @ParameterizedTest
    @ValueSource(chars = {'a', '"', 'é', '€', '\u0001'})
    void the_longest_body_that_fits_is_returned_within_lambdas_limit_and_one_more_character_is_not(char c) {
        int longest = longestFitting(c);
        APIGatewayV2HTTPResponse fitting = ApiResponse.ok(String.valueOf(c).repeat(longest))
                .toEvent("0f6c1e8a-3a2b-4f7e-9c1d-5b8e2a7d4c3f", 123_456);
        APIGatewayV2HTTPResponse over = ApiResponse.ok(String.valueOf(c).repeat(longest + 1))
                .toEvent("0f6c1e8a-3a2b-4f7e-9c1d-5b8e2a7d4c3f", 123_456);

        int bytes = serializedBytes(fitting);
        assertEquals(200, fitting.getStatusCode());
        assertTrue(bytes <= PayloadLimit.MAX_BYTES, bytes + " bytes");
        assertTrue(bytes > PayloadLimit.MAX_BYTES - 16 * 1024, "the limit wastes no more than 16 KB: " + bytes);
        assertEquals(500, over.getStatusCode());
    }
}
