package org.openconversations.meter;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Asks DynamoDB for the capacity every call consumed ({@code ReturnConsumedCapacity=TOTAL}) and keeps what it
 * answers, one reading per call: {@code Operation=units@ms}, or {@code Operation=failed@ms} for a call that failed
 * (a failed conditional write is still billed by DynamoDB, but reports nothing). The milliseconds are the HTTP
 * exchange with DynamoDB alone, from the request's first byte out to the response read: the store's own time. The SDK loads this class as a
 * global interceptor when its jar is on the classpath, so the code under measurement is not changed.
 */
public final class CapacityMeter implements ExecutionInterceptor {

    private static final ConcurrentLinkedQueue<String> READINGS = new ConcurrentLinkedQueue<>();
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("bench.meter.sent");

    /** The readings since the last call, separated by spaces. */
    public static String drain() {
        StringBuilder out = new StringBuilder();
        String reading;
        while ((reading = READINGS.poll()) != null) {
            if (!out.isEmpty()) out.append(' ');
            out.append(reading);
        }
        return out.toString();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof PutItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof UpdateItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof DeleteItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof QueryRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof ScanRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof TransactWriteItemsRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof TransactGetItemsRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof BatchWriteItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        if (request instanceof BatchGetItemRequest r) return r.toBuilder().returnConsumedCapacity(total).build();
        return request;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        List<ConsumedCapacity> consumed = consumed(context.response());
        if (consumed == null) return;
        double units = 0;
        for (ConsumedCapacity capacity : consumed) {
            if (capacity != null && capacity.capacityUnits() != null) units += capacity.capacityUnits();
        }
        READINGS.add(operation(attributes) + "=" + String.format(Locale.ROOT, "%.2f", units) + millis(attributes));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (isDynamoDb(context.request())) READINGS.add(operation(attributes) + "=failed" + millis(attributes));
    }

    private static String millis(ExecutionAttributes attributes) {
        Long sent = attributes.getAttribute(SENT);
        double ms = sent == null ? 0 : (System.nanoTime() - sent) / 1e6;
        return "@" + String.format(Locale.ROOT, "%.3f", ms);
    }

    private static boolean isDynamoDb(SdkRequest request) {
        return request.getClass().getName().startsWith("software.amazon.awssdk.services.dynamodb.model.");
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private static List<ConsumedCapacity> consumed(SdkResponse response) {
        if (response instanceof GetItemResponse r) return listOf(r.consumedCapacity());
        if (response instanceof PutItemResponse r) return listOf(r.consumedCapacity());
        if (response instanceof UpdateItemResponse r) return listOf(r.consumedCapacity());
        if (response instanceof DeleteItemResponse r) return listOf(r.consumedCapacity());
        if (response instanceof QueryResponse r) return listOf(r.consumedCapacity());
        if (response instanceof ScanResponse r) return listOf(r.consumedCapacity());
        if (response instanceof TransactWriteItemsResponse r) return r.consumedCapacity();
        if (response instanceof TransactGetItemsResponse r) return r.consumedCapacity();
        if (response instanceof BatchWriteItemResponse r) return r.consumedCapacity();
        if (response instanceof BatchGetItemResponse r) return r.consumedCapacity();
        return null;
    }

    private static List<ConsumedCapacity> listOf(ConsumedCapacity capacity) {
        return capacity == null ? List.of() : List.of(capacity);
    }
}
