package org.openconversations.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One fresh JVM playing a Lambda execution environment: the runtime stand-in in front of one deployment
 * artifact, started with the Lambda runtime's flags. Requests go one at a time, as Lambda sends them.
 */
final class LambdaChild implements AutoCloseable {

    /** One answer: time inside handleRequest, the serialized response, and any capacity readings. */
    record Reply(long handlerNanos, String response, String meter) {
        /** The status code of the API Gateway response the handler returned. */
        int status() {
            return LiveTargets.read(response).path("statusCode").asInt();
        }
    }

    private final Process process;
    private final Writer stdin;
    private final BufferedReader stdout;
    private final long startedNanos;
    private final boolean orderlyExit;

    private LambdaChild(Process process, long startedNanos, boolean orderlyExit) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.orderlyExit = orderlyExit;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * @param orderlyExit end the JVM by closing its input rather than at once: for a profiler in the child, which
     *     writes its recording on the way out
     */
    static LambdaChild start(List<String> command, Map<String, String> environment, Path log, boolean orderlyExit) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        try {
            return new LambdaChild(builder.start(), started, orderlyExit);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.get(0), e);
        }
    }

    /** Nanoseconds from starting the process to now: read right after the first reply, the cold start. */
    long sinceStart() {
        return System.nanoTime() - startedNanos;
    }

    Reply invoke(String handlerClass, String eventJson) {
        try {
            stdin.write(handlerClass + "\t" + eventJson.replace('\n', ' ') + "\n");
            stdin.flush();
            String line = stdout.readLine();
            if (line == null) throw new IllegalStateException("The child JVM exited; see its log");
            String[] fields = line.split("\t", -1);
            if (!fields[0].equals("OK") || fields.length < 4) {
                throw new IllegalStateException("The child JVM failed: " + line);
            }
            return new Reply(Long.parseLong(fields[1]), fields[2], fields[3]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Peak resident set size so far (VmHWM), in kilobytes; 0 where /proc is not available. */
    long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Ends the JVM at once: nothing is read from a child after its last reply (its class-load log is written line
     * by line as it goes), and an orderly exit would cost a third of a second for each of 170-odd JVMs.
     */
    @Override
    public void close() {
        try {
            if (orderlyExit) {
                stdin.close();
                if (process.waitFor(30, TimeUnit.SECONDS)) return;
            }
            process.destroyForcibly().waitFor();
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static List<String> command(String java, List<String> jvmFlags, List<Path> classpath, List<String> properties) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.addAll(properties);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add("org.openconversations.lambdaruntime.LambdaRuntimeStandIn");
        return command;
    }
}
