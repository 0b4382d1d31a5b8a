package org.openconversations.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openconversations.bench.Bench.BenchPlan;
import org.openconversations.bench.Bench.Section;
import org.openconversations.bench.Testbed.ChildOptions;
import org.openconversations.bench.Testbed.Subject;

/** The six measurements of issue 6, each returning its rows. */
final class Measurements {
    private static final String COLD = "1. Cold start (fresh JVM, Lambda flags; median wall time to the first response)";
    private static final String WARM = "2. Warm latency (time in handleRequest, one warm JVM)";
    private static final String CAPACITY = "3. DynamoDB capacity units per API call";
    private static final String SCALE = "4. Scale (conversations of 10 vs 100,000 items; pages of 10)";
    private static final String RESPONSES = "5. Responses path (conversation of 100 items, upstream answering in 50 ms)";
    private static final String FOOTPRINT = "6. Artifact size and memory";
    private static final String LIST_ITEMS = "GET /v1/conversations/{conversation_id}/items";
    private static final String GET_ITEM = "GET /v1/conversations/{conversation_id}/items/{item_id}";

    private final Testbed testbed;
    private final BenchPlan plan;
    private final List<BenchRoute> routes;
    private final List<String> missingEvents = new ArrayList<>();
    private final LiveTargets targets;
    /** Per route: the status our handler answers its fixture with; a baseline answering otherwise lacks the route. */
    private final Map<String, Integer> expectedStatus = new LinkedHashMap<>();
    /** The routes R answers as ours does; for the others, no R JVM is started after the cold starts. */
    private final Set<String> rawServes = new HashSet<>();

    Measurements(Testbed testbed, BenchPlan plan) {
        this.testbed = testbed;
        this.plan = plan;
        List<BenchRoute> all = BenchRoute.all(testbed.template, testbed.root.resolve("events"), missingEvents);
        this.targets = new LiveTargets(all, copies("ConversationsTable"), copies("ResponsesTable"));
        this.routes = plan.select(all);
    }

    List<BenchRow> all() {
        missingEvents.forEach(route -> System.err.println("No event fixture for " + route + ": not benchmarked"));
        List<BenchRow> rows = new ArrayList<>();
        // Cold starts learn each route's status, which warm latency checks R against; so they always run.
        List<BenchRow> cold = coldStarts();
        if (plan.runs(Section.COLD)) rows.addAll(cold);
        for (Section section : List.of(Section.WARM, Section.CAPACITY, Section.SCALE, Section.RESPONSES,
                Section.FOOTPRINT)) {
            if (!plan.runs(section)) continue;
            progress(section.name().toLowerCase(java.util.Locale.ROOT));
            rows.addAll(switch (section) {
                case WARM -> warmLatency();
                case CAPACITY -> capacity();
                case SCALE -> scale();
                case RESPONSES -> responsesPath();
                case FOOTPRINT -> footprint();
                case COLD -> List.of();
            });
        }
        return rows;
    }

    // 1. Cold start

    private List<BenchRow> coldStarts() {
        List<BenchRow> rows = new ArrayList<>();
        // Without the cold section, one run each still learns the statuses the other sections check.
        int runs = plan.runs(Section.COLD) ? plan.coldRuns() : 1;
        Cold constant = new Cold();
        for (int run = 0; run < runs; run++) constant.add(coldRun(Subject.CONSTANT, routes.get(0), run == 0));
        for (BenchRoute route : routes) {
            progress("cold " + route.routeKey());
            // Ours and R alternate run by run, so both meet the same background load on a shared machine.
            Cold ours = new Cold();
            Cold raw = new Cold();
            for (int run = 0; run < runs; run++) {
                ours.add(coldRun(Subject.OURS, route, run == 0));
                // A baseline that answers otherwise than ours lacks the route; more runs of it measure nothing.
                if (run == 0 || raw.status == ours.status) raw.add(coldRun(Subject.RAW_SDK, route, run == 0));
            }
            expectedStatus.put(route.routeKey(), ours.status);
            boolean served = raw.status == ours.status;
            if (served) rawServes.add(route.routeKey());
            rows.add(BenchRow.ratio(COLD, route.routeKey(), ours.medianMs(), served ? raw.medianMs() : null, "ms", 1.2,
                    "classes loaded: ours " + ours.classes + (served ? ", R " + raw.classes : ", R does not serve this route")
                            + "; Z " + Report.number(constant.medianMs()) + " ms, " + constant.classes + " classes"));
        }
        return rows;
    }

    /** The runs of one subject on one route. */
    private static final class Cold {
        final List<Double> times = new ArrayList<>();
        int status;
        long classes;

