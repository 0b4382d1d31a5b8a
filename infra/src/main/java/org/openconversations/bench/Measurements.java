package org.openconversations.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openconversations.bench.Bench.BenchPlan;
import org.openconversations.bench.Bench.Section;
import org.openconversations.bench.Testbed.ChildOptions;
import org.openconversations.bench.Testbed.Subject;

/** The six measurements of issue 6 in order (the first two in {@link RouteTimings}), each giving its rows. */
final class Measurements {
    private static final String CAPACITY = "3. DynamoDB capacity units per API call";
    private static final int PAGE = 9;
    private static final String SCALE = "4. Scale (conversations of 10 vs 100,000 items; pages of " + PAGE + ")";
    private static final String RESPONSES = "5. Responses path (conversation of 100 items, upstream answering in 50 ms)";
    private static final String FOOTPRINT = "6. Artifact size and memory";
    private static final String LIST_ITEMS = "GET /v1/conversations/{conversation_id}/items";
    private static final String GET_ITEM = "GET /v1/conversations/{conversation_id}/items/{item_id}";

    private final Testbed testbed;
    private final BenchPlan plan;
    private final List<BenchRoute> routes;
    private final List<String> missingEvents = new ArrayList<>();
    private final LiveTargets targets;

    Measurements(Testbed testbed, BenchPlan plan) {
        this.testbed = testbed;
        this.plan = plan;
        List<BenchRoute> all = BenchRoute.all(testbed.template, testbed.root.resolve("events"), missingEvents);
        this.targets = new LiveTargets(all, copies("ConversationsTable"), copies("ResponsesTable"),
                copies("ConversationsTable").withChildren(table("ItemsTable")));
        this.routes = plan.select(all);
    }

    List<BenchRow> all() {
        missingEvents.forEach(route -> System.err.println("No event fixture for " + route + ": not benchmarked"));
        progress("warming DynamoDB Local up");
        warmUpStore();
        RouteTimings timings = new RouteTimings(testbed, plan, targets, this::progress);
        // A warm JVM is a cold one that went on serving, so warm latency alone still starts one of each.
        if (plan.runs(Section.COLD) || plan.runs(Section.WARM)) timings.measure(routes);
        Map<Section, List<BenchRow>> bySection = new EnumMap<>(Section.class);
        bySection.put(Section.COLD, plan.runs(Section.COLD) ? timings.coldRows : List.of());
        bySection.put(Section.WARM, timings.warmRows);
        // Capacity and the Responses path's warm-up time nothing, so the scale section's conversations are seeded
        // meanwhile on another thread: 100,000 rows take DynamoDB Local 30-40 s, the longest step outside the
        // timed sections. Whatever is timed after they start waits for them first. The footprint comes after:
        // beside the seeding, R's peak RSS came out 256-272 MB over four runs, against 255-258 alone.
        try (ExecutorService background = Executors.newSingleThreadExecutor()) {
            ScaleSeeding seeding = plan.runs(Section.SCALE) ? seedScale(background) : null;
            for (Section section : List.of(Section.CAPACITY, Section.RESPONSES, Section.SCALE, Section.FOOTPRINT)) {
                if (!plan.runs(section)) continue;
                progress(section.name().toLowerCase(Locale.ROOT));
                bySection.put(section, switch (section) {
                    case CAPACITY -> capacity();
                    case FOOTPRINT -> footprint();
                    case RESPONSES -> responsesPath(seeding);
                    case SCALE -> scale(seeding);
                    case COLD, WARM -> List.of();
                });
            }
        }
        List<BenchRow> rows = new ArrayList<>();
        bySection.values().forEach(rows::addAll);
        return rows;
    }

