package org.openconversations.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** Converts DynamoDB Streams SDK records into the Lambda events library's DynamodbEvent model. */
public final class StreamRecords {

    private StreamRecords() {
    }

    public static DynamodbEvent event(List<Record> records, String streamArn) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(record -> record(record, streamArn)).toList());
        return event;
    }

    public static DynamodbEvent.DynamodbStreamRecord record(Record source, String streamArn) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(source.eventID());
        record.setEventName(source.eventNameAsString());
        record.setEventVersion(source.eventVersion() != null ? source.eventVersion() : "1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion(DynamoDbClients.REGION);
        record.setEventSourceARN(streamArn);
        if (source.userIdentity() != null) {
            record.setUserIdentity(new Identity()
                    .withPrincipalId(source.userIdentity().principalId())
                    .withType(source.userIdentity().type()));
        }
        software.amazon.awssdk.services.dynamodb.model.StreamRecord data = source.dynamodb();
        if (data != null) {
            StreamRecord converted = new StreamRecord()
                    .withSequenceNumber(data.sequenceNumber())
                    .withSizeBytes(data.sizeBytes());
            if (data.hasKeys()) {
                converted.setKeys(attributes(data.keys()));
            }
            if (data.hasNewImage()) {
                converted.setNewImage(attributes(data.newImage()));
            }
            if (data.hasOldImage()) {
                converted.setOldImage(attributes(data.oldImage()));
            }
            if (data.streamViewTypeAsString() != null) {
                converted.setStreamViewType(StreamViewType.valueOf(data.streamViewTypeAsString()));
            }
            if (data.approximateCreationDateTime() != null) {
                converted.setApproximateCreationDateTime(Date.from(data.approximateCreationDateTime()));
            }
            record.setDynamodb(converted);
        }
        return record;
    }

    public static Map<String, AttributeValue> attributes(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> source) {
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        source.forEach((name, value) -> converted.put(name, attribute(value)));
        return converted;
    }

    public static AttributeValue attribute(software.amazon.awssdk.services.dynamodb.model.AttributeValue source) {
        AttributeValue value = new AttributeValue();
        switch (source.type()) {
            case S -> value.setS(source.s());
            case N -> value.setN(source.n());
            case B -> value.setB(bytes(source.b()));
            case BOOL -> value.setBOOL(source.bool());
            case NUL -> value.setNULL(source.nul());
            case M -> value.setM(attributes(source.m()));
            case L -> value.setL(source.l().stream().map(StreamRecords::attribute).toList());
            case SS -> value.setSS(source.ss());
            case NS -> value.setNS(source.ns());
            case BS -> value.setBS(source.bs().stream().map(StreamRecords::bytes).toList());
            default -> throw new IllegalArgumentException("Unknown attribute value type: " + source);
        }
        return value;
    }

    private static ByteBuffer bytes(SdkBytes bytes) {
        return ByteBuffer.wrap(bytes.asByteArray());
    }
}