        void add(ColdRun run) {
            times.add(run.ms());
            status = run.status();
            if (run.classes() > 0) classes = run.classes();
        }

        double medianMs() {
            return new Percentiles(times).median();
        }
    }

    private record ColdRun(double ms, int status, long classes) {}

    /**
     * One fresh JVM serving one request. Every run logs its class loading, ours and the baselines alike (a few
     * ms for thousands of lines), so no extra JVM is needed to count them; the first run's count is kept, and
     * its log stays in target/bench/classes for comparing what ours loads with what R loads.
     */
    private ColdRun coldRun(Subject subject, BenchRoute route, boolean countClasses) {
        Path log = testbed.workDir.resolve("classes").resolve(countClasses
                ? subject + " " + route.routeKey().replaceAll("[^A-Za-z0-9_]+", "_") + ".log"
                : "later-run.log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String event = targets.eventFor(route);
        double ms;
        int status;
        try (LambdaChild child = testbed.start(subject, new ChildOptions(false, false, log))) {
            LambdaChild.Reply reply = child.invoke(testbed.handlerFor(subject, route), event);
            ms = child.sinceStart() / 1e6;
            status = status(reply);
        }
        return new ColdRun(ms, status, countClasses ? classesLoaded(log) : 0);
    }

    private static long classesLoaded(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // 2. Warm latency

    private List<BenchRow> warmLatency() {
        List<BenchRow> rows = new ArrayList<>();
        for (BenchRoute route : routes) {
            progress("warm " + route.routeKey());
            Percentiles ours;
            Percentiles raw = null;
            // Both JVMs stay up and take turns request by request, so background load, the JIT of this JVM and
            // DynamoDB Local's growing files weigh on both alike, as the alternating cold runs do.
            try (WarmSeries oursSeries = new WarmSeries(Subject.OURS, route);
                    WarmSeries rawSeries = rawServes.contains(route.routeKey())
                            ? new WarmSeries(Subject.RAW_SDK, route) : null) {
                for (int i = 0; i <= plan.warmRequests(); i++) {
                    oursSeries.request(i > 0);
                    if (rawSeries != null) rawSeries.request(i > 0);
                }
                ours = oursSeries.percentiles();
                if (rawSeries != null) raw = rawSeries.percentiles();
            }
            rows.add(BenchRow.ratio(WARM, "p50 " + route.routeKey(), ours.at(50), raw == null ? null : raw.at(50), "ms",
                    1.15, "p99 ours " + Report.number(ours.at(99)) + " ms"
                            + (raw == null ? ", R does not serve this route" : ", R " + Report.number(raw.at(99)) + " ms")
                            + "; " + ours.size() + " requests"));
        }
        return rows;
    }

    /** One subject's warm JVM answering one route, a request at a time; the first request is not timed. */
    private final class WarmSeries implements AutoCloseable {
        private final Subject subject;
        private final BenchRoute route;
        private final int expected;
        private final LambdaChild child;
        private final List<Double> latencies = new ArrayList<>();
        private boolean serves = true;

        WarmSeries(Subject subject, BenchRoute route) {
            this.subject = subject;
            this.route = route;
            this.expected = expectedStatus.get(route.routeKey());
            this.child = testbed.start(subject, ChildOptions.PLAIN);
        }

        void request(boolean timed) {
            if (!serves) return;
            LambdaChild.Reply reply = child.invoke(testbed.handlerFor(subject, route), targets.eventFor(route));
            if (status(reply) != expected) {
                if (subject == Subject.OURS) throw new IllegalStateException(route.routeKey() + " answered " + reply.response());
                serves = false;
                return;
            }
            if (timed) latencies.add(reply.handlerNanos() / 1e6);
        }

        /** Null when the subject answers the route otherwise than ours does (it does not implement it). */
        Percentiles percentiles() {
            return serves ? new Percentiles(latencies) : null;
        }

        @Override
        public void close() {
            child.close();
        }
    }

    // 3. Capacity units

    private List<BenchRow> capacity() {
        List<BenchRow> rows = new ArrayList<>();
        Map<String, String> ours = metered(Subject.OURS);
        Map<String, String> raw = metered(Subject.RAW_SDK);
        int scans = 0;
        for (BenchRoute route : routes) {
            String reading = ours.get(route.routeKey());
            scans += CapacityReadings.count(reading, "Scan") + CapacityReadings.count(raw.get(route.routeKey()), "Scan");
            Double floor = CapacityFloor.of(route.routeKey());
            rows.add(BenchRow.ratio(CAPACITY, route.routeKey(), CapacityReadings.total(reading), floor, "CU", 1.0,
                    "ours: " + CapacityReadings.describe(reading) + "; R: " + CapacityReadings.describe(raw.get(route.routeKey()))
                            + (floor == null ? "; no floor derived for this route" : "")));
        }
        rows.add(BenchRow.absolute(CAPACITY, "Scan calls, every route, ours and R", scans, null, "calls", 0,
                "counted from the SDK's own operation names"));
        return rows;
    }

    /** Per route, the capacity readings of its second request in one metered JVM (the first warms nothing here). */
    private Map<String, String> metered(Subject subject) {
        Map<String, String> readings = new LinkedHashMap<>();
        try (LambdaChild child = testbed.start(subject, new ChildOptions(false, true, null))) {
            for (BenchRoute route : routes) {
                String last = "";
                for (int i = 0; i < 2; i++) {
                    last = child.invoke(testbed.handlerFor(subject, route), targets.eventFor(route)).meter();
                }
                readings.put(route.routeKey(), last);
            }
        }
        return readings;
    }

    // 4. Scale

    private List<BenchRow> scale() {
        BenchRoute list = targets.route(LIST_ITEMS);
        BenchRoute get = targets.route(GET_ITEM);
        Map<Long, double[]> figures = new LinkedHashMap<>();
        ConversationSeeder seeder = seeder();
        for (long size : plan.scaleSizes()) {
            String conversation = targets.createdId(LiveTargets.CREATE_CONVERSATION, Map.of(), "/id");
            String middle = seeder.grow(targets.tenant() + "#" + conversation, 1, size);
            Map<String, String> live = Map.of("conversation_id", conversation, "item_id", middle);
            // A page of 10 at every size, so the 10-item conversation's page is as full as the others'.
            String listEvent = LiveTargets.withQuery(targets.aimed(list, live), "limit", "10");
            String getEvent = targets.aimed(get, live);
            double[] f = new double[4];
            try (LambdaChild child = testbed.start(Subject.OURS, ChildOptions.PLAIN)) {
                f[0] = p50(child, list, listEvent);
                f[1] = p50(child, get, getEvent);
            }
            try (LambdaChild child = testbed.start(Subject.OURS, new ChildOptions(false, true, null))) {
                f[2] = units(child, list, listEvent);
                f[3] = units(child, get, getEvent);
            }
            figures.put(size, f);
        }
        long small = plan.scaleSizes().get(0);
        long large = plan.scaleSizes().get(plan.scaleSizes().size() - 1);
        String[] names = {"list page p50", "item GET p50", "list page CU", "item GET CU"};
        String[] units = {"ms", "ms", "CU", "CU"};
        List<BenchRow> rows = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            StringBuilder note = new StringBuilder("by size:");
            for (var entry : figures.entrySet()) {
                note.append(' ').append(entry.getKey()).append(" → ").append(Report.number(entry.getValue()[i]));
            }
            rows.add(BenchRow.ratio(SCALE, names[i] + ", " + large + " vs " + small + " items",
                    figures.get(large)[i], figures.get(small)[i], units[i], 1.1, note.toString()));
        }
        return rows;
    }

    private double p50(LambdaChild child, BenchRoute route, String event) {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i <= plan.scaleRequests(); i++) {
            LambdaChild.Reply reply = child.invoke(route.handlerClass(), event);
            if (status(reply) != 200) throw new IllegalStateException(route.routeKey() + " answered " + reply.response());
            if (i > 0) latencies.add(reply.handlerNanos() / 1e6);
        }
        return new Percentiles(latencies).at(50);
    }