    /**
     * DynamoDB Local runs in this JVM. Before anything is timed it serves every route's calls a few hundred
     * times (through our handlers, here), so the first cold starts do not meet it still interpreted, which
     * weighed on whichever subject happened to run first.
     */
    private void warmUpStore() {
        for (int i = 0; i < plan.storeWarmUpRounds(); i++) {
            for (BenchRoute route : routes) targets.invoke(route, targets.eventFor(route));
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

    /** The conversations of every size, created here and grown on {@code background}; their middle items' ids. */
    private record ScaleSeeding(List<String> conversations, Future<List<String>> middles) {
        List<String> awaited() {
            return finished(middles, "the scale section's conversations");
        }
    }

    private ScaleSeeding seedScale(ExecutorService background) {
        List<Long> sizes = plan.scaleSizes();
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            conversations.add(targets.createdId(LiveTargets.CREATE_CONVERSATION, Map.of(), "/id"));
        }
        ConversationSeeder seeder = seeder();
        String keyPrefix = targets.tenant() + "#";
        progress("scale: seeding conversations of " + sizes + " items on another thread");
        return new ScaleSeeding(conversations, background.submit(() -> {
            List<String> middles = new ArrayList<>();
            for (int i = 0; i < sizes.size(); i++) {
                // From position 0: the item the fixture created is replaced too, so every row of every size is alike.
                middles.add(seeder.grow(keyPrefix + conversations.get(i), 0, sizes.get(i)));
            }
            return middles;
        }));
    }

    private List<BenchRow> scale(ScaleSeeding seeding) {
        BenchRoute list = targets.route(LIST_ITEMS);
        BenchRoute get = targets.route(GET_ITEM);
        List<Long> sizes = plan.scaleSizes();
        List<String> middles = seeding.awaited();
        // Per size: the list page, then the item GET.
        List<List<ScaleProbe>> bySize = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            Map<String, String> live =
                    Map.of("conversation_id", seeding.conversations().get(i), "item_id", middles.get(i));
            // A page of 9 at every size: a page reads limit + 1 rows to know has_more, and only a limit below the
            // smallest size makes every page read the same 10 rows. With 10, the 10-item conversation's page would
            // read 10 rows and every larger one 11, which measures being the last page, not the conversation's size.
            bySize.add(List.of(
                    new ScaleProbe(list, LiveTargets.withQuery(targets.aimed(list, live), "limit", Integer.toString(PAGE))),
                    new ScaleProbe(get, targets.aimed(get, live))));
        }
        progress("scale: timing");
        // One JVM for every size, the sizes taking turns request by request, so the JIT's progress and the
        // machine's weather fall on every size alike.
        try (LambdaChild child = testbed.start(Subject.OURS, ChildOptions.PLAIN)) {
            for (int round = 0; round <= plan.scaleRequests(); round++) {
                for (List<ScaleProbe> probes : bySize) {
                    for (ScaleProbe probe : probes) {
                        double ms = millis(child, probe.route(), probe.event());
                        if (round > 0) probe.latencies().add(ms);
                    }
                }
            }
        }
        Map<Long, double[]> figures = new LinkedHashMap<>();
        try (LambdaChild child = testbed.start(Subject.OURS, new ChildOptions(false, true, null))) {
            for (int i = 0; i < sizes.size(); i++) {
                ScaleProbe page = bySize.get(i).get(0);
                ScaleProbe item = bySize.get(i).get(1);
                figures.put(sizes.get(i), new double[] {page.p50(), item.p50(), units(child, page), units(child, item)});
            }
        }
        long small = sizes.get(0);
        long large = sizes.get(sizes.size() - 1);
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

    private static double millis(LambdaChild child, BenchRoute route, String event) {
        LambdaChild.Reply reply = child.invoke(route.handlerClass(), event);
        if (reply.status() != 200) throw new IllegalStateException(route.routeKey() + " answered " + reply.response());
        return reply.handlerNanos() / 1e6;
    }

    /** The capacity units of its second request, read as the capacity section reads them. */
    private static double units(LambdaChild child, ScaleProbe probe) {
        child.invoke(probe.route().handlerClass(), probe.event());
        return CapacityReadings.total(child.invoke(probe.route().handlerClass(), probe.event()).meter());
    }

    /** One request the scale section repeats (a route aimed at one conversation), with its timings. */
    private record ScaleProbe(BenchRoute route, String event, List<Double> latencies) {
        ScaleProbe(BenchRoute route, String event) {
            this(route, event, new ArrayList<>());
        }

        double p50() {
            return new Percentiles(latencies).at(50);
        }
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

    /** One subject's timed turns: total time in the handler, DynamoDB Local's share of it, and what remains. */
    private record TurnTimes(List<Double> total, List<Double> store, List<Double> net) {
        TurnTimes() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void add(LambdaChild.Reply reply, double upstreamMillis) {
            double millis = reply.handlerNanos() / 1e6;
            double dynamoDb = CapacityReadings.millis(reply.meter());
            total.add(millis);
            store.add(dynamoDb);
            net.add(millis - upstreamMillis - dynamoDb);
        }
    }

    /**
     * Two rows from one metered run of ours and R side by side: the added time as measured, and the same net of
     * DynamoDB Local's own time per request (the meter times each exchange with it), which is the part this
     * code controls; DynamoDB's own latency is a few ms per call, DynamoDB Local's on these cores several times
     * that. R makes the same three calls without validating anything, so its figure shows what any handler
     * adds here.
     *
     * <p>Each child first serves warm-up turns on one conversation, unstored so it stays at 100 items, for a
     * model the stand-in answers at once; their times are not kept. Without them the timed requests would be a
     * fresh JVM's first hundred, most of whose per-request code C1 has not compiled yet: on this VM net p50 fell
     * from 13.8 ms over requests 1–100 to 10.7 over 101–200 and 9.4 over 301–400. The timed turns take turns,
     * ours and R, as the warm latency section's do, each on its own conversation, which is trimmed back to 100
     * items between turns (untimed). A fresh conversation per turn meant 19,800 rows seeded beside the scale
     * section's, on whose seeding the timed turns wait.
     *
     * @param scaleSeeding the scale section's seeding, if it runs: the timed turns wait for it to end
     */
    private List<BenchRow> responsesPath(ScaleSeeding scaleSeeding) {
        BenchRoute create = targets.route(LiveTargets.CREATE_RESPONSE);
        String oursHandler = testbed.handlerFor(Subject.OURS, create);
        String rawHandler = testbed.handlerFor(Subject.RAW_SDK, create);
        ConversationSeeder seeder = seeder();
        String warmUp = warmUpTurn(targets.aimed(create, Map.of("conversation_id", hundredItems(seeder))));
        // One conversation each, trimmed back to its 100 items after every timed turn.
        String oursConversation = hundredItems(seeder);
        String rawConversation = hundredItems(seeder);
        String oursTurn = targets.aimed(create, Map.of("conversation_id", oursConversation));
        String rawTurn = targets.aimed(create, Map.of("conversation_id", rawConversation));
        TurnTimes ours = new TurnTimes();
        TurnTimes raw = new TurnTimes();
        double upstream = Testbed.UPSTREAM_DELAY.toMillis();
        ChildOptions options = new ChildOptions(true, true, null);
        try (LambdaChild oursChild = testbed.start(Subject.OURS, options);
                LambdaChild rawChild = testbed.start(Subject.RAW_SDK, options)) {
            for (int i = 0; i < plan.responseWarmUp(); i++) {
                respond(oursChild, oursHandler, warmUp);
                respond(rawChild, rawHandler, warmUp);
            }
            if (scaleSeeding != null) scaleSeeding.awaited();
            for (int i = 0; i < plan.responseRequests(); i++) {
                if (i % 2 == 1) raw.add(respond(rawChild, rawHandler, rawTurn), upstream);
                ours.add(respond(oursChild, oursHandler, oursTurn), upstream);
                if (i % 2 == 0) raw.add(respond(rawChild, rawHandler, rawTurn), upstream);
                seeder.trim(targets.tenant() + "#" + oursConversation, 100);
                seeder.trim(targets.tenant() + "#" + rawConversation, 100);
            }
        }
        Percentiles total = new Percentiles(ours.total());
        Percentiles rawTotal = new Percentiles(raw.total());
        return List.of(
                BenchRow.absolute(RESPONSES, "added p50 over the upstream, POST /v1/responses", total.at(50) - upstream,
                        rawTotal.at(50) - upstream, "ms", 15, "total p50 " + Report.number(total.at(50))
                                + " ms, p99 " + Report.number(total.at(99)) + " ms; of it, DynamoDB Local's own time p50 "
                                + Report.number(new Percentiles(ours.store()).at(50)) + " ms (R "
                                + Report.number(new Percentiles(raw.store()).at(50)) + "); baseline is R's added time; "
                                + total.size() + " requests each after " + plan.responseWarmUp() + " untimed"),
                BenchRow.absolute(RESPONSES, "added p50 net of DynamoDB Local's own time", new Percentiles(ours.net()).at(50),
                        new Percentiles(raw.net()).at(50), "ms", 15, "per request: total − 50 ms upstream − the time the"
                                + " meter saw in exchanges with DynamoDB Local; baseline is R's"));
    }

    /** A new conversation of 100 items: the one its create request made, then 99 seeded. */
    private String hundredItems(ConversationSeeder seeder) {
        String conversation = targets.createdId(LiveTargets.CREATE_CONVERSATION, Map.of(), "/id");
        seeder.grow(targets.tenant() + "#" + conversation, 1, 100);
        return conversation;
    }

    /**
     * The create-response event with {@code store: false} (the turn is answered but not appended) for the model
     * the upstream stand-in answers without its delay.
     */
    private static String warmUpTurn(String event) {
        var body = (ObjectNode) LiveTargets.read(LiveTargets.read(event).path("body").asText());
        body.put("store", false).put("model", FixedDelayUpstream.WARM_UP_MODEL);
        return LiveTargets.withBody(event, body.toString());
    }

    private static LambdaChild.Reply respond(LambdaChild child, String handlerClass, String event) {
        LambdaChild.Reply reply = child.invoke(handlerClass, event);
        if (reply.status() != 200) throw new IllegalStateException("create response answered " + reply.response());
        return reply;
    }

    private static <T> T finished(Future<T> work, String what) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Seeding " + what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding " + what, e);
        }
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
                for (int i = 0; i < Math.min(plan.warmRequests(), 20); i++) {
                    child.invoke(testbed.handlerFor(subject, route), targets.eventFor(route));
                }
            }
            // Three: the peak is one request's working set, reached by the first; the others show it stays put.
            // Each is about 4 MB through DynamoDB Local, a second or more apiece.
            for (int i = 0; i < Math.min(plan.warmRequests(), 3); i++) {
                String conversation = targets.createdId(LiveTargets.CREATE_CONVERSATION, Map.of(), "/id");
                String event = LiveTargets.withBody(targets.aimed(addItems, Map.of("conversation_id", conversation)), big);
                LambdaChild.Reply reply = child.invoke(testbed.handlerFor(subject, addItems), event);
                if (reply.status() != 200) throw new IllegalStateException("largest request answered " + reply.response());
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


    private final long started = System.nanoTime();

    private void progress(String step) {
        System.err.printf("bench: %s… (%d s in)%n", step, (System.nanoTime() - started) / 1_000_000_000L);
    }
}
