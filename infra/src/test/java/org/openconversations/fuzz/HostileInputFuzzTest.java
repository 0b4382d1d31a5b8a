package org.openconversations.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.openconversations.api.TestGateway;
import org.openconversations.local.DynamoDbClients;
import org.openconversations.store.TestStore;
import org.openconversations.upstream.UpstreamStandIn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Generated and mutated bodies, paths and queries, sent with a valid key over real HTTP to every route of the
 * local gateway. For every reply: status below 500; a 4xx is exactly OpenAI's envelope with no internals in it; a
 * 2xx is JSON (or an event stream). After every rejected request the fixture conversation, its items and the
 * fixture response are unchanged, down to their DynamoDB rows, and the conversation is not left locked.
 */
class HostileInputFuzzTest {
    private static String key;
    private static UpstreamStandIn upstream;
    private static DynamoDbClient dynamo;
    private static Fixture fixture;

    @BeforeContainer
    static void aKeyAnUpstreamAndAFixture() {
        upstream = SharedUpstream.get();
        key = TestGateway.apiKey();
        dynamo = DynamoDbClients.dynamoDb(TestStore.endpoint());
        fixture = new Fixture(key, dynamo, upstream);
    }

    @AfterContainer
    static void closeTheStoreClient() {
        if (dynamo != null) dynamo.close();
        if (upstream != null) upstream.reset();
    }

    // ---- bodies ----

    /** A route, one of its valid bodies, what is done to it, and the content type it is sent as. */
    record BodyCase(Route route, int template, List<Mutation> mutations, String contentType) {}

    @Property(tries = 1_000, shrinking = ShrinkingMode.FULL)
    void mutated_bodies_get_a_clean_answer_and_change_nothing_when_refused(@ForAll("bodyCases") BodyCase c) {
        byte[] body = Mutation.apply(c.route().body(c.template()), c.mutations(), fixture.ids());
        record(exchange(c.route().method, c.route().fixturePath(), c.contentType(), body));
    }

