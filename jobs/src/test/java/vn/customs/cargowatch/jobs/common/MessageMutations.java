package vn.customs.cargowatch.jobs.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * What a careless or hostile sender does to a valid message, for {@link TopicDecoderFuzzTest}: changes to its JSON
 * (types, ranges, keys, sizes), how it is written (whitespace, escapes), and then to its bytes (encodings,
 * truncation, garbage). A {@link Case} is plain data — indexes into the lists below — so that jqwik shrinks a failure
 * to the fewest and simplest changes.
 *
 * <p>Each message comes with what the contract lets the decoder do with it ({@link Expect}): changes that do not
 * change meaning (an unknown key, another order of keys, whitespace, escapes, another form of the same number or
 * time) must give the original record; a duplicate key, a value of the wrong JSON type in a field of the record,
 * bytes that are not UTF-8 or text that is not one JSON object must be refused; anything else may go either way.
 */
final class MessageMutations {

    private MessageMutations() {}

    // ---------------------------------------------------------------------------------------------------------------
    // A JSON text as the fuzzer holds it. Unlike Jackson's tree it can hold a key twice, keeps the order of keys and
    // the literal text of numbers, and writes a deeply nested value without recursion.

    abstract static sealed class Node permits Obj, Arr, Str, Lit, Deep {}

    static final class Obj extends Node {
        final List<Member> members = new ArrayList<>();
    }

    static final class Member {
        String key;
        Node value;

        Member(String key, Node value) {
            this.key = key;
            this.value = value;
        }
    }

    static final class Arr extends Node {
        final List<Node> items = new ArrayList<>();
    }

    static final class Str extends Node {
        final String value;

        Str(String value) {
            this.value = value;
        }
    }

    /** A number, {@code true}, {@code false} or {@code null}, as written. */
    static final class Lit extends Node {
        final String text;

        Lit(String text) {
            this.text = text;
        }

        boolean isNull() {
            return text.equals("null");
        }

        boolean isBoolean() {
            return text.equals("true") || text.equals("false");
        }

        boolean isNumber() {
            return !isNull() && !isBoolean();
        }
    }

    /** {@code inner} wrapped in {@code depth} arrays (or objects under key "a"). */
    static final class Deep extends Node {
        final int depth;
        final boolean arrays;
        final Node inner;

