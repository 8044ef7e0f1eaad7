package vn.customs.cargowatch.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.simulator.Scenario;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;

/**
 * A simulated day (20 trips, the gates of the Hà Nội ICDs, two supervisors' actions), clean, and poisoned with every
 * bad record of issue 10 where a hostile or careless sender would put it — the day's own records with one thing
 * wrong, so that any of them taken for valid would show in the outputs:
 * <ul>
 *   <li>on every topic with event time: a time in the year 999999999, and a second {@code ts} five hours ahead;</li>
 *   <li>times of -2<sup>63</sup> ms, 10<sup>20</sup> ms, in 1999 and in 2100;</li>
 *   <li>in every input file: one record with a byte sequence that is no UTF-8 in a text;</li>
 *   <li>a fix with {@code "lat": 999} stamped four hours ahead, among the 06:00 fixes;</li>
 *   <li>{@code "speedKmh": 1e400}, {@code "containers": [null]}, {@code "contacts": [null]}, an imei of 2 MB;</li>
 *   <li>a second acknowledgement of an alert, written by hand (its dead letter keeps the line as written);</li>
 *   <li>the day's last declaration again, byte for byte, at the end: valid, and changing nothing.</li>
 * </ul>
 * And one seal whose clock runs four hours ahead, on a trip of its own (registered, activated and confirmed arrived
 * by customs on time): it reports every 30 s for an hour, each fix stamped four hours ahead. Its fixes are valid
 * and taken at the times they say, which lie after its trip's arrival: to customs its trip was silent from
 * activation to arrival (one SIGNAL_LOST), and the fleet's fixes are judged by the fleet's time, not by its clock.
 *
 * <p>Every line keeps the place it arrives at: the day's lines in the simulator's order (the time of a topic's
 * newest record so far), the others at a time of the day chosen here, whatever their own time says. The files hold
 * each topic in that order; the Kafka messages are all topics merged in it, as the topics would have received them.
 */
final class PoisonedDay {

    /** A line that must change nothing the day's valid records give; its dead letter's reason says {@code reason}. */
    record Poison(Topic<?> topic, String what, byte[] bytes, String reason) {

        /** A valid record, which no dead letter may name. */
        boolean valid() {
            return reason == null;
        }
    }

    /** One message of a topic, arriving at {@code arrival} (epoch ms; reference data first, at the minimum). */
    record Message(Topic<?> topic, long arrival, byte[] bytes) {}

    private static final int TRIPS = 20;
    private static final long SEED = 7;
    private static final Instant MIDNIGHT = SimulateCommand.DEMO_DAY;

    /** The seal whose clock runs ahead (no seal of the day has it), and its trip. */
    static final String AHEAD_IMEI = "356938035649871";
    static final String AHEAD_TRIP = "TR20261122-AHEAD";
    static final Duration AHEAD = Duration.ofHours(4);
    static final Instant AHEAD_ACTIVATED = vietnam("07:00");
    static final Instant AHEAD_ARRIVED = vietnam("08:05");

    private final Map<Topic<?>, List<Message>> clean = new LinkedHashMap<>();
    private final List<Message> added = new ArrayList<>();
    private final List<Poison> poison = new ArrayList<>();

    private PoisonedDay() {}

    /** The day of {@code simulate --trips 20}, with its two CONTAINER_NOT_ARRIVED alerts acted on, and its poison. */
    static PoisonedDay build() {
        PoisonedDay day = new PoisonedDay();
        SealTrafficSimulator simulator = new SealTrafficSimulator(SEED, TRIPS, MIDNIGHT);
        simulator.generate().forEach((topic, lines) -> lines.forEach(line -> day.addClean(topic, line)));
        day.supervisorsActOn(simulator.scenarios());
        day.poison();
        day.aheadSeal();
        return day;
    }

    /** Every poison line, the valid ones too. */
    List<Poison> poisonLines() {
        return poison;
    }

    Path writeClean(Path dir) {
        return write(dir, clean.values().stream().flatMap(List::stream).toList());
    }

    Path writePoisoned(Path dir) {
        return write(dir, poisoned());
    }

    /** The clean day as the input topics receive it, all topics merged in arrival order. */
    List<Message> cleanMessages() {
        return inArrivalOrder(clean.values().stream().flatMap(List::stream).toList());
    }

    List<Message> poisonedMessages() {
        return inArrivalOrder(poisoned());
    }

    // ---- the day ----