    @Provide
    Arbitrary<BodyCase> bodyCases() {
        Arbitrary<Route> routes = Arbitraries.frequency(
                Tuple.of(3, Route.CREATE_CONVERSATION), Tuple.of(3, Route.UPDATE_CONVERSATION),
                Tuple.of(4, Route.CREATE_ITEMS), Tuple.of(6, Route.CREATE_RESPONSE), Tuple.of(1, Route.CANCEL_RESPONSE),
                Tuple.of(1, Route.GET_CONVERSATION), Tuple.of(1, Route.DELETE_CONVERSATION),
                Tuple.of(1, Route.LIST_ITEMS), Tuple.of(1, Route.GET_ITEM), Tuple.of(1, Route.DELETE_ITEM),
                Tuple.of(1, Route.GET_RESPONSE), Tuple.of(1, Route.DELETE_RESPONSE),
                Tuple.of(1, Route.LIST_INPUT_ITEMS));
        Arbitrary<List<Mutation>> mutations = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<Mutation>of())),
                Tuple.of(11, mutation().list().ofMinSize(1).ofMaxSize(3)));
        Arbitrary<String> contentTypes = Arbitraries.frequency(
                Tuple.of(24, "application/json"), Tuple.of(1, ""), Tuple.of(1, "text/plain"),
                Tuple.of(1, "application/x-www-form-urlencoded"), Tuple.of(1, "application/json; charset=utf-16"),
                Tuple.of(1, "multipart/form-data; boundary=x"), Tuple.of(1, "application/json; charset=iso-8859-1"),
                Tuple.of(1, "*/*"));
        return Combinators.combine(routes, Arbitraries.integers().between(0, 4), mutations, contentTypes)
                .as(BodyCase::new);
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Mutation.Kind> kinds = Arbitraries.frequency(
                Tuple.of(10, Mutation.Kind.DELETE_FIELD), Tuple.of(10, Mutation.Kind.ADD_FIELD),
                Tuple.of(8, Mutation.Kind.RENAME_FIELD), Tuple.of(12, Mutation.Kind.WRONG_TYPE),
                Tuple.of(10, Mutation.Kind.ODD_STRING), Tuple.of(3, Mutation.Kind.HUGE_STRING),
                Tuple.of(3, Mutation.Kind.HUGE_ARRAY), Tuple.of(5, Mutation.Kind.DEEP_NESTING),
                Tuple.of(6, Mutation.Kind.NON_NUMERIC), Tuple.of(6, Mutation.Kind.DUPLICATE_KEY),
                Tuple.of(4, Mutation.Kind.WRAP), Tuple.of(3, Mutation.Kind.REPLACE_BODY),
                Tuple.of(6, Mutation.Kind.INVALID_UTF8), Tuple.of(5, Mutation.Kind.TRUNCATE),
                Tuple.of(3, Mutation.Kind.TRAILING_GARBAGE));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers().between(0, 10_000), freeText()).as(Mutation::new);
    }

    /** Generated text that cannot be mistaken for leaked internals when a message echoes it. */
    private static Arbitrary<String> freeText() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().alpha().numeric().withChars("_-.$ #/%").ofMaxLength(24),
                        Arbitraries.strings().all().ofMaxLength(24),
                        Arbitraries.of(Mutation.ODD_STRINGS),
                        Arbitraries.of(Mutation.KNOWN_NAMES))
                .filter(ReplyChecks::harmless);
    }

    // ---- paths ----

    /**
     * A route with each of its id slots filled by {@code segments} (already percent-encoded, as sent), maybe
     * another method, maybe the whole path twisted.
     */
    record PathCase(Route route, String method, List<String> segments, int twist) {}

    @Property(tries = 500, shrinking = ShrinkingMode.FULL)
    void odd_paths_get_a_clean_answer_and_change_nothing_when_refused(@ForAll("pathCases") PathCase c) {
        String path = c.route().path
                .replace("{c}", c.segments().get(0))
                .replace("{i}", c.segments().get(1))
                .replace("{r}", c.segments().get(2));
        byte[] body = c.method().equals("POST") || c.method().equals("PUT") || c.method().equals("PATCH")
                ? Mutation.resolve(c.route().body(0), fixture.ids()).getBytes(StandardCharsets.UTF_8) : null;
        record(exchange(c.method(), twist(path, c.twist()), "application/json", body));
    }

    @Provide
    Arbitrary<PathCase> pathCases() {
        Arbitrary<Route> routes = Arbitraries.of(Route.class);
        Arbitrary<String> methods = Arbitraries.frequency(
                Tuple.of(16, ""), Tuple.of(1, "GET"), Tuple.of(1, "POST"), Tuple.of(1, "DELETE"), Tuple.of(1, "PUT"),
                Tuple.of(1, "PATCH"), Tuple.of(1, "OPTIONS"));
        Arbitrary<Integer> twists = Arbitraries.frequency(
                Tuple.of(24, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(1, 3), Tuple.of(1, 4), Tuple.of(1, 5),
                Tuple.of(1, 6), Tuple.of(1, 7), Tuple.of(1, 8), Tuple.of(1, 9), Tuple.of(1, 10));
        return Combinators.combine(routes, methods, segment().list().ofSize(3), twists)
                .as((route, method, segments, twist) ->
                        new PathCase(route, method.isEmpty() ? route.method : method, segments, twist));
    }

    static final List<String> ODD_SEGMENTS = List.of(
            "..", ".", "", "%2e%2e", "%2E", "%00", "%2F", "..%2F..%2Fetc%2Fpasswd", "%25", "%c3%28", "%ff",
            "%ed%a0%80", "+", "%2B", "~", "*", ";", ",", "@", "!", "$", "&", "'", "(", ")", "=", ":", "%20", "%0A",
            "%0D%0A", "%23", "%3F", "default%23@@CONV@@", "@@CONV@@%23x", "%40@@CONV@@", "conv_", "resp_", "msg_",
            "%E2%80%AE", "%EF%BB%BF", "%F0%9F%98%80", "%C0%AE%C0%AE", "@@CONV@@%2Fitems%2F@@ITEM0@@", "%zz", "%",
            "%u002e", "@@CONV@@%");
    private static final List<String> SUFFIXES = List.of(
            "%00", "%2F..%2F", "/..", "/.", "%20", "%0A", "%27", "%22", ";x", "%23x", "?x=1", "/", "//", "%2e%2e",
            "%C0%AE", "x", "_", "-", "%E2%80%8B", "%2F", "%", "%g0");

    private static Arbitrary<String> segment() {
        Arbitrary<String> fixtureIds = Arbitraries.of("@@CONV@@", "@@RESP@@", "@@ITEM0@@", "@@ITEM1@@", "@@ITEM3@@");
        return Arbitraries.frequencyOf(
                Tuple.of(3, fixtureIds),
                Tuple.of(5, Combinators.combine(fixtureIds, Arbitraries.of(SUFFIXES), Arbitraries.of(true, false))
                        .as((id, odd, before) -> before ? odd + id : id + odd)),
                Tuple.of(5, Arbitraries.of(ODD_SEGMENTS)),
                Tuple.of(3, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30).filter(ReplyChecks::harmless)
                        .map(HostileInputFuzzTest::percentEncode)),
                Tuple.of(2, Arbitraries.of(129, 1_000, 10_240, 20_000).map(n -> "conv_" + "a".repeat(n))),
                Tuple.of(1, Arbitraries.of(1_000, 3_400).map("%00"::repeat)),
                Tuple.of(2, Combinators.combine(Arbitraries.of("conv", "msg", "resp", "fc", "rs", "x"),
                                Arbitraries.integers().between(0, 1_000_000))
                        .as((prefix, seed) -> prefix + "_" + hex(seed))));
    }

    /** Whole-path twists: trailing and doubled slashes, no /v1, case, dot segments, matrix parameters, absolute form. */
    private static String twist(String path, int twist) {
        return switch (twist) {
            case 1 -> path + "/";
            case 2 -> path.replaceFirst("/v1/", "/v1//");
            case 3 -> path.substring(3);
            case 4 -> path.toUpperCase(Locale.ROOT);
            case 5 -> "/v1/../v1/./" + path.substring(4);
            case 6 -> path + "/extra";
            case 7 -> "/v2" + path.substring(3);
            case 8 -> "/v1" + path;
            case 9 -> path + ";jsessionid=x";
            case 10 -> "http://127.0.0.1" + path;
            default -> path;
        };
    }

    // ---- queries ----

    /** A route at the fixture's ids with a query of {@code pairs} (as sent), joined in one of a few ways. */
    record QueryCase(Route route, List<String> pairs, int join) {}

    @Property(tries = 500, shrinking = ShrinkingMode.FULL)
    void junk_queries_get_a_clean_answer_and_change_nothing_when_refused(@ForAll("queryCases") QueryCase c) {
        String query = switch (c.join()) {
            case 1 -> "&" + String.join("&&", c.pairs()) + "&";
            case 2 -> String.join(";", c.pairs());
            default -> String.join("&", c.pairs());
        };
        byte[] body = c.route().method.equals("POST")
                ? Mutation.resolve(c.route().body(0), fixture.ids()).getBytes(StandardCharsets.UTF_8) : null;
        record(exchange(c.route().method, c.route().fixturePath() + "?" + query, "application/json", body));
    }

    @Provide
    Arbitrary<QueryCase> queryCases() {
        Arbitrary<Route> routes = Arbitraries.frequency(
                Tuple.of(8, Route.LIST_ITEMS), Tuple.of(5, Route.LIST_INPUT_ITEMS), Tuple.of(3, Route.GET_ITEM),
                Tuple.of(3, Route.GET_RESPONSE), Tuple.of(2, Route.CREATE_ITEMS), Tuple.of(1, Route.GET_CONVERSATION),
                Tuple.of(1, Route.CREATE_RESPONSE), Tuple.of(1, Route.DELETE_ITEM), Tuple.of(1, Route.CANCEL_RESPONSE),
                Tuple.of(1, Route.UPDATE_CONVERSATION));
        return Combinators.combine(routes, queryPair().list().ofMinSize(0).ofMaxSize(8),
                        Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(1, 1), Tuple.of(1, 2)))
                .as(QueryCase::new);
    }

    private static final List<String> LIMITS = List.of(
            "0", "1", "20", "100", "101", "-1", "1e3", "0x10", "%205", "5%20", "ten", "", "99999999999999999999999999",
            "%2B5", "+5", "1.0", "NaN", "Infinity", "%D9%A3", "00000000000000000000001", "-0", "2147483648",
            "1" + "0".repeat(5_000), "%00", "1%00");
    private static final List<String> ORDERS = List.of(
            "asc", "desc", "ASC", "", "random", "%00", "asc%00", "desc,asc", "asc%20", "%61sc");
    private static final List<String> AFTERS = List.of(
            "@@ITEM0@@", "@@ITEM2@@", "@@ITEM3@@", "@@RESP@@", "@@CONV@@", "msg_x", "", "..%2F", "%00",
            "a".repeat(10_000), "@@ITEM0@@%00", "@@ITEM0@@%20", "default%23@@ITEM0@@", "msg_" + "0".repeat(48));
    private static final List<String> INCLUDES = List.of(
            "file_search_call.results", "web_search_call.results", "web_search_call.action.sources",
            "message.input_image.image_url", "computer_call_output.output.image_url", "code_interpreter_call.outputs",
            "reasoning.encrypted_content", "message.output_text.logprobs", "message.everything", "", "%00",
            "message.input_image.image_url,file_search_call.results", "*", "MESSAGE.INPUT_IMAGE.IMAGE_URL");
    /** Percent-escapes of bytes that are not UTF-8, and escapes that are not escapes at all. */
    private static final List<String> MALFORMED = List.of("%c3%28", "%ff%fe", "%ed%a0%80", "%C0%AE", "%F8%88%80%80%80",
            "%", "%2", "%zz", "%u0041", "1%");

    private static Arbitrary<String> queryPair() {
        Arbitrary<String> names = Arbitraries.frequency(
                Tuple.of(4, "limit"), Tuple.of(3, "order"), Tuple.of(3, "after"), Tuple.of(2, "include"),
                Tuple.of(3, "include[]"), Tuple.of(2, "include%5B%5D"), Tuple.of(1, "LIMIT"), Tuple.of(1, "limit[]"),
                Tuple.of(1, ""), Tuple.of(1, "%00"), Tuple.of(1, "after%00"), Tuple.of(1, "order%20"),
                Tuple.of(1, "%ff"), Tuple.of(1, "x".repeat(5_000)));
        Arbitrary<String> anyValue = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(LIMITS)), Tuple.of(2, Arbitraries.of(ORDERS)), Tuple.of(2, Arbitraries.of(AFTERS)),
                Tuple.of(2, Arbitraries.of(INCLUDES)), Tuple.of(2, Arbitraries.of(MALFORMED)),
                Tuple.of(1, Arbitraries.of("x".repeat(10_000), "%41".repeat(5_000))),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(30).filter(ReplyChecks::harmless)
                        .map(HostileInputFuzzTest::percentEncode)));
        Arbitrary<Integer> shapes = Arbitraries.frequency(Tuple.of(10, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(1, 3));
        return Combinators.combine(names, anyValue, shapes, Arbitraries.integers().between(0, 9)).as((name, value, shape, own) -> {
            String chosen = own < 6 ? ownValue(name, value.length()) : value;
            return switch (shape) {
                case 1 -> name;
                case 2 -> "=" + chosen;
                case 3 -> name + "=" + chosen + "=" + chosen;
                default -> name + "=" + chosen;
            };
        });
    }

    /** A value from the name's own list (so valid values meet their parameter), chosen by a generated number. */
    private static String ownValue(String name, int choice) {
        List<String> values = switch (name) {
            case "limit", "LIMIT", "limit[]" -> LIMITS;
            case "order", "order%20" -> ORDERS;
            case "after", "after%00" -> AFTERS;
            case "include", "include[]", "include%5B%5D" -> INCLUDES;
            default -> MALFORMED;
        };
        return values.get(Math.floorMod(choice * 31 + name.length(), values.size()));
    }

    // ---- malformed request targets ----

    /** Escapes that cannot be decoded whatever follows them: the character after the '%' is not a hex digit. */
    private static final List<String> BROKEN_ESCAPES = List.of("%zz", "%z", "%u002e", "%G0", "%%", "%.", "%_", "%/");

    /** A route at the fixture's ids, and a broken escape put at a position of its target (query included). */
    record MalformedCase(Route route, String escape, int position) {}

    @Property(tries = 200, shrinking = ShrinkingMode.FULL)
    void a_broken_escape_anywhere_in_the_target_is_400_before_any_function_runs(
            @ForAll("malformedCases") MalformedCase c) {
        String target = Mutation.resolve(c.route().fixturePath() + "?limit=2&order=desc", fixture.ids());
        int at = 1 + Math.floorMod(c.position(), target.length());
        String broken = target.substring(0, at) + c.escape() + target.substring(at);
        byte[] body = c.route().method.equals("POST")
                ? Mutation.resolve(c.route().body(0), fixture.ids()).getBytes(StandardCharsets.UTF_8) : null;
        RawHttp.Reply reply = exchange(c.route().method, broken, "application/json", body);
        record(reply);
        if (reply != null && reply.status() != 400) throw new AssertionError(broken + ": expected 400, got " + reply);
    }

    @Provide
    Arbitrary<MalformedCase> malformedCases() {
        return Combinators.combine(Arbitraries.of(Route.class), Arbitraries.of(BROKEN_ESCAPES),
                Arbitraries.integers().between(0, 1_000)).as(MalformedCase::new);
    }

    @Example
    void malformed_request_targets_get_the_envelope() {
        List<String> targets = List.of(
                "GET /v1/conversations/%zz", "GET /v1/conversations/@@CONV@@%", "GET /v1/responses/%u002e",
                "GET /v1/conversations/@@CONV@@/items?after=%", "GET /v1/conversations/@@CONV@@/items?limit=%zz",
                "GET /v1/responses/@@RESP@@/input_items?order=%2", "DELETE /v1/conversations/@@CONV@@?x=%",
                "DELETE /v1/responses/@@RESP@@%2");
        List<String> failures = new java.util.ArrayList<>();
        for (String line : targets) {
            String method = line.substring(0, line.indexOf(' '));
            String target = line.substring(line.indexOf(' ') + 1);
            try {
                RawHttp.Reply reply = exchange(method, target, "application/json", null);
                if (reply.status() != 400) failures.add(line + ": expected 400, got " + reply);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + targets.size() + " targets:\n" + String.join("\n", failures));
        }
    }

    // ---- fixed extremes, each run once ----

    @Example
    void a_body_over_the_gateway_limit_is_413_in_the_envelope() {
        byte[] body = ("{\"items\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply reply = exchange("POST", "/v1/conversations/@@CONV@@/items", "application/json", body);
        if (reply.status() != 413) throw new AssertionError("expected 413, got " + reply);
    }

    @Example
    void json_nested_five_thousand_deep_is_refused_on_every_body_route() {
        for (Route route : Route.values()) {
            if (!route.hasBody()) continue;
            for (int shape = 0; shape < 4; shape++) {
                String deep = Mutation.deep(5_000, shape);
                RawHttp.Reply wrapped = exchange(route.method, route.fixturePath(), "application/json",
                        ("{\"metadata\":" + deep + "}").getBytes(StandardCharsets.UTF_8));
                RawHttp.Reply bare = exchange(route.method, route.fixturePath(), "application/json",
                        deep.getBytes(StandardCharsets.UTF_8));
                if (wrapped.status() != 400 || bare.status() != 400) {
                    throw new AssertionError(route + " shape " + shape + ": " + wrapped + " / " + bare);
                }
            }
        }
    }

    @Example
    void ten_kilobyte_ids_are_not_found_on_every_route() {
        String id = "conv_" + "a".repeat(10_240);
        for (Route route : Route.values()) {
            String path = route.path.replace("{c}", id).replace("{i}", id).replace("{r}", id);
            byte[] body = route.method.equals("POST")
                    ? Mutation.resolve(route.body(0), fixture.ids()).getBytes(StandardCharsets.UTF_8) : null;
            RawHttp.Reply reply = exchange(route.method, path, "application/json", body);
            boolean expected = route.path.contains("{") ? reply.status() == 404 : reply.status() < 500;
            if (!expected) throw new AssertionError(route + ": " + reply);
            if (reply.text().length() > 2_000) throw new AssertionError(route + ": the 10 KB id is echoed whole");
        }
    }

    @Example
    void raw_non_ascii_bytes_in_the_request_line_get_a_clean_answer() {
        List<String> targets = List.of(
                "/v1/conversations/\u043a\u043e\u043d\u0432",
                "/v1/conversations/@@CONV@@\u00e9",
                "/v1/conversations/@@CONV@@/items?after=\u00e9",
                "/v1/responses/\uD83D\uDE00");
        List<String> failures = new java.util.ArrayList<>();
        for (String target : targets) {
            byte[] resolved = Mutation.resolve(target, fixture.ids()).getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            head.writeBytes("GET ".getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(resolved);
            head.writeBytes((" HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            RawHttp.Request request = new RawHttp.Request("GET", resolved, Map.of(), null);
            try {
                ReplyChecks.check(request, RawHttp.sendBytes(head.toByteArray(), null));
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + targets.size() + " targets:\n" + String.join("\n", failures));
        }
    }

    // ---- the exchange every property makes ----

    /**
     * Shrinking over HTTP is slow, and jqwik's BOUNDED mode stops waiting for it without stopping it: the
     * abandoned shrinker keeps sending requests while the next property runs, and the two race on the fixture
     * and the stand-in's reply queue. So the properties shrink in FULL mode, on the test thread, and this budget
     * bounds it instead: once it is spent, every further candidate passes without a request, and jqwik reports the
     * smallest failing example found so far.
     */
    private static final long SHRINKING_BUDGET_NANOS = 20_000_000_000L;
    private static long firstFailure;

    @BeforeProperty
    void noFailureYet() {
        firstFailure = 0;
    }

    private static boolean shrinkingBudgetSpent() {
        return firstFailure != 0 && System.nanoTime() - firstFailure > SHRINKING_BUDGET_NANOS;
    }

    private static RawHttp.Reply exchange(String method, String target, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + key);
        if (body != null && !contentType.isEmpty()) headers.put("Content-Type", contentType);
        RawHttp.Request request = RawHttp.Request.of(method, Mutation.resolve(target, fixture.ids()), headers, body);
        if (shrinkingBudgetSpent()) return null;
        // Whatever reaches the model gets ordinary answers: upstream failures (502) are not under test here.
        // Two, because a compacting response asks for the summary first.
        upstream.reset();
        upstream.answer("fuzz answer");
        upstream.answer("fuzz answer");
        try {
            RawHttp.Reply reply = RawHttp.send(request);
            ReplyChecks.check(request, reply);
            if (reply.status() >= 400) fixture.assertUnchanged(request);
            else if (!method.equals("GET")) fixture.refresh();
            return reply;
        } catch (RuntimeException | AssertionError e) {
            if (firstFailure == 0) firstFailure = System.nanoTime();
            // Start the next try (or shrinking step) from a known fixture, not from whatever this one left.
            try {
                fixture = new Fixture(key, dynamo, upstream);
            } catch (RuntimeException | AssertionError again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /** The statuses met, in jqwik's report: the fuzzer should reach accepted requests too, not only 400s. */
    private static void record(RawHttp.Reply reply) {
        if (reply != null) Statistics.label("status").collect(reply.status());
    }

    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String hex(int seed) {
        byte[] bytes = new byte[24];
        new Random(seed).nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
