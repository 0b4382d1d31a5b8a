package org.openconversations.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * One function of the template: its handler class, instantiated on first use through its public
 * no-arg constructor (like a Lambda cold start) and then shared by all invocations. Unlike Lambda,
 * concurrent invocations run on the same instance, so handlers must be thread-safe.
 */
public final class LambdaFunction {

    private final FunctionDefinition definition;
    private final Class<?> handlerClass;
    private volatile RequestHandler<Object, Object> handler;

    /** Fails at once if the handler class is missing or is not a RequestHandler. */
    public LambdaFunction(FunctionDefinition definition) {
        this.definition = definition;
        if (!definition.handlerMethodName().equals("handleRequest")) {
            throw new IllegalArgumentException(definition.logicalId() + ": Handler " + definition.handler()
                    + " must name handleRequest of a RequestHandler");
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            this.handlerClass = Class.forName(definition.handlerClassName(), false,
                    loader != null ? loader : LambdaFunction.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(
                    definition.logicalId() + ": handler class " + definition.handlerClassName() + " not found", e);
        }
        if (!RequestHandler.class.isAssignableFrom(handlerClass)) {
            throw new IllegalArgumentException(definition.logicalId() + ": " + handlerClass.getName()
                    + " does not implement " + RequestHandler.class.getName());
        }
    }

    public String name() {
        return definition.logicalId();
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /**
     * Creates the handler now, like a provisioned instance, so that it reads its configuration while this
     * gateway's environment is applied; whatever its constructor throws propagates.
     */
    public void instantiate() {
        handler();
    }

    /** Runs the handler; whatever it throws propagates, as a failed invocation. */
    public Object invoke(Object event) {
        return handler().handleRequest(event,
                new LocalLambdaContext(name(), definition.timeoutSeconds(), definition.memorySizeMb()));
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> handler() {
        RequestHandler<Object, Object> current = handler;
        if (current == null) {
            synchronized (this) {
                current = handler;
                if (current == null) {
                    try {
                        current = (RequestHandler<Object, Object>) handlerClass.getConstructor().newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(
                                name() + ": cannot instantiate " + handlerClass.getName(), e);
                    }
                    handler = current;
                }
            }
        }
        return current;
    }
}
