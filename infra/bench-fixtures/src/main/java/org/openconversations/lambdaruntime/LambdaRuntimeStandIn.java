package org.openconversations.lambdaruntime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Plays the Lambda Java runtime for one child JVM of the benchmark: loads handler classes the way the runtime
 * does (no-arg constructor, once per class), turns each event into the handler's input type with the runtime's
 * own serializer, and reports each answer on one line of stdout.
 *
 * <p>Protocol: each stdin line is {@code <handler class> TAB <event JSON on one line>}; each stdout line is
 * {@code OK TAB <nanoseconds in handleRequest> TAB <response JSON> TAB <meter readings>} or
 * {@code ERR TAB <reason>}. The handlers' own stdout goes to stderr so it cannot break the protocol.
 */
public final class LambdaRuntimeStandIn {

    private static final String METER = "org.openconversations.meter.CapacityMeter";

    private final Map<String, Invoker> handlers = new HashMap<>();
    private final Method meterDrain;

    private LambdaRuntimeStandIn(Method meterDrain) {
        this.meterDrain = meterDrain;
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Method drain = Boolean.getBoolean("bench.meter") ? Class.forName(METER).getMethod("drain") : null;
        LambdaRuntimeStandIn runtime = new LambdaRuntimeStandIn(drain);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            protocol.println(runtime.serve(line));
            protocol.flush();
        }
    }

    private String serve(String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) return "ERR\tno tab in request line";
        try {
            Invoker invoker = handlers.get(line.substring(0, tab));
            if (invoker == null) {
                invoker = Invoker.load(line.substring(0, tab));
                handlers.put(line.substring(0, tab), invoker);
            }
            String answer = invoker.invoke(line.substring(tab + 1));
            String meter = meterDrain == null ? "" : (String) meterDrain.invoke(null);
            return "OK\t" + answer + "\t" + meter;
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            cause.printStackTrace();
            return "ERR\t" + cause.toString().replace('\t', ' ').replace('\n', ' ');
        }
    }

    /** One handler instance with its input and output serializers, as the runtime keeps them. */
    private record Invoker(Object handler, Method method, PojoSerializer<Object> input, PojoSerializer<Object> output,
            StandInContext context) {

        static Invoker load(String className) throws ReflectiveOperationException {
            Class<?> type = Class.forName(className);
            Object handler = type.getDeclaredConstructor().newInstance();
            Method method = handleRequest(type);
            return new Invoker(handler, method, serializer(method.getParameterTypes()[0]),
                    serializer(method.getReturnType()), new StandInContext(type.getSimpleName()));
        }

        private static Method handleRequest(Class<?> type) {
            for (Method method : type.getMethods()) {
                if (method.getName().equals("handleRequest") && !method.isBridge() && method.getParameterCount() == 2
                        && method.getParameterTypes()[1] == Context.class) {
                    return method;
                }
            }
            throw new IllegalArgumentException(type + " has no handleRequest(input, Context)");
        }

        @SuppressWarnings("unchecked")
        private static PojoSerializer<Object> serializer(Class<?> type) {
            return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                    ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                    : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
        }

        String invoke(String eventJson) throws ReflectiveOperationException {
            Object event = input.fromJson(eventJson);
            long started = System.nanoTime();
            Object result = method.invoke(handler, event, context.next());
            long elapsed = System.nanoTime() - started;
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            output.toJson(result, json);
            return elapsed + "\t" + json.toString(StandardCharsets.UTF_8).replace("\n", "");
        }
    }
}
