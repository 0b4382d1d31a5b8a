package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class StreamRecordsTest {

    @Test
    void converts_scalar_attribute_values() {
        assertEquals("text", StreamRecords.attribute(AttributeValue.fromS("text")).getS());
        assertEquals("42", StreamRecords.attribute(AttributeValue.fromN("42")).getN());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2}),
                StreamRecords.attribute(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2}))).getB());
        assertEquals(true, StreamRecords.attribute(AttributeValue.fromBool(true)).getBOOL());
        assertEquals(true, StreamRecords.attribute(AttributeValue.fromNul(true)).getNULL());
    }

    @Test
    void converts_set_attribute_values() {
        assertEquals(List.of("a", "b"), StreamRecords.attribute(AttributeValue.fromSs(List.of("a", "b"))).getSS());
        assertEquals(List.of("1", "2"), StreamRecords.attribute(AttributeValue.fromNs(List.of("1", "2"))).getNS());
        assertEquals(List.of(ByteBuffer.wrap(new byte[] {3})),
                StreamRecords.attribute(AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {3})))).getBS());
    }

    @Test
    void converts_nested_maps_and_lists() {
        AttributeValue nested = AttributeValue.fromM(Map.of(
                "list", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1")))));
        var converted = StreamRecords.attribute(nested);
        var list = converted.getM().get("list").getL();
        assertEquals("x", list.get(0).getS());
        assertEquals("1", list.get(1).getN());
    }

    @Test
    void converts_a_record_like_lambda_delivers_it() {
        Instant created = Instant.parse("2025-01-02T03:04:05Z");
        Record source = Record.builder()
                .eventID("event-1")
                .eventName(OperationType.REMOVE)
                .eventVersion("1.1")
                .dynamodb(StreamRecord.builder()
                        .keys(Map.of("pk", AttributeValue.fromS("conv")))
                        .sequenceNumber("100")
                        .sizeBytes(12L)
                        .streamViewType(StreamViewType.KEYS_ONLY)
                        .approximateCreationDateTime(created)
                        .build())
                .build();

        DynamodbEvent.DynamodbStreamRecord record = StreamRecords.record(source, "arn:stream");

        assertEquals("event-1", record.getEventID());
        assertEquals("REMOVE", record.getEventName());
        assertEquals("aws:dynamodb", record.getEventSource());
        assertEquals("us-east-1", record.getAwsRegion());
        assertEquals("arn:stream", record.getEventSourceARN());
        assertEquals("conv", record.getDynamodb().getKeys().get("pk").getS());
        assertEquals("100", record.getDynamodb().getSequenceNumber());
        assertEquals(12L, record.getDynamodb().getSizeBytes());
        assertEquals("KEYS_ONLY", record.getDynamodb().getStreamViewType());
        assertEquals(Date.from(created), record.getDynamodb().getApproximateCreationDateTime());
        assertTrue(record.getDynamodb().getNewImage() == null || record.getDynamodb().getNewImage().isEmpty());
    }
}
