package org.openconversations.store;

import org.openconversations.errors.ApiException;
import org.openconversations.errors.StoreBusyException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Tells DynamoDB's refusals for load apart from faults. A throttled single call is a throttling exception once
 * the SDK has spent its retries; a throttled transaction is a TransactionCanceledException, which the SDK does
 * not retry, whose cancellation reasons name the throttling. Either way nothing of that call was written.
 * Loaded only when a handler meets an exception, so no route's first request pays for it.
 */
public final class Throttling {
    private Throttling() {}

    /** The API's 503 for a throttled call, or null when {@code failure} is something else. */
    public static ApiException asBusy(RuntimeException failure) {
        return isThrottled(failure) ? new StoreBusyException() : null;
    }

    static boolean isThrottled(RuntimeException failure) {
        if (failure instanceof TransactionCanceledException canceled) {
            if (!canceled.hasCancellationReasons()) return false;
            for (CancellationReason reason : canceled.cancellationReasons()) {
                String code = reason.code();
                if ("ThrottlingError".equals(code) || "ProvisionedThroughputExceeded".equals(code)
                        || "RequestLimitExceeded".equals(code)) {
                    return true;
                }
            }
            return false;
        }
        return failure instanceof SdkServiceException service && service.isThrottlingException();
    }
}
