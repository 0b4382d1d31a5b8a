package org.openconversations.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openconversations.bench.Bench.BenchPlan;
import org.openconversations.bench.Bench.Section;
import org.openconversations.bench.Testbed.ChildOptions;
import org.openconversations.bench.Testbed.Subject;

/**
 * Measurements 1 and 2: cold starts (fresh JVMs, ours and R alternating run by run, in rounds over the routes)
 * and warm latency (ours and R taking turns request by request). The last cold run of each subject is not
 * stopped: it goes on as that subject's warm JVM, whose first request warm latency leaves untimed anyway. That
 * saves two JVM starts per route, a tenth of a run.
 */
final class RouteTimings {
    static final String COLD = "1. Cold start (fresh JVM, Lambda flags; median wall time to the first response)";
    static final String WARM = "2. Warm latency (time in handleRequest, one warm JVM)";

    private final Testbed testbed;
    private final BenchPlan plan;
    private final LiveTargets targets;
    private final Consumer<String> progress;
    final List<BenchRow> coldRows = new ArrayList<>();
    final List<BenchRow> warmRows = new ArrayList<>();

    RouteTimings(Testbed testbed, BenchPlan plan, LiveTargets targets, Consumer<String> progress) {
        this.testbed = testbed;
        this.plan = plan;
        this.targets = targets;
        this.progress = progress;
    }

    /**
     * Runs when the cold or the warm section does; cold starts run either way (one run each without the cold
     * section, since a warm JVM is a cold one that went on serving), and they learn the status ours answers each
     * route with, and so which routes R lacks.
     *
     * <p>Every round but the last visits every route once. This VM's bursts of load from other tenants last tens
     * of seconds; going route by route, one burst took all ten runs of a route (GET items at 1.22 × R in one run,
     * ours and R both at twice their usual time), where spread over rounds it takes one run of several routes,
     * which their medians shed. The last round goes route by route, since each route's last JVMs go on to serve
     * its warm requests.
     */
    void measure(List<BenchRoute> routes) {
        int runs = plan.runs(Section.COLD) ? plan.coldRuns() : 1;
        boolean warm = plan.runs(Section.WARM);
        Cold constant = new Cold();
        Map<BenchRoute, Cold> ours = new LinkedHashMap<>();
        Map<BenchRoute, Cold> raw = new LinkedHashMap<>();
        for (BenchRoute route : routes) {
            ours.put(route, new Cold());
            raw.put(route, new Cold());
        }
        try {
            for (int run = 0; run < runs - 1; run++) {
                progress.accept("cold starts, round " + (run + 1) + " of " + runs);
                constant.add(coldRun(Subject.CONSTANT, routes.get(0), run == 0, false));
                for (BenchRoute route : routes) coldPair(route, ours.get(route), raw.get(route), run, false);
            }
            constant.add(coldRun(Subject.CONSTANT, routes.get(0), runs == 1, false));
            for (BenchRoute route : routes) {
                progress.accept((runs > 1 ? "last cold starts" : "cold starts") + (warm ? " and warm " : " of ")
                        + route.routeKey());
                Cold oursRuns = ours.get(route);
                Cold rawRuns = raw.get(route);
                coldPair(route, oursRuns, rawRuns, runs - 1, warm);
                boolean rawServes = rawRuns.status == oursRuns.status;
                coldRows.add(BenchRow.ratio(COLD, route.routeKey(), oursRuns.medianMs(),
                        rawServes ? rawRuns.medianMs() : null, "ms", 1.2, "classes loaded: ours " + oursRuns.classes
                                + (rawServes ? ", R " + rawRuns.classes : ", R does not serve this route")
                                + "; Z " + Report.number(constant.medianMs()) + " ms, " + constant.classes
                                + " classes"));
                if (warm) warmRows.add(warmLatency(route, oursRuns, rawServes ? rawRuns : null));
                oursRuns.close();
                rawRuns.close();
            }
        } finally {
            ours.values().forEach(Cold::close);
            raw.values().forEach(Cold::close);
        }
    }

    /**
     * One cold run of ours and one of R on the route. Ours goes first in the first round, so that its run learns
     * the status R is checked against; after that the order alternates, so neither always meets what the
     * other's run left behind. A baseline that answers otherwise than ours lacks the route, and is run no more.
     *
     * @param keep leave both JVMs running (the route's last round, when warm latency follows)
     */
    private void coldPair(BenchRoute route, Cold ours, Cold raw, int run, boolean keep) {
        boolean count = run == 0 && !keep;
        boolean rawToo = run == 0 || raw.status == ours.status;
        if (rawToo && run % 2 == 1) raw.add(coldRun(Subject.RAW_SDK, route, count, keep));
        ours.add(coldRun(Subject.OURS, route, count, keep));
        if (rawToo && run % 2 == 0) raw.add(coldRun(Subject.RAW_SDK, route, count, keep));
    }