    private void addClean(Topic<?> topic, String line) {
        List<Message> lines = clean.computeIfAbsent(topic, t -> new ArrayList<>());
        long ts = Json.eventTimeOf(line);
        long arrival = lines.isEmpty() ? ts : Math.max(ts, lines.get(lines.size() - 1).arrival());
        lines.add(new Message(topic, arrival, line.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The Branch of each trip that never arrived acknowledges its CONTAINER_NOT_ARRIVED five minutes after it was
     * raised; the first is verified by phone a quarter of an hour later. The alert's id is the pipeline's own
     * ({@link Alert#idOf}), from the expected end it starts at.
     */
    private void supervisorsActOn(List<Scenario> trips) {
        List<AlertAction> actions = new ArrayList<>();
        for (Scenario trip : trips) {
            if (trip.rule() != Scenario.Rule.CONTAINER_NOT_ARRIVED) {
                continue;
            }
            ObjectNode registered = first(Topic.SEAL_TRIPS,
                    record -> trip.tripId().equals(record.path("tripId").asText())
                            && "REGISTERED".equals(record.path("type").asText()));
            Instant expectedEnd = Times.parse(registered.path("expectedEnd").asText());
            String alertId = Alert.idOf(AlertType.CONTAINER_NOT_ARRIVED, trip.tripId(), expectedEnd);
            String branch = registered.path("branchCode").asText();
            Instant raised = expectedEnd.plus(Duration.ofMinutes(30));
            actions.add(new AlertAction(alertId, AlertAction.Action.ACK, "Nguyễn Văn An", branch,
                    raised.plus(Duration.ofMinutes(5)), null, null));
            if (actions.size() == 1) {
                actions.add(new AlertAction(alertId, AlertAction.Action.VERIFY, "Nguyễn Văn An", branch,
                        raised.plus(Duration.ofMinutes(20)), "lái xe báo đang chờ dỡ hàng", null));
            }
        }
        actions.stream().sorted(Comparator.comparing(AlertAction::ts))
                .forEach(action -> addClean(Topic.ALERTS_ACTIONS, Json.write(action)));
    }

    // ---- the poison ----

    private void poison() {
        List<Topic<?>> eventTimed = List.of(Topic.SEAL_FIXES, Topic.SEAL_EVENTS, Topic.SEAL_TRIPS,
                Topic.CAMERA_RECOGNITIONS, Topic.CUSTOMS_DECLARATIONS, Topic.ALERTS_ACTIONS);
        String outside = "is outside 2000-01-01 to 2100-01-01";
        for (Topic<?> topic : eventTimed) {
            Instant at = vietnam("08:00");
            ObjectNode record = near(topic, at);
            record.put("ts", "+999999999-12-31T23:59:59Z");
            add(topic, "a time in the year 999999999", bytes(record), outside, at);

            at = vietnam("09:00");
            record = near(topic, at);
            String text = Json.write(record);
            String second = Times.format(Times.parse(record.path("ts").asText()).plus(Duration.ofHours(5)));
            add(topic, "a second ts five hours ahead", (text.substring(0, text.length() - 1) + ",\"ts\":\"" + second
                    + "\"}").getBytes(StandardCharsets.UTF_8), "duplicate key 'ts'", at);
        }
        Instant at = vietnam("10:00");
        add(Topic.SEAL_FIXES, "ts -2^63 ms", bytes(near(Topic.SEAL_FIXES, at).put("ts", Long.MIN_VALUE)), outside, at);
        add(Topic.SEAL_EVENTS, "ts 10^20 ms", bytes(near(Topic.SEAL_EVENTS, at)
                .put("ts", new BigInteger("99999999999999999999"))), outside, at);
        add(Topic.SEAL_TRIPS, "a ts in 1999", bytes(near(Topic.SEAL_TRIPS, at).put("ts", "1999-12-31T23:59:59Z")),
                outside, at);
        add(Topic.CAMERA_RECOGNITIONS, "a ts in 2100", bytes(near(Topic.CAMERA_RECOGNITIONS, at)
                .put("ts", "2100-01-01T00:00:00Z")), outside, at);

        at = vietnam("11:00");
        notUtf8(Topic.SEAL_FIXES, "imei", new byte[] {(byte) 0xff}, at);
        notUtf8(Topic.SEAL_EVENTS, "imei", new byte[] {(byte) 0xc3, 0x28}, at);
        notUtf8(Topic.SEAL_TRIPS, "tripId", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, at);
        notUtf8(Topic.CAMERA_RECOGNITIONS, "cameraId", new byte[] {(byte) 0xc0, (byte) 0xaf}, at);
        notUtf8(Topic.CUSTOMS_DECLARATIONS, "declarationNo", new byte[] {(byte) 0xe2, (byte) 0x82}, at);
        notUtf8(Topic.ALERTS_ACTIONS, "by", new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80}, at);
        notUtf8(Topic.IGNORE_ZONES, "name", new byte[] {(byte) 0xfe}, null);
        notUtf8(Topic.CUSTOMS_OFFICES, "name", new byte[] {(byte) 0x80}, null);

        at = vietnam("06:00");
        ObjectNode fix = near(Topic.SEAL_FIXES, at);
        fix.put("lat", 999).put("ts", Times.format(Times.parse(fix.path("ts").asText()).plus(AHEAD)));
        add(Topic.SEAL_FIXES, "lat 999 stamped four hours ahead", bytes(fix), "lat 999.0 out of range", at);

        at = vietnam("12:00");
        String speeding = Json.write(near(Topic.SEAL_FIXES, at).put("speedKmh", 12.5))
                .replace("\"speedKmh\":12.5", "\"speedKmh\":1e400");
        add(Topic.SEAL_FIXES, "speedKmh 1e400", speeding.getBytes(StandardCharsets.UTF_8), "speedKmh", at);
        ObjectNode declaration = near(Topic.CUSTOMS_DECLARATIONS, at);
        declaration.putArray("containers").addNull();
        add(Topic.CUSTOMS_DECLARATIONS, "containers [null]", bytes(declaration), "containers[0] is null", at);
        ObjectNode registered = near(Topic.SEAL_TRIPS, at, record -> "REGISTERED".equals(record.path("type").asText()));
        registered.putArray("contacts").addNull();
        add(Topic.SEAL_TRIPS, "contacts [null]", bytes(registered), "contacts[0] is null", at);

        at = vietnam("13:00");
        add(Topic.SEAL_FIXES, "an imei of 2 MB", bytes(near(Topic.SEAL_FIXES, at).put("imei", "8".repeat(2 << 20))),
                "is not 15 digits", at);

        ObjectNode ack = near(Topic.ALERTS_ACTIONS, Instant.ofEpochMilli(Long.MAX_VALUE),
                record -> "ACK".equals(record.path("action").asText()));
        at = Times.parse(ack.path("ts").asText()).plus(Duration.ofMinutes(10));
        String again = "{ \"ts\": \"" + Times.format(at) + "\", \"alertId\": \"" + ack.path("alertId").asText()
                + "\", \"action\": \"ACK\", \"by\": \"Trần Thị Bình\", \"byUnit\": \""
                + ack.path("byUnit").asText() + "\" }";
        add(Topic.ALERTS_ACTIONS, "a second ACK, spaced as its sender wrote it", again.getBytes(StandardCharsets.UTF_8),
                "already acknowledged", at);

        List<Message> declarations = clean.get(Topic.CUSTOMS_DECLARATIONS);
        add(Topic.CUSTOMS_DECLARATIONS, "the last declaration again", declarations.get(declarations.size() - 1).bytes(),
                null, Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    /** A record of {@code topic} with {@code bad} after the first character of the text of {@code field}. */
    private void notUtf8(Topic<?> topic, String field, byte[] bad, Instant at) {
        byte[] text = bytes(at == null ? first(topic, record -> true) : near(topic, at));
        byte[] marker = ("\"" + field + "\":\"").getBytes(StandardCharsets.UTF_8);
        int cut = indexOf(text, marker) + marker.length + 1;
        while ((text[cut] & 0xC0) == 0x80) {
            cut++; // past the rest of a character of several bytes
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.write(text, 0, cut);
        line.writeBytes(bad);
        line.write(text, cut, text.length - cut);
        add(topic, "bytes that are no UTF-8 in " + field, line.toByteArray(), "not UTF-8", at);
    }

    // ---- the seal whose clock runs ahead ----

    /**
     * Registered at 06:50 from the day's first registration (route, places, contacts), activated at 07:00, confirmed
     * arrived at 08:05 — by customs, on time; its seal reports from 07:00:30 to 08:00, stamped four hours ahead.
     */
    private void aheadSeal() {
        ObjectNode registered = first(Topic.SEAL_TRIPS, record -> "REGISTERED".equals(record.path("type").asText()));
        String container = "CWTU904871";
        registered.put("tripId", AHEAD_TRIP).put("imei", AHEAD_IMEI)
                .put("containerNo", container + ContainerNumber.checkValue(container))
                .put("declarationNo", "307999999901")
                .put("ts", Times.format(vietnam("06:50")))
                .put("expectedStart", Times.format(AHEAD_ACTIVATED))
                .put("expectedEnd", Times.format(vietnam("08:30")));
        addValid(Topic.SEAL_TRIPS, bytes(registered), vietnam("06:50"));
        addValid(Topic.SEAL_TRIPS, lifecycle("ACTIVATED", AHEAD_ACTIVATED), AHEAD_ACTIVATED);
        addValid(Topic.SEAL_TRIPS, lifecycle("ARRIVED", AHEAD_ARRIVED), AHEAD_ARRIVED);
        double lat = registered.path("origin").path("lat").asDouble();
        double lon = registered.path("origin").path("lon").asDouble();
        Instant last = vietnam("08:00");
        for (Instant sent = AHEAD_ACTIVATED.plusSeconds(30); !sent.isAfter(last); sent = sent.plusSeconds(30)) {
            SealFix fix = new SealFix(AHEAD_IMEI, sent.plus(AHEAD), lat, lon, 0.0, null, 9, 1.1, 80.0, null);
            addValid(Topic.SEAL_FIXES, Json.write(fix).getBytes(StandardCharsets.UTF_8), sent);
        }
    }

    private byte[] lifecycle(String type, Instant ts) {
        return ("{\"tripId\":\"" + AHEAD_TRIP + "\",\"type\":\"" + type + "\",\"ts\":\"" + Times.format(ts)
                + "\",\"imei\":\"" + AHEAD_IMEI + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    // ---- lines ----

    private void add(Topic<?> topic, String what, byte[] bytes, String reason, Instant arrival) {
        poison.add(new Poison(topic, what, bytes, reason));
        added.add(new Message(topic, arrival == null ? Long.MIN_VALUE : arrival.toEpochMilli(), bytes));
    }

    private void addValid(Topic<?> topic, byte[] bytes, Instant arrival) {
        added.add(new Message(topic, arrival.toEpochMilli(), bytes));
    }

    /** The day's first record of {@code topic} stamped at or after {@code at} (else its last), to be spoilt. */
    private ObjectNode near(Topic<?> topic, Instant at) {
        return near(topic, at, record -> true);
    }

    private ObjectNode near(Topic<?> topic, Instant at, Predicate<ObjectNode> which) {
        List<Message> lines = clean.get(topic);
        ObjectNode last = null;
        for (Message line : lines) {
            ObjectNode record = parse(line.bytes());
            if (which.test(record)) {
                last = record;
                if (Json.eventTimeOf(text(line.bytes())) >= at.toEpochMilli()) {
                    return record;
                }
            }
        }
        if (last == null) {
            throw new IllegalStateException("the day has no such record of " + topic);
        }
        return last;
    }

    private ObjectNode first(Topic<?> topic, Predicate<ObjectNode> which) {
        return clean.get(topic).stream().map(line -> parse(line.bytes())).filter(which).findFirst()
                .orElseThrow(() -> new IllegalStateException("the day has no such record of " + topic));
    }

    /** Clean lines first where a poison line arrives at the same time: it comes after what was there. */
    private List<Message> poisoned() {
        return Stream.concat(clean.values().stream().flatMap(List::stream), added.stream()).toList();
    }

    private static List<Message> inArrivalOrder(List<Message> messages) {
        return messages.stream().sorted(Comparator.comparingLong(Message::arrival)).toList();
    }

    private static Path write(Path dir, List<Message> messages) {
        try {
            Files.createDirectories(dir);
            Map<Topic<?>, ByteArrayOutputStream> files = new LinkedHashMap<>();
            for (Message message : inArrivalOrder(messages)) {
                ByteArrayOutputStream file = files.computeIfAbsent(message.topic(), t -> new ByteArrayOutputStream());
                file.writeBytes(message.bytes());
                file.write('\n');
            }
            for (var file : files.entrySet()) {
                Files.write(dir.resolve(file.getKey().fileName()), file.getValue().toByteArray());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant vietnam(String time) {
        String[] hoursMinutes = time.split(":");
        return MIDNIGHT.plus(Duration.ofHours(Long.parseLong(hoursMinutes[0])))
                .plus(Duration.ofMinutes(Long.parseLong(hoursMinutes[1])));
    }

    private static ObjectNode parse(byte[] line) {
        try {
            JsonNode node = Json.mapper().readTree(line);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode record) {
        return Json.write(record).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] text, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= text.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (text[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no " + new String(part, StandardCharsets.UTF_8) + " in "
                + new String(text, StandardCharsets.UTF_8));
    }
}