        Deep(int depth, boolean arrays, Node inner) {
            this.depth = depth;
            this.arrays = arrays;
            this.inner = inner;
        }
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    /** A valid sample line as a tree; each call gives a fresh tree to change. */
    static Obj parse(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return (Obj) read(parser, parser.nextToken());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Node read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Obj obj = new Obj();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    obj.members.add(new Member(key, read(parser, parser.nextToken())));
                }
                return obj;
            }
            case START_ARRAY -> {
                Arr arr = new Arr();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    arr.items.add(read(parser, item));
                }
                return arr;
            }
            case VALUE_STRING -> {
                return new Str(parser.getText());
            }
            default -> {
                return new Lit(parser.getText());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Writing, in one of several equivalent styles.

    enum Whitespace { NONE, SPACES, PRETTY, CRLF, TABS }

    enum Escapes {
        NONE,
        /** Every character outside ASCII as {@code \\uXXXX}. */
        NON_ASCII,
        /** Every character of every string and key as {@code \\uXXXX}. */
        ALL,
        /** {@code /} as {@code \/}, and the short escapes where JSON has them. */
        SHORT
    }

    record Style(Whitespace whitespace, Escapes escapes) {}

    static String write(Node root, Style style) {
        StringBuilder out = new StringBuilder();
        write(root, style, out, 0);
        return out.toString();
    }

    private static void write(Node node, Style style, StringBuilder out, int level) {
        if (node instanceof Obj obj) {
            out.append('{');
            for (int i = 0; i < obj.members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                space(style, out, level + 1, true);
                string(obj.members.get(i).key, style, out);
                out.append(':');
                space(style, out, level + 1, false);
                write(obj.members.get(i).value, style, out, level + 1);
            }
            if (!obj.members.isEmpty()) {
                space(style, out, level, true);
            }
            out.append('}');
        } else if (node instanceof Arr arr) {
            out.append('[');
            for (int i = 0; i < arr.items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                space(style, out, level + 1, true);
                write(arr.items.get(i), style, out, level + 1);
            }
            if (!arr.items.isEmpty()) {
                space(style, out, level, true);
            }
            out.append(']');
        } else if (node instanceof Str str) {
            string(str.value, style, out);
        } else if (node instanceof Lit lit) {
            out.append(lit.text);
        } else if (node instanceof Deep deep) {
            for (int i = 0; i < deep.depth; i++) {
                out.append(deep.arrays ? "[" : "{\"a\":");
            }
            write(deep.inner, style, out, level);
            for (int i = 0; i < deep.depth; i++) {
                out.append(deep.arrays ? ']' : '}');
            }
        }
    }

    private static void space(Style style, StringBuilder out, int level, boolean lineBreak) {
        switch (style.whitespace()) {
            case NONE -> { }
            case SPACES -> out.append(lineBreak ? "" : " ");
            case PRETTY -> out.append(lineBreak ? "\n" + "  ".repeat(Math.min(level, 50)) : " ");
            case CRLF -> out.append(lineBreak ? "\r\n" : "");
            case TABS -> out.append('\t');
        }
    }

    private static void string(String value, Style style, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                    && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)));
            if (style.escapes() == Escapes.ALL || c < 0x20 || loneSurrogate
                    || (style.escapes() == Escapes.NON_ASCII && c > 0x7E)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '/' && style.escapes() == Escapes.SHORT) {
                out.append("\\/");
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Values a hostile or careless sender puts where another belongs: wrong types, out of range, huge, odd encodings.

    private static final String TWO_MEGABYTES = "9".repeat(2 * 1024 * 1024);

    static final List<Supplier<Node>> HOSTILE_VALUES = List.of(
            () -> new Lit("null"),
            () -> new Lit("true"),
            () -> new Lit("false"),
            () -> new Lit("0"),
            () -> new Lit("-1"),
            () -> new Str(""),
            () -> new Str(" "),
            () -> new Str("x"),
            Obj::new,
            Arr::new,
            () -> parse("{\"a\":1}"),
            () -> array(new Lit("1"), new Lit("2")),
            () -> new Str("20.93"),
            () -> new Lit("999"),
            () -> new Lit("-999"),
            () -> new Lit("1e400"),
            () -> new Lit("-1e400"),
            () -> new Lit("1e-400"),
            () -> new Lit("-0.0"),
            () -> new Lit("1.7976931348623157E308"),
            () -> new Lit("4.9E-324"),
            () -> new Lit(Long.toString(Long.MAX_VALUE)),
            () -> new Lit(Long.toString(Long.MIN_VALUE)),
            () -> new Lit("99999999999999999999"),
            () -> new Str("NaN"),
            () -> new Str("Infinity"),
            () -> new Lit("0.5"),
            () -> new Lit("1000.5"),
            () -> new Lit("360.0001"),
            () -> new Lit("100.01"),
            () -> new Lit("9.7"),
            () -> new Lit("1.0E10"),
            () -> new Lit("1".repeat(1_200)),
            () -> new Str("+999999999-12-31T23:59:59Z"),
            () -> new Str("-999999999-01-01T00:00:00+18:00"),
            () -> new Str("1970-01-01T00:00:00Z"),
            () -> new Str("1999-12-31T23:59:59.999Z"),
            () -> new Str("2000-01-01T00:00:00Z"),
            () -> new Str("2099-12-31T23:59:59.999Z"),
            () -> new Str("2100-01-01T00:00:00Z"),
            () -> new Str("2026-11-22T06:00:00"),
            () -> new Str("2026-11-22T13:00:00.123456789+07:00"),
            () -> new Str("2026-11-22T06:00:00.0000001Z"),
            () -> new Str("2026-02-30T00:00:00Z"),
            () -> new Str(" 2026-11-22T06:00:00Z "),
            () -> new Str("2026-11-22T06:00:00+25:00"),
            () -> new Lit("946684800000"),
            () -> new Lit("946684799999"),
            () -> new Lit("4102444799999"),
            () -> new Lit("4102444800000"),
            () -> new Lit("1795327200000"),
            () -> new Str("2026-11-24T00:00:00Z"),
            () -> new Str("2027-01-01T00:00:00+07:00"),
            () -> new Lit("1800000000000"),
            () -> new Lit("1795327200000.5"),
            () -> new Str("1795327200000"),
            () -> new Str("CLOSED"),
            () -> new Str("closed"),
            () -> new Str("OPEN "),
            () -> new Str("DOOR_OPEN"),
            () -> new Str("AJAR"),
            () -> new Str("356938035643809"),
            () -> new Lit("356938035643809"),
            () -> new Str("35693803564380\u0669"),
            () -> new Str("MSKU1234565"),
            () -> new Str(TWO_MEGABYTES),
            () -> new Str("a".repeat(65)),
            () -> new Str("a".repeat(201)),
            () -> new Str("a".repeat(2_001)),
            () -> new Str("\u0000"),
            () -> new Str("\uD800"),
            () -> new Str("x\uDC00y"),
            () -> new Str("\uD83D\uDE9A Hải Phòng"),
            () -> new Str("\u202Eevil"),
            () -> array(new Str("MSKU1234565"), new Lit("null")),
            () -> array(new Lit("null")),
            () -> array(new Lit("106.0"), new Lit("20.0")),
            () -> array(array(new Lit("106.0"), new Lit("20.0"))),
            () -> array(new Lit("106.0"), new Lit("20.0"), new Lit("1e400")),
            () -> parse("{\"type\":\"LineString\",\"coordinates\":[[106,20],[106.1,20.1]]}"),
            () -> parse("{\"type\":\"Polygon\",\"coordinates\":[[[106,20],[106.1,20],[106.1,20.1],[106,20]]]}"),
            () -> parse("{\"unitCode\":\"03CE\",\"lat\":20.9,\"lon\":106.7}"),
            () -> parse("{\"role\":\"DRIVER\",\"phone\":\"0912345678\"}"),
            () -> repeated(new Lit("0"), 100_000),
            () -> new Deep(2_000, true, new Lit("1")),
            () -> new Deep(2_000, false, new Lit("1")));

    /** Times, good and bad, in both forms, for the record's own {@code ts}: what moves event time. */
    static final List<Supplier<Node>> HOSTILE_TIMES = List.of(
            () -> new Lit("null"),
            () -> new Lit("true"),
            () -> new Str(""),
            Obj::new,
            () -> array(new Lit("1795327200000")),
            () -> new Lit("1e400"),
            () -> new Lit("-0.0"),
            () -> new Lit(Long.toString(Long.MAX_VALUE)),
            () -> new Lit(Long.toString(Long.MIN_VALUE)),
            () -> new Lit("99999999999999999999"),
            () -> new Str("NaN"),
            () -> new Str("+999999999-12-31T23:59:59Z"),
            () -> new Str("-999999999-01-01T00:00:00+18:00"),
            () -> new Str("1970-01-01T00:00:00Z"),
            () -> new Str("1999-12-31T23:59:59.999Z"),
            () -> new Str("2000-01-01T00:00:00Z"),
            () -> new Str("2099-12-31T23:59:59.999Z"),
            () -> new Str("2100-01-01T00:00:00Z"),
            () -> new Str("2026-11-22T06:00:00"),
            () -> new Str("2026-11-22T13:00:00.123456789+07:00"),
            () -> new Str("2026-02-30T00:00:00Z"),
            () -> new Str(" 2026-11-22T06:00:00Z "),
            () -> new Str("2026-11-22T06:00:00+25:00"),
            () -> new Str("2026-11-23T06:00:00Z"),
            () -> new Str("2026-11-23T06:00:00.001Z"),
            () -> new Str("2026-11-24T00:00:00Z"),
            () -> new Str("2027-01-01T00:00:00+07:00"),
            () -> new Str("\uD800"),
            () -> new Str(TWO_MEGABYTES),
            () -> new Lit("946684800000"),
            () -> new Lit("946684799999"),
            () -> new Lit("4102444799999"),
            () -> new Lit("4102444800000"),
            () -> new Lit("1795327200000"),
            () -> new Lit("1795327200000.5"),
            () -> new Lit("1800000000000"),
            () -> new Str("1795327200000"));

    /** Values that do not make a record heavier or stranger than a sender may: for keys the record ignores. */
    static final List<Supplier<Node>> MODEST_VALUES = List.of(
            () -> new Str("x"),
            () -> new Lit("1"),
            () -> new Lit("-2.5e3"),
            () -> new Lit("true"),
            () -> new Lit("null"),
            Obj::new,
            Arr::new,
            () -> parse("{\"a\":[1,\"b\",{\"c\":null}],\"ts\":\"not a time\"}"),
            () -> new Str("Hải Phòng \uD83D\uDE9A"),
            () -> new Str("z".repeat(1_000)),
            () -> repeated(new Lit("1"), 500));

    /** Keys no record of the contract has, at any depth. */
    static final List<String> UNKNOWN_KEYS = List.of(
            "extra", "vendorData", "_meta", "firmware", "comment", "", "TS", "ts ", "Imei", "x.y", "ưu tiên");

    /** Every key of the input records: a key added with one of these may land where the record reads it. */
    static final List<String> KNOWN_KEYS = List.of(
            "ts", "imei", "lat", "lon", "type", "speedKmh", "heading", "satellites", "hdop", "battery", "door",
            "tripId", "containerNo", "declarationNo", "truckPlate", "trailerPlate", "regime", "origin", "destination",
            "expectedStart", "expectedEnd", "route", "corridorMeters", "contacts", "branchCode", "departmentCode",
            "zoneId", "name", "polygon", "op", "unitCode", "level", "parentCode", "phone", "icdCode", "eventId",
            "gateId", "lane", "cameraId", "direction", "containerNo2", "plate", "confidence", "empty", "imageUri",
            "kind", "containers", "plates", "status", "risk", "alertId", "action", "by", "byUnit", "note",
            "escalateTo", "coordinates", "role");

    private static Arr array(Node... items) {
        Arr arr = new Arr();
        Collections.addAll(arr.items, items);
        return arr;
    }

    private static Arr repeated(Lit item, int count) {
        Arr arr = new Arr();
        for (int i = 0; i < count; i++) {
            arr.items.add(item);
        }
        return arr;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Changes to the JSON. Each picks its target among the candidates by an index modulo their number, so a smaller
    // index is a target nearer the start of the record; with no candidate left (every key removed), it does nothing.

    sealed interface Change {
        void apply(Obj root);

        /** The record means the same afterwards. */
        default boolean keepsMeaning() {
            return false;
        }
    }

    /** A key no record reads, with a modest value. */
    record AddUnknownKey(int object, int key, int value) implements Change {
        @Override
        public void apply(Obj root) {
            Obj target = pick(objects(root), object);
            String name = UNKNOWN_KEYS.get(key);
            while (keys(target).contains(name)) {
                name = name + "_";
            }
            target.members.add(new Member(name, MODEST_VALUES.get(value).get()));
        }

        @Override
        public boolean keepsMeaning() {
            return true;
        }
    }

    record ReorderKeys(int object, long seed) implements Change {
        @Override
        public void apply(Obj root) {
            Collections.shuffle(pick(objects(root), object).members, new Random(seed));
        }

        @Override
        public boolean keepsMeaning() {
            return true;
        }
    }

    /** The same decimal number in another form: {@code 20.93} as {@code 2093e-2}, {@code 20.93000}... */
    record RewriteNumber(int number, int form) implements Change {
        @Override
        public void apply(Obj root) {
            List<Member> decimals = members(root, m -> m.value instanceof Lit lit && lit.isNumber()
                    && lit.text.matches("-?\\d+\\.\\d+"));
            List<Slot> positions = slots(root, (parent, node) -> parent instanceof Arr && node instanceof Lit lit
                    && lit.isNumber() && lit.text.matches("-?\\d+\\.\\d+"));
            List<Slot> targets = new ArrayList<>();
            decimals.forEach(m -> targets.add(new Slot(m, null, 0)));
            targets.addAll(positions);
            if (targets.isEmpty()) {
                return;
            }
            Slot target = pick(targets, number);
            BigDecimal value = new BigDecimal(((Lit) target.get()).text);
            String text = switch (form) {
                case 0 -> value.unscaledValue() + "e" + (-value.scale());
                case 1 -> value.toPlainString() + "000";
                case 2 -> value.movePointLeft(2).toPlainString() + "E2";
                default -> value.movePointRight(3).toPlainString() + "E-3";
            };
            target.set(new Lit(text));
        }

        @Override
        public boolean keepsMeaning() {
            return true;
        }
    }

    /** The same instant in another form: epoch milliseconds, another offset, explicit milliseconds or nanoseconds. */
    record RewriteTime(int time, int form) implements Change {
        private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        private static final DateTimeFormatter NANOS =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

        @Override
        public void apply(Obj root) {
            List<Member> times = members(root, m -> TIME_KEYS.contains(m.key)
                    && (m.value instanceof Str || (m.value instanceof Lit lit && lit.isNumber())));
            if (times.isEmpty()) {
                return;
            }
            Member target = pick(times, time);
            Instant instant;
            try {
                instant = target.value instanceof Str str
                        ? OffsetDateTime.parse(str.value).toInstant()
                        : Instant.ofEpochMilli(Long.parseLong(((Lit) target.value).text));
            } catch (RuntimeException notATimeOfTheSample) {
                return; // a hostile value put there before: it has no other form
            }
            if (instant.isBefore(Instant.parse("2000-01-01T00:00:00Z"))
                    || instant.isAfter(Instant.parse("2100-01-01T00:00:00Z"))) {
                return;
            }
            target.value = switch (form) {
                case 0 -> new Lit(Long.toString(instant.toEpochMilli()));
                case 1 -> new Str(OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(7)).toString());
                case 2 -> new Str(MILLIS.format(instant.atOffset(ZoneOffset.UTC)));
                case 3 -> new Str(MILLIS.format(instant.atOffset(ZoneOffset.ofHoursMinutes(-5, -30))));
                default -> new Str(NANOS.format(instant.atOffset(ZoneOffset.ofHours(14))));
            };
        }

        @Override
        public boolean keepsMeaning() {
            return true;
        }
    }

    /** Any value (a member's, or an array's item) replaced by a hostile one. */
    record Replace(int slot, int value) implements Change {
        @Override
        public void apply(Obj root) {
            List<Slot> slots = slots(root, (parent, node) -> true);
            if (!slots.isEmpty()) {
                pick(slots, this.slot).set(HOSTILE_VALUES.get(value).get());
            }
        }
    }

    /** The record's own time replaced, since that is what moves event time. */
    record Retime(int value) implements Change {
        @Override
        public void apply(Obj root) {
            Node time = HOSTILE_TIMES.get(value).get();
            for (Member member : root.members) {
                if (member.key.equals("ts")) {
                    member.value = time;
                    return;
                }
            }
            root.members.add(new Member("ts", time));
        }
    }

    record RemoveKey(int member) implements Change {
        @Override
        public void apply(Obj root) {
            List<Member> all = members(root, m -> true);
            if (all.isEmpty()) {
                return;
            }
            Member target = pick(all, member);
            for (Obj obj : objects(root)) {
                obj.members.remove(target);
            }
        }
    }

    /** A key misspelt or in another case: {@code TS}, {@code Ts}, {@code "ts "}, {@code _ts}. */
    record RenameKey(int member, int renaming) implements Change {
        @Override
        public void apply(Obj root) {
            List<Member> all = members(root, m -> true);
            if (all.isEmpty()) {
                return;
            }
            Member target = pick(all, member);
            String key = target.key;
            target.key = switch (renaming) {
                case 0 -> key.toUpperCase(Locale.ROOT);
                case 1 -> key.isEmpty() ? "X" : Character.toUpperCase(key.charAt(0)) + key.substring(1);
                case 2 -> key + " ";
                case 3 -> " " + key;
                case 4 -> "_" + key;
                default -> key.replace('e', 'é');
            };
        }
    }

    /** A key given twice: with the same value, or with another one. */
    record DuplicateKey(int member, int value) implements Change {
        @Override
        public void apply(Obj root) {
            List<Member> all = members(root, m -> true);
            if (all.isEmpty()) {
                return;
            }
            Member target = pick(all, member);
            for (Obj obj : objects(root)) {
                int at = obj.members.indexOf(target);
                if (at >= 0) {
                    Node copy = value == 0 ? target.value : HOSTILE_VALUES.get(value - 1).get();
                    obj.members.add(at + 1 + (value % 2 == 0 ? 0 : obj.members.size() - at - 1),
                            new Member(target.key, copy));
                    return;
                }
            }
        }
    }

    /** A key of some record, with a hostile value: where the record reads it, a value it must judge. */
    record AddKnownKey(int object, int key, int value) implements Change {
        @Override
        public void apply(Obj root) {
            pick(objects(root), object).members.add(new Member(KNOWN_KEYS.get(key), HOSTILE_VALUES.get(value).get()));
        }
    }

    /**
     * Items added to an array: one or two hostile ones, or a thousand or a hundred thousand more of its own first
     * item when that is a short scalar, else of 0 (a hostile value that many times would only measure the test
     * machine's memory).
     */
    record AppendItems(int array, int value, int count) implements Change {
        static final int[] COUNTS = {1, 2, 1_000, 100_000};

        @Override
        public void apply(Obj root) {
            List<Arr> arrays = arrays(root);
            if (arrays.isEmpty()) {
                return;
            }
            Arr target = pick(arrays, array);
            int times = COUNTS[count];
            Node item = times <= 2 || target.items.isEmpty() ? HOSTILE_VALUES.get(value).get() : target.items.get(0);
            if (times > 2 && !(item instanceof Lit || (item instanceof Str str && str.value.length() <= 100))) {
                item = new Lit("0"); // one node many times: an array there would multiply the next change's size
            }
            for (int i = 0; i < times; i++) {
                target.items.add(item);
            }
        }
    }

    /** A value wrapped in arrays or objects, up to far deeper than any parser should follow. */
    record Nest(int slot, int depth, boolean arrays) implements Change {
        static final int[] DEPTHS = {1, 3, 999, 1_001, 100_000};

        @Override
        public void apply(Obj root) {
            List<Slot> slots = slots(root, (parent, node) -> true);
            if (!slots.isEmpty()) {
                Slot target = pick(slots, slot);
                target.set(new Deep(DEPTHS[depth], arrays, target.get()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Changes to the bytes, once the JSON is written.

    enum Bytes {
        NONE(Expect.SAME),
        TRAILING_CRLF(Expect.SAME),
        LEADING_WHITESPACE(Expect.SAME),
        /** A byte-order mark: JSON parsers may take it or refuse it (RFC 8259 §8.1). */
        BOM(Expect.SAME_IF_ACCEPTED),
        /** A byte that is never UTF-8 (FF, FE, C0, C1, F5), inserted anywhere. */
        INVALID_BYTE(Expect.REJECTED),
        /** '/' written in two bytes (C0 AF) or three (E0 80 AF): an overlong encoding, which UTF-8 forbids. */
        OVERLONG(Expect.REJECTED),
        /** A surrogate encoded as if it were a character (ED A0 80, CESU-8), which UTF-8 forbids. */
        ENCODED_SURROGATE(Expect.REJECTED),
        /** A lead byte whose sequence the message ends before. */
        CUT_CHARACTER(Expect.REJECTED),
        /** A NUL byte anywhere: never part of JSON outside a string, and not allowed raw inside one. */
        NUL(Expect.REJECTED),
        /** A line break anywhere: whitespace between tokens, a forbidden control character inside a string. */
        CRLF_ANYWHERE(Expect.ANY),
        /** Cut before its closing brace. */
        TRUNCATED(Expect.REJECTED),
        TRAILING_GARBAGE(Expect.REJECTED),
        TWO_RECORDS(Expect.REJECTED),
        AS_ARRAY(Expect.REJECTED),
        EMPTY(Expect.REJECTED),
        WHITESPACE_ONLY(Expect.REJECTED),
        NOT_AN_OBJECT(Expect.REJECTED),
        /** The text in UTF-16, as a Windows tool might write it. */
        UTF16(Expect.REJECTED),
        /** The text in Latin-1: the same bytes as UTF-8 when it is ASCII, else not UTF-8. */
        LATIN1(Expect.ANY);

        final Expect expect;

        Bytes(Expect expect) {
            this.expect = expect;
        }

        private static final String[] GARBAGE =
                {"x", "}", ",", "]", "{}", "null", "// sent by gateway 2", "#", "\u00a0"};
        private static final String[] SEPARATORS = {"", " ", "\n", "\r\n"};
        private static final String[] NOT_OBJECTS = {"null", "42", "\"seal.fixes\"", "true", "[]"};

        byte[] apply(String text, int position, int variant) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int at = utf8.length == 0 ? 0 : Math.floorMod(position, utf8.length + 1);
            return switch (this) {
                case NONE -> utf8;
                case TRAILING_CRLF -> utf8(text + "\r\n");
                case LEADING_WHITESPACE -> utf8(" \t\r\n" + text);
                case BOM -> utf8("\uFEFF" + text);
                case INVALID_BYTE -> insert(utf8, at, new byte[] {
                        (byte) new int[] {0xFF, 0xFE, 0xC0, 0xC1, 0xF5}[Math.floorMod(variant, 5)]});
                case OVERLONG -> insert(utf8, at, variant % 2 == 0
                        ? new byte[] {(byte) 0xC0, (byte) 0xAF} : new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF});
                case ENCODED_SURROGATE -> insert(utf8, at, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
                case CUT_CHARACTER -> insert(utf8, utf8.length, new byte[] {(byte) 0xE1, (byte) 0xBA});
                case NUL -> insert(utf8, at, new byte[] {0});
                case CRLF_ANYWHERE -> insert(utf8, at, new byte[] {'\r', '\n'});
                case TRUNCATED -> java.util.Arrays.copyOf(utf8, Math.floorMod(position, utf8(closing(text)).length));
                case TRAILING_GARBAGE -> utf8(text + GARBAGE[Math.floorMod(variant, GARBAGE.length)]);
                case TWO_RECORDS -> utf8(text + SEPARATORS[Math.floorMod(variant, SEPARATORS.length)] + text);
                case AS_ARRAY -> utf8("[" + text + "]");
                case EMPTY -> new byte[0];
                case WHITESPACE_ONLY -> utf8(" \t\r\n ".substring(0, 1 + Math.floorMod(variant, 5)));
                case NOT_AN_OBJECT -> utf8(NOT_OBJECTS[Math.floorMod(variant, NOT_OBJECTS.length)]);
                case UTF16 -> variant % 2 == 0
                        ? text.getBytes(StandardCharsets.UTF_16) : text.getBytes(StandardCharsets.UTF_16LE);
                case LATIN1 -> text.getBytes(StandardCharsets.ISO_8859_1);
            };
        }

        /** The text up to (not including) its last closing brace. */
        private static String closing(String text) {
            return text.substring(0, text.lastIndexOf('}'));
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
            out.write(bytes, 0, at);
            out.write(inserted, 0, inserted.length);
            out.write(bytes, at, bytes.length - at);
            return out.toByteArray();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What the decoder may do with a message.

    enum Expect {
        /** Accepted, as the original record. */
        SAME,
        /** Accepted as the original record, or refused. */
        SAME_IF_ACCEPTED,
        /** Accepted as some valid record, or refused. */
        ANY,
        /** Refused. */
        REJECTED
    }

    /** A mutated message and what may come of it. */
    record Message(byte[] bytes, Expect expect, String why) {}

    /** One try: which sample, the changes to its JSON, how it is written, what happens to its bytes. */
    record Case(int sample, List<Change> changes, Style style, Bytes bytes, int position, int variant) {

        Message build(List<String> samples) {
            String sampleLine = samples.get(sample);
            Obj original = parse(sampleLine);
            Obj mutated = parse(sampleLine);
            for (Change change : changes) {
                change.apply(mutated);
            }
            String text = write(mutated, style);
            byte[] message = bytes.apply(text, position, variant);
            String duplicate = duplicateKey(mutated);
            String clash = clash(mutated, original, "");
            if (duplicate != null) {
                return new Message(message, Expect.REJECTED, "the key " + duplicate + " appears twice");
            }
            if (clash != null) {
                return new Message(message, Expect.REJECTED, clash);
            }
            if (bytes.expect == Expect.REJECTED) {
                return new Message(message, Expect.REJECTED, "its bytes are " + bytes);
            }
            boolean keepsMeaning = changes.stream().allMatch(Change::keepsMeaning);
            if (!keepsMeaning || bytes.expect == Expect.ANY) {
                return new Message(message, Expect.ANY, "its meaning may have changed");
            }
            return new Message(message, bytes.expect, "only its form changed");
        }
    }

    static Arbitrary<Case> cases(int samples) {
        Arbitrary<Change> change = Arbitraries.<Change>frequencyOf(
                Tuple.of(2, Combinators.combine(index(), Arbitraries.integers().between(0, UNKNOWN_KEYS.size() - 1),
                        Arbitraries.integers().between(0, MODEST_VALUES.size() - 1)).as(AddUnknownKey::new)),
                Tuple.of(1, Combinators.combine(index(), Arbitraries.longs().between(0, 1_000))
                        .as(ReorderKeys::new)),
                Tuple.of(1, Combinators.combine(index(), Arbitraries.integers().between(0, 3))
                        .as(RewriteNumber::new)),
                Tuple.of(1, Combinators.combine(index(), Arbitraries.integers().between(0, 4))
                        .as(RewriteTime::new)),
                Tuple.of(8, Combinators.combine(index(), hostile()).as(Replace::new)),
                Tuple.of(6, Arbitraries.integers().between(0, HOSTILE_TIMES.size() - 1).map(Retime::new)),
                Tuple.of(3, index().map(RemoveKey::new)),
                Tuple.of(3, Combinators.combine(index(), Arbitraries.integers().between(0, 5)).as(RenameKey::new)),
                Tuple.of(2, Combinators.combine(index(), Arbitraries.integers().between(0, HOSTILE_VALUES.size()))
                        .as(DuplicateKey::new)),
                Tuple.of(3, Combinators.combine(index(), Arbitraries.integers().between(0, KNOWN_KEYS.size() - 1),
                        hostile()).as(AddKnownKey::new)),
                Tuple.of(2, Combinators.combine(index(), hostile(),
                        Arbitraries.integers().between(0, AppendItems.COUNTS.length - 1)).as(AppendItems::new)),
                Tuple.of(1, Combinators.combine(index(), Arbitraries.integers().between(0, Nest.DEPTHS.length - 1),
                        Arbitraries.of(true, false)).as(Nest::new)));
        Arbitrary<Style> style = Combinators.combine(Arbitraries.of(Whitespace.class), Arbitraries.of(Escapes.class))
                .as(Style::new);
        Arbitrary<Bytes> bytes = Arbitraries.<Bytes>frequencyOf(
                Tuple.of(12, Arbitraries.just(Bytes.NONE)), Tuple.of(8, Arbitraries.of(Bytes.class)));
        // As many messages with no change, one, two... four: jqwik's default would favour the shortest lists.
        Arbitrary<List<Change>> changes = change.list().ofMaxSize(4).withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(Arbitraries.integers().between(0, samples - 1), changes, style, bytes, index(),
                Arbitraries.integers().between(0, 20)).as(Case::new);
    }

    private static Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 10_000);
    }

    private static Arbitrary<Integer> hostile() {
        return Arbitraries.integers().between(0, HOSTILE_VALUES.size() - 1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding targets, and the two refusals the final JSON itself demands.

    /** Where a value sits: a member of an object, or an item of an array. */
    record Slot(Member member, Arr array, int index) {
        Node get() {
            return member != null ? member.value : array.items.get(index);
        }

        void set(Node value) {
            if (member != null) {
                member.value = value;
            } else {
                array.items.set(index, value);
            }
        }
    }

    private static <T> T pick(List<T> candidates, int index) {
        return candidates.get(Math.floorMod(index, candidates.size()));
    }

    private static Set<String> keys(Obj obj) {
        Set<String> keys = new HashSet<>();
        obj.members.forEach(m -> keys.add(m.key));
        return keys;
    }

    interface SlotFilter {
        boolean test(Node parent, Node value);
    }

    /** Every value but the root, in document order (not inside very long arrays: their first 100 items). */
    static List<Slot> slots(Obj root, SlotFilter filter) {
        List<Slot> slots = new ArrayList<>();
        collect(root, filter, slots);
        return slots;
    }

    private static void collect(Node node, SlotFilter filter, List<Slot> slots) {
        if (node instanceof Obj obj) {
            for (Member member : obj.members) {
                if (filter.test(obj, member.value)) {
                    slots.add(new Slot(member, null, 0));
                }
                collect(member.value, filter, slots);
            }
        } else if (node instanceof Arr arr) {
            for (int i = 0; i < Math.min(arr.items.size(), 100); i++) {
                if (filter.test(arr, arr.items.get(i))) {
                    slots.add(new Slot(null, arr, i));
                }
                collect(arr.items.get(i), filter, slots);
            }
        }
    }

    static List<Member> members(Obj root, java.util.function.Predicate<Member> filter) {
        List<Member> members = new ArrayList<>();
        for (Slot slot : slots(root, (parent, node) -> parent instanceof Obj)) {
            if (filter.test(slot.member())) {
                members.add(slot.member());
            }
        }
        return members;
    }

    static List<Obj> objects(Obj root) {
        List<Obj> objects = new ArrayList<>();
        objects.add(root);
        for (Slot slot : slots(root, (parent, node) -> node instanceof Obj)) {
            objects.add((Obj) slot.get());
        }
        return objects;
    }

    static List<Arr> arrays(Obj root) {
        List<Arr> arrays = new ArrayList<>();
        for (Slot slot : slots(root, (parent, node) -> node instanceof Arr)) {
            arrays.add((Arr) slot.get());
        }
        return arrays;
    }

    /** A key that appears twice in one object, anywhere in the message; {@code null} when none does. */
    static String duplicateKey(Node node) {
        if (node instanceof Obj obj) {
            Set<String> seen = new HashSet<>();
            for (Member member : obj.members) {
                if (!seen.add(member.key)) {
                    return "'" + member.key + "'";
                }
                String inner = duplicateKey(member.value);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node instanceof Arr arr) {
            for (Node item : arr.items.subList(0, Math.min(arr.items.size(), 100))) {
                String inner = duplicateKey(item);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node instanceof Deep deep) {
            return duplicateKey(deep.inner);
        }
        return null;
    }

    /** The keys whose value is a time: a string or a number. */
    static final Set<String> TIME_KEYS = Set.of("ts", "expectedStart", "expectedEnd");

    /** The keys whose value is one of a few names (or, for {@code type} of a geometry, exactly one). */
    static final Set<String> NAME_KEYS =
            Set.of("door", "type", "regime", "role", "level", "direction", "kind", "status", "risk", "action", "op");

    /**
     * Where a field of the record holds a value of a JSON type it cannot be read from — which must be refused, as
     * the contract says ({@code "lat": "abc"} is a rejection, not a coercion); {@code null} when there is none. The
     * fields are those of the original message, found by key; null is never a clash (an optional field left out).
     * A text field takes any scalar: Jackson writes the number or boolean as text, and the record's validation
     * judges that text like any other.
     */
    static String clash(Node value, Node original, String key) {
        if (value instanceof Lit lit && lit.isNull()) {
            return null;
        }
        String kind = kindOf(value);
        if (original instanceof Obj originalObj) {
            if (!(value instanceof Obj obj)) {
                return kind.equals("an object") ? null : key + " is " + kind + ", not an object";
            }
            for (Member member : obj.members) {
                for (Member originalMember : originalObj.members) {
                    if (originalMember.key.equals(member.key)) {
                        String inner = clash(member.value, originalMember.value, member.key);
                        if (inner != null) {
                            return inner;
                        }
                    }
                }
            }
            return null;
        }
        if (original instanceof Arr originalArr) {
            if (!(value instanceof Arr arr)) {
                return kind.equals("an array") ? null : key + " is " + kind + ", not an array";
            }
            if (originalArr.items.isEmpty()) {
                return null;
            }
            for (int i = 0; i < Math.min(arr.items.size(), 100); i++) {
                String inner = clash(arr.items.get(i), originalArr.items.get(Math.min(i,
                        originalArr.items.size() - 1)), key);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        boolean scalar = value instanceof Str || value instanceof Lit;
        if (TIME_KEYS.contains(key)) {
            return value instanceof Str || (value instanceof Lit lit && lit.isNumber()) ? null
                    : key + " is " + kind + ", not a time";
        }
        if (original instanceof Str) {
            if (NAME_KEYS.contains(key)) {
                return value instanceof Str ? null : key + " is " + kind + ", not a name";
            }
            return scalar ? null : key + " is " + kind + ", not a text";
        }
        Lit originalLit = (Lit) original;
        if (originalLit.isBoolean()) {
            return value instanceof Lit lit && lit.isBoolean() ? null : key + " is " + kind + ", not a boolean";
        }
        return value instanceof Lit lit && lit.isNumber() ? null : key + " is " + kind + ", not a number";
    }

    private static String kindOf(Node node) {
        if (node instanceof Obj || (node instanceof Deep deep && !deep.arrays)) {
            return "an object";
        }
        if (node instanceof Arr || node instanceof Deep) {
            return "an array";
        }
        if (node instanceof Str) {
            return "a string";
        }
        Lit lit = (Lit) node;
        return lit.isNull() ? "null" : lit.isBoolean() ? "a boolean" : "a number";
    }
}
