package org.openconversations.store;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records the name of every DynamoDB operation a client sends, so tests can assert request counts. */
final class RequestCounter implements ExecutionInterceptor {
    private final List<String> operations = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    synchronized void reset() {
        operations.clear();
    }
}
