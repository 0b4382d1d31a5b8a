package org.openconversations.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The Lambda context of one local invocation; the logger writes to stderr. */
public final class LocalLambdaContext implements Context {

    static final String ACCOUNT_ID = "123456789012";

    private final String functionName;
    private final int memoryLimitMb;
    private final long deadlineMillis;
    private final String requestId = UUID.randomUUID().toString();
    private final LambdaLogger logger;

    public LocalLambdaContext(String functionName, int timeoutSeconds, int memoryLimitMb) {
        this.functionName = functionName;
        this.memoryLimitMb = memoryLimitMb;
        this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
        this.logger = new StderrLogger(functionName);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + functionName;
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
        return "arn:aws:lambda:" + DynamoDbClients.REGION + ":" + ACCOUNT_ID + ":function:" + functionName;
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
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    private record StderrLogger(String functionName) implements LambdaLogger {

        @Override
        public void log(String message) {
            PrintStream err = System.err;
            String line = message.endsWith("\n") ? message : message + "\n";
            err.print("[" + functionName + "] " + line);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