    private double units(LambdaChild child, BenchRoute route, String event) {
        child.invoke(route.handlerClass(), event);
        return CapacityReadings.total(child.invoke(route.handlerClass(), event).meter());
    }

    private ConversationSeeder seeder() {
        return new ConversationSeeder(testbed.dynamoDb, table("ConversationsTable"), table("ItemsTable"));
    }

    private RowCopies copies(String logicalId) {
        var table = testbed.template.table(logicalId).orElseThrow();
        return new RowCopies(testbed.dynamoDb, table.tableName(), table.partitionKey());
    }

    private String table(String logicalId) {
        return testbed.template.table(logicalId).orElseThrow().tableName();
    }

    // 5. Responses path

    /**
     * Two rows from one metered run: the added time as measured, and the same net of DynamoDB Local's own time
     * per request (the meter times each exchange with it), which is the part this code controls; DynamoDB's
     * own latency is a few ms per call, DynamoDB Local's on these cores several times that.
     */
    private List<BenchRow> responsesPath() {
        BenchRoute create = targets.route(LiveTargets.CREATE_RESPONSE);
        ConversationSeeder seeder = seeder();
        List<Double> latencies = new ArrayList<>();
        List<Double> store = new ArrayList<>();
        List<Double> net = new ArrayList<>();
        double upstream = Testbed.UPSTREAM_DELAY.toMillis();
        try (LambdaChild child = testbed.start(Subject.OURS, new ChildOptions(true, true, null))) {
            for (int i = 0; i <= plan.responseRequests(); i++) {
                String conversation = targets.createdId(LiveTargets.CREATE_CONVERSATION, Map.of(), "/id");
                seeder.grow(targets.tenant() + "#" + conversation, 1, 100);
                LambdaChild.Reply reply = child.invoke(create.handlerClass(),
                        targets.aimed(create, Map.of("conversation_id", conversation)));
                if (status(reply) != 200) throw new IllegalStateException("create response answered " + reply.response());
                if (i == 0) continue;
                double total = reply.handlerNanos() / 1e6;
                double dynamoDb = CapacityReadings.millis(reply.meter());
                latencies.add(total);
                store.add(dynamoDb);
                net.add(total - upstream - dynamoDb);
            }
        }
        Percentiles total = new Percentiles(latencies);
        Percentiles inStore = new Percentiles(store);
        return List.of(
                BenchRow.absolute(RESPONSES, "added p50 over the upstream, POST /v1/responses", total.at(50) - upstream,
                        upstream, "ms", 15, "total p50 " + Report.number(total.at(50)) + " ms, p99 "
                                + Report.number(total.at(99)) + " ms; of it, DynamoDB Local's own time p50 "
                                + Report.number(inStore.at(50)) + " ms; baseline column is the upstream's own time; "
                                + total.size() + " requests"),
                BenchRow.absolute(RESPONSES, "added p50 net of DynamoDB Local's own time", new Percentiles(net).at(50),
                        null, "ms", 15, "per request: total − 50 ms upstream − the time the meter saw in exchanges"
                                + " with DynamoDB Local"));
    }

