package org.openconversations.responses;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Every DynamoDB operation a client sent and how many rows its queries returned, for asserting read costs. */
final class DynamoDbReads implements ExecutionInterceptor {
    private final List<String> operations = new ArrayList<>();
    private long rowsQueried;

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (context.response() instanceof QueryResponse query) rowsQueried += query.count();
    }

    synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    synchronized long count(String operation) {
        return operations.stream().filter(operation::equals).count();
    }

    synchronized long rowsQueried() {
        return rowsQueried;
    }

    synchronized void reset() {
        operations.clear();
        rowsQueried = 0;
    }
}
