package org.openconversations.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openconversations.local.TemplateLocator;

/**
 * {@code java -jar infra/target/bench.jar [--smoke] [--route KEY]... [--section NAME]...}: every benchmark of
 * issue 6 in one run against DynamoDB Local, printed as Markdown and written to {@code target/bench.json}.
 * {@code --smoke} runs each measurement once on one route, to prove the harness works, not to measure.
 * {@code --route} and {@code --section} narrow a full run, to re-measure one change without the whole run.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) {
        boolean smoke = List.of(args).contains("--smoke");
        Path root = TemplateLocator.projectRoot();
        Path out = root.resolve("target").resolve(smoke ? "bench-smoke.json" : "bench.json");
        List<BenchRow> rows = run(root, (smoke ? BenchPlan.SMOKE : BenchPlan.FULL).narrowed(args));
        System.out.println(Report.markdown(rows));
        write(out, Report.json(rows, about(smoke)));
        System.out.println("Wrote " + out);
        // DynamoDB Local's server may leave non-daemon threads behind; a finished benchmark has nothing to wait for.
        System.exit(0);
    }

    static List<BenchRow> run(Path root, BenchPlan plan) {
        try (Testbed testbed = new Testbed(root)) {
            testbed.checkArtifacts();
            return new Measurements(testbed, plan).all();
        }
    }

    static Map<String, String> about(boolean smoke) {
        Map<String, String> about = new LinkedHashMap<>();
        about.put("date", LocalDate.now().toString());
        about.put("mode", smoke ? "smoke" : "full");
        about.put("java", System.getProperty("java.version"));
        about.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        about.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return about;
    }

    private static void write(Path out, String json) {
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out, e);
        }
    }

    /** How much of everything to do. */
    record BenchPlan(int storeWarmUpRounds, int coldRuns, int warmRequests, List<Long> scaleSizes, int scaleRequests,
            int responseWarmUp, int responseRequests, List<String> onlyRoutes, Set<Section> sections) {
        static final BenchPlan FULL = new BenchPlan(30, 5, 1000, List.of(10L, 1_000L, 100_000L), 200, 200, 100,
                List.of(), EnumSet.allOf(Section.class));
        static final BenchPlan SMOKE = new BenchPlan(1, 1, 3, List.of(10L, 30L), 3, 1, 2,
                List.of("GET /v1/conversations/{conversation_id}"), EnumSet.allOf(Section.class));

        /** This plan limited by {@code --route KEY} and {@code --section NAME} arguments, each repeatable. */
        BenchPlan narrowed(String[] args) {
            List<String> routes = new ArrayList<>();
            Set<Section> chosen = EnumSet.noneOf(Section.class);
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--route") || args[i].equals("--section")) {
                    if (i + 1 == args.length) throw new IllegalArgumentException(args[i] + " needs a value");
                    if (args[i].equals("--route")) routes.add(args[++i]);
                    else chosen.add(Section.valueOf(args[++i].toUpperCase(Locale.ROOT)));
                }
            }
            return new BenchPlan(storeWarmUpRounds, coldRuns, warmRequests, scaleSizes, scaleRequests, responseWarmUp,
                    responseRequests, routes.isEmpty() ? onlyRoutes : List.copyOf(routes),
                    chosen.isEmpty() ? sections : chosen);
        }

        boolean runs(Section section) {
            return sections.contains(section);
        }

        List<BenchRoute> select(List<BenchRoute> routes) {
            if (onlyRoutes.isEmpty()) return routes;
            List<BenchRoute> selected = new ArrayList<>();
            for (BenchRoute route : routes) if (onlyRoutes.contains(route.routeKey())) selected.add(route);
            return selected;
        }
    }

    /** The six measurements, in the order the report lists them; {@code --section} names them in lower case. */
    enum Section { COLD, WARM, CAPACITY, SCALE, RESPONSES, FOOTPRINT }
}
