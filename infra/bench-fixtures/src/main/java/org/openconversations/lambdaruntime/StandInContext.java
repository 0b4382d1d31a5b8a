package org.openconversations.lambdaruntime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Lambda context of one invocation: a fresh request id and the configured memory and timeout. */
final class StandInContext implements Context {
    private static final int TIMEOUT_MILLIS = Integer.getInteger("bench.timeoutMillis", 29_000);

    private final String functionName;
    private long sequence;
    private long deadline;

    StandInContext(String functionName) {
        this.functionName = functionName;
    }

    StandInContext next() {
        sequence++;
        deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        return this;
    }

    @Override
    public String getAwsRequestId() {
        return "bench-" + ProcessHandle.current().pid() + "-" + sequence;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "bench";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        String memory = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        return memory == null ? 1024 : Integer.parseInt(memory);
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