    // 6. Footprint

    private List<BenchRow> footprint() {
        List<BenchRow> rows = new ArrayList<>();
        double ours = megabytes(testbed.artifact(Subject.OURS));
        double raw = megabytes(testbed.artifact(Subject.RAW_SDK));
        rows.add(BenchRow.absolute(FOOTPRINT, "deployment artifact (every function shares it)", ours, raw, "MB", 50,
                "baseline is R's artifact; 50 MB is Lambda's limit for a directly uploaded .zip"));
        double oursRss = peakRss(Subject.OURS);
        double rawRss = peakRss(Subject.RAW_SDK);
        rows.add(BenchRow.absolute(FOOTPRINT, "peak RSS after the largest request (~4 MB of items)", oursRss, rawRss,
                "MB", testbed.memoryMb, "target is the template's MemorySize (" + testbed.memoryMb
                        + " MB); baseline is R under the same requests"));
        return rows;
    }

    /** Warm traffic on every route, then the largest body the API accepts (items totalling just under 4 MB). */
    private double peakRss(Subject subject) {
        BenchRoute addItems = targets.route(LiveTargets.CREATE_ITEMS);
        String big = "{\"items\":[" + String.join(",", java.util.Collections.nCopies(10,
                "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\""
                        + "a".repeat(380_000) + "\"}]}")) + "]}";
        try (LambdaChild child = testbed.start(subject, ChildOptions.PLAIN)) {
            for (BenchRoute route : routes) {
                for (int i = 0; i < Math.min(plan.warmRequests(), 50); i++) {
                    child.invoke(testbed.handlerFor(subject, route), targets.eventFor(route));
                }
            }
            for (int i = 0; i < Math.min(plan.warmRequests(), 10); i++) {
                String conversation = targets.createdId(LiveTargets.CREATE_CONVERSATION, Map.of(), "/id");
                String event = LiveTargets.withBody(targets.aimed(addItems, Map.of("conversation_id", conversation)), big);
                LambdaChild.Reply reply = child.invoke(testbed.handlerFor(subject, addItems), event);
                if (status(reply) != 200) throw new IllegalStateException("largest request answered " + reply.response());
            }
            return child.peakRssKb() / 1024.0;
        }
    }

    private static double megabytes(Path file) {
        try {
            return Files.size(file) / (1024.0 * 1024.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(LambdaChild.Reply reply) {
        return LiveTargets.read(reply.response()).path("statusCode").asInt();
    }

    private final long started = System.nanoTime();

    private void progress(String step) {
        System.err.printf("bench: %s… (%d s in)%n", step, (System.nanoTime() - started) / 1_000_000_000L);
    }
}