    /** The runs of one subject on one route, and the JVM of its last run when that one goes on serving. */
    private static final class Cold implements AutoCloseable {
        final List<Double> times = new ArrayList<>();
        int status;
        long classes;
        LambdaChild kept;
        Path keptLog;

        void add(ColdRun run) {
            times.add(run.ms());
            status = run.status();
            if (run.classes() > 0) classes = run.classes();
            if (run.child() != null) {
                kept = run.child();
                keptLog = run.log();
            }
        }

        double medianMs() {
            return new Percentiles(times).median();
        }

        @Override
        public void close() {
            if (kept == null) return;
            kept.close();
            kept = null;
            try {
                Files.deleteIfExists(keptLog);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code child} and its class-load {@code log} when the JVM was kept running, else null. */
    private record ColdRun(double ms, int status, long classes, LambdaChild child, Path log) {}

    /**
     * One fresh JVM serving one request. Every run logs its class loading, ours and the baselines alike (a few
     * ms for thousands of lines), so no extra JVM is needed to count them; the first run's count is kept, and
     * its log stays in target/bench/classes for comparing what ours loads with what R loads.
     *
     * @param keep leave the JVM running and hand it back (for warm latency)
     */
    private ColdRun coldRun(Subject subject, BenchRoute route, boolean countClasses, boolean keep) {
        Path log = testbed.workDir.resolve("classes").resolve(countClasses
                ? subject + " " + route.routeKey().replaceAll("[^A-Za-z0-9_]+", "_") + ".log"
                : (keep ? "warm-" + subject : "later-run") + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String event = targets.eventFor(route);
        LambdaChild child = testbed.start(subject, new ChildOptions(false, false, log));
        try {
            LambdaChild.Reply reply = child.invoke(testbed.handlerFor(subject, route), event);
            double ms = child.sinceStart() / 1e6;
            if (keep) return new ColdRun(ms, reply.status(), 0, child, log);
            // The JVM writes the log line by line as it loads: what it holds now is what the first request took.
            long classes = countClasses ? classesLoaded(log) : 0;
            child.close();
            return new ColdRun(ms, reply.status(), classes, null, null);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    private static long classesLoaded(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ours and R (null when it lacks the route) take turns request by request on the JVMs their last cold runs
     * left running, so background load, the JIT of this JVM and DynamoDB Local's growing files weigh on both
     * alike. Run one after the other, ours went first while this JVM was still compiling, which alone put a
     * route at 1.27 x R that measures 1.07 alternated.
     */
    private BenchRow warmLatency(BenchRoute route, Cold oursRuns, Cold rawRuns) {
        WarmSeries ours = new WarmSeries(Subject.OURS, route, oursRuns.kept, oursRuns.status);
        WarmSeries raw = rawRuns == null ? null : new WarmSeries(Subject.RAW_SDK, route, rawRuns.kept, oursRuns.status);
        for (int i = 0; i < plan.warmRequests(); i++) {
            if (raw != null && i % 2 == 1) raw.request();
            ours.request();
            if (raw != null && i % 2 == 0) raw.request();
        }
        Percentiles oursTimes = new Percentiles(ours.latencies);
        Percentiles rawTimes = raw == null ? null : new Percentiles(raw.latencies);
        return BenchRow.ratio(WARM, "p50 " + route.routeKey(), oursTimes.at(50), rawTimes == null ? null : rawTimes.at(50),
                "ms", 1.15, "p99 ours " + Report.number(oursTimes.at(99)) + " ms"
                        + (rawTimes == null ? ", R does not serve this route" : ", R " + Report.number(rawTimes.at(99)) + " ms")
                        + "; " + oursTimes.size() + " requests");
    }

    /** One subject's warm JVM answering one route, a request at a time, each answer checked. */
    private final class WarmSeries {
        private final Subject subject;
        private final BenchRoute route;
        private final LambdaChild child;
        private final int expected;
        final List<Double> latencies = new ArrayList<>();

        WarmSeries(Subject subject, BenchRoute route, LambdaChild child, int expected) {
            this.subject = subject;
            this.route = route;
            this.child = child;
            this.expected = expected;
        }

        void request() {
            LambdaChild.Reply reply = child.invoke(testbed.handlerFor(subject, route), targets.eventFor(route));
            if (reply.status() != expected) {
                throw new IllegalStateException(subject + " answered " + route.routeKey() + " with " + reply.response());
            }
            latencies.add(reply.handlerNanos() / 1e6);
        }
    }
}
