package vn.customs.cargowatch.jobs.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every configuration key with its default and the values it accepts, in one place (the README's table is this
 * list). Durations are written as Flink writes them, always with their unit: {@code 90 min}, {@code 2 min},
 * {@code 30 s}, {@code 1 d}.
 *
 * <p>The bounds are what each key can sensibly mean: an event-time bound longer than a day or two, a retention
 * longer than a year, a corridor wider than 10 km are mistakes, not choices; and no duration comes near overflowing
 * the millisecond arithmetic of event time.
 */
public final class Keys {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);
    private static final Duration YEAR = Duration.ofDays(366);
    private static final String HOST_PORTS = "host:port with a port from 1 to 65535, separated by commas";
    private static final Pattern HOST_PORT = Pattern.compile(
            "(?:\\[[0-9A-Fa-f:.]+\\]|[^\\s:,\\[\\]]+):([0-9]{1,5})");

    public static final Key<Duration> OUT_OF_ORDERNESS = Key.duration("events.outOfOrderness", "2 min", SECOND, DAY,
            "how far behind the newest record of its topic a record may arrive and still count; older is dead-lettered as late");
    public static final Key<Duration> MAX_AHEAD = Key.duration("events.maxAhead", "1 d", SECOND, MONTH,
            "a record stamped further than this ahead of its topic's event time is dead-lettered");
    public static final Key<Double> DEFAULT_CORRIDOR_METERS = Key.number("wrongRoute.corridorMeters", "500", 10, 10_000,
            "m", "corridor half-width around the registered route when the trip does not give corridorMeters");
    public static final Key<Duration> WRONG_ROUTE_MIN_DURATION = Key.duration("wrongRoute.minDuration", "2 min", SECOND,
            DAY, "fixes must stay outside the corridor at least this long before WRONG_ROUTE is raised");
    public static final Key<Double> STOP_RADIUS_METERS = Key.number("stop.radiusMeters", "100", 5, 10_000, "m",
            "a stopped truck's fixes stay within this distance of where the stop began");
    public static final Key<Double> STOP_MAX_SPEED_KMH = Key.number("stop.maxSpeedKmh", "5", 0.1, 60, "km/h",
            "a fix slower than this counts as stopped");
    public static final Key<Duration> STOP_MAX_DURATION = Key.duration("stop.maxDuration", "90 min", MINUTE, WEEK,
            "a stop on the route longer than this raises STOP_OVER_90_MIN (3740 §I.8)");
    public static final Key<Duration> SIGNAL_LOST_TIMEOUT = Key.duration("signalLost.timeout", "15 min", MINUTE, DAY,
            "no fix for this long from an active trip raises SIGNAL_LOST, unless the last fix is in an ignore zone");
    public static final Key<Duration> NOT_ARRIVED_GRACE = Key.duration("notArrived.grace", "30 min", MINUTE, WEEK,
            "CONTAINER_NOT_ARRIVED is raised this long after the expected end without arrival");
    public static final Key<Double> SEAL_LOW_BATTERY = Key.number("seal.lowBattery", "20", 1, 100, "%",
            "a fix whose battery is below this percentage, or a LOW_BATTERY event, raises SEAL_LOW_BATTERY on an "
                    + "active trip, once per trip");
    public static final Key<Duration> SEAL_LOW_BATTERY_HORIZON = Key.duration("seal.lowBatteryHorizon", "2 h", MINUTE,
            WEEK, "SEAL_LOW_BATTERY is raised only while the trip's expected end is more than this away; nearer its "
                    + "end the seal lasts until the arrival");
    public static final Key<Duration> STATUS_INTERVAL = Key.duration("trips.statusInterval", "5 min", SECOND, DAY,
            "an active trip's position is published on trips.status at most this often (event time)");
    public static final Key<Duration> ROUTE_RETENTION = Key.duration("trips.routeRetention", "30 d", DAY, YEAR,
            "a registered route no trip has registered for this long is dropped from the shared route index");
    public static final Key<Duration> TRIPS_CLOSING_DUE = Key.duration("trips.closingDue", "24 h", MINUTE, YEAR,
            "an arrived trip not closed by the destination's inspection this long after its arrival is listed as "
                    + "overdue (3740 §II.3)");
    public static final Key<Duration> GATE_DECLARATION_WAIT = Key.duration("gate.declarationWait", "2 min", SECOND, DAY,
            "an IN recognition without a declaration waits this long (event time) for one before NO_DECLARATION");
    public static final Key<Duration> GATE_CAMERA_SILENCE = Key.duration("gate.cameraSilence", "30 min", MINUTE, DAY,
            "a gate camera that has been sending and is silent this long raises CAMERA_SILENT (1572 §II.1.8)");
    public static final Key<Duration> GATE_DECLARATION_RETENTION = Key.duration("gate.declarationRetention", "30 d",
            DAY, YEAR, "a declaration not updated for this long is forgotten by the gate matching");
    public static final Key<List<LocalTime>> GATE_SHIFT_CHANGES = Key.timesOfDay("gate.shiftChanges", "06:00, 18:00",
            "when the officers' shifts change (Vietnam time); review items are due by the end of their shift");
    public static final Key<String> CAMERA_IMAGE_ROOT = Key.text("camera.imageRoot", "", "empty, or a folder",
            root -> true, "where a recognition's relative imageUri is taken from; empty: a replay's input folder, "
                    + "else the working folder");
    public static final Key<String> CAMERA_EVIDENCE_DIR = Key.text("camera.evidenceDir", "", "empty, or a folder",
            dir -> true, "where gate alerts' image thumbnails are written (1572 §II.1.4); empty: a replay's "
                    + "evidence/ beside its outputs, run's evidence/ beside its checkpoint folder");
    public static final Key<Duration> CAMERA_IMAGE_TIMEOUT = Key.duration("camera.imageTimeout", "5 s", SECOND,
            MINUTE, "an image not loaded and checked within this long counts as no image (result timeout)");
    public static final Key<Integer> CAMERA_IMAGE_CONCURRENCY = Key.whole("camera.imageConcurrency", "4", 1, 256,
            "images loaded and checked at once per parallel instance; more wait, never the gate decision");
    public static final Key<Double> CAMERA_MAX_IMAGE_MEGABYTES = Key.number("camera.maxImageMegabytes", "10", 0.01,
            1_000, "MB", "a larger image is not read (camera_images{result=oversized})");
    public static final Key<Integer> CAMERA_DEGRADED_AFTER = Key.whole("camera.degradedAfter", "5", 2, 1_000,
            "a camera's last this many images failing the same check raise CAMERA_DEGRADED");
    public static final Key<Double> CAMERA_BLACK_BELOW = Key.number("camera.blackBelow", "20", 0, 255, "grey level",
            "an image darker than this on average is BLACK (night without infrared, a covered lens)");
    public static final Key<Double> CAMERA_OVEREXPOSED_ABOVE = Key.number("camera.overexposedAbove", "235", 0, 255,
            "grey level", "an image brighter than this on average is OVEREXPOSED (sun glare)");
    public static final Key<Double> CAMERA_BLURRED_BELOW = Key.number("camera.blurredBelow", "30", 0, 1_000_000,
            "variance of the Laplacian", "an image less sharp than this, measured at 640 pixels wide, is BLURRED "
                    + "(out of focus)");
    public static final Key<Double> CAMERA_LOW_CONTRAST_BELOW = Key.number("camera.lowContrastBelow", "12", 0, 128,
            "standard deviation of grey levels", "an image with less contrast than this is LOW_CONTRAST");
    public static final Key<Integer> CAMERA_FROZEN_WITHIN = Key.whole("camera.frozenWithin", "4", 0, 64,
            "images whose perceptual hashes differ by at most this many bits of 64, for reads of different containers, "
                    + "are one repeated frame: FROZEN");
    public static final Key<String> KAFKA_BOOTSTRAP_SERVERS = Key.text("kafka.bootstrapServers", "127.0.0.1:9092",
            HOST_PORTS, Keys::hostPorts,
            "the Kafka brokers the run command reads the input topics from and writes the outputs to");
    public static final Key<String> KAFKA_GROUP_ID = Key.text("kafka.groupId", "cargowatch",
            "a name of 1 to 255 characters", name -> !name.isEmpty() && name.length() <= 255,
            "the consumer group of the pipeline's Kafka sources");
    public static final Key<String> KAFKA_START_FROM = Key.oneOf("kafka.startFrom", "committed",
            List.of("earliest", "committed", "latest"),
            "where a fresh start reads the input topics from: earliest, committed (else earliest) or latest");
    public static final Key<Duration> KAFKA_IDLE_TIMEOUT = Key.duration("kafka.idleTimeout", "30 s", SECOND, DAY,
            "a Kafka partition whose time has not moved this long is quiet: live, its watermark follows the wall "
                    + "clock less events.outOfOrderness; else (history, a backlog) it stops holding event time back");
    public static final Key<Duration> CHECKPOINT_INTERVAL = Key.duration("checkpoint.interval", "10 s", SECOND, DAY,
            "how often the run command checkpoints the pipeline's state and the sources' offsets");
    public static final Key<String> CHECKPOINT_DIR = Key.text("checkpoint.dir", ".stack/checkpoints",
            "a folder, or a URI such as s3://bucket/path", dir -> !dir.isEmpty(),
            "where checkpoints are kept (a path, or a URI such as s3://...); a restart resumes from the latest");
    public static final Key<Integer> PARALLELISM = Key.whole("job.parallelism", "1", 1, 1024,
            "parallelism of the job's operators; when not set, 1 in embedded mode (demo, replay, run on a local "
                    + "Flink) and the cluster's (flink run -p, deploy --parallelism, parallelism.default) on a cluster");
    public static final Key<Integer> MAX_PARALLELISM = Key.whole("job.maxParallelism", "128", 1, 32_768,
            "the most subtasks the keyed state can ever be spread over (its key groups); fixed for the life of the "
                    + "state: a savepoint restores only at the same value");
    public static final Key<String> STATE_BACKEND = Key.oneOf("job.stateBackend", "auto",
            List.of("auto", "hashmap", "rocksdb"),
            "where keyed state lives: hashmap (on the heap: fastest, bounded by memory), rocksdb (on local disk, "
                    + "incremental checkpoints); auto: hashmap for demo and replay, rocksdb for run");
    public static final Key<String> CASSANDRA_CONTACT_POINTS = Key.text("cassandra.contactPoints", "127.0.0.1:9042",
            HOST_PORTS, Keys::hostPorts,
            "Cassandra nodes the sink and schema apply connect to, host:port separated by commas");
    public static final Key<String> CASSANDRA_LOCAL_DATACENTER = Key.text("cassandra.localDatacenter", "datacenter1",
            "a non-empty name", name -> !name.isEmpty(),
            "the Cassandra datacenter the driver sends requests to");
    public static final Key<String> CASSANDRA_KEYSPACE = Key.text("cassandra.keyspace", "cargowatch",
            "a letter, then up to 47 letters, digits or _", name -> name.matches("[A-Za-z][A-Za-z0-9_]{0,47}"),
            "the keyspace of the output tables (docs/cassandra.md)");
    public static final Key<Integer> CASSANDRA_REPLICATION_FACTOR = Key.whole("cassandra.replicationFactor", "1", 1,
            10, "copies of each row when schema apply creates the keyspace (SimpleStrategy); 3 on a production cluster");
    public static final Key<String> CASSANDRA_USERNAME = Key.text("cassandra.username", "",
            "empty, or a user name", name -> true,
            "Cassandra user; empty for no authentication; the password is read from the environment variable "
                    + "CARGOWATCH_CASSANDRA_PASSWORD only, never from the file");

    // The two maps are checked entry by entry, with the entry at fault named, by SmsSettings, which reads them.
    public static final Key<String> SMS_ON_DUTY = Key.text("sms.onDuty", "",
            "unit codes, each with phones of 8 to 15 digits", text -> true,
            "phones of each unit's officers on duty, texted its Branch's alerts: a YAML map of unit code to numbers, "
                    + "or in the environment 'HQ01=84912345678,84912345679; HQ02=...'; numbers without +");
    // No role by default: the officer phones the driver or declarant to verify (3740 §II.4.1.a), and a text sent
    // before that call would warn them first. A deployment that wants them texted names the roles.
    public static final Key<String> SMS_CONTACT_ROLES = Key.text("sms.contactRoles", "",
            "roles DRIVER, DECLARANT, COMPANY, each with alert types", text -> true,
            "which alert types are texted to a trip's registered contacts of each role (DRIVER, DECLARANT, COMPANY); "
                    + "empty: none, only the officers on duty are texted; a YAML map of role to types, or "
                    + "'ROLE=TYPE,TYPE; ROLE=...'");
    public static final Key<Integer> SMS_MAX_PER_WINDOW = Key.whole("sms.maxPerWindow", "5", 1, 100,
            "at most this many SMS to one phone per sms.window; the alerts beyond go as one digest at the window's end");
    public static final Key<Duration> SMS_WINDOW = Key.duration("sms.window", "10 min", MINUTE, DAY,
            "the rate-limit window of sms.maxPerWindow, in the alerts' event time, from a phone's first SMS in it");
    public static final Key<String> SMS_SMPP_HOST = Key.text("sms.smpp.host", "",
            "empty, or a host name or address", host -> !host.matches(".*\\s.*"),
            "the SMSC the SMS are sent to over SMPP; empty: they are written to sms.jsonl instead");
    public static final Key<Integer> SMS_SMPP_PORT = Key.port("sms.smpp.port", "2775",
            "the SMSC's SMPP port");
    public static final Key<String> SMS_SMPP_SYSTEM_ID = Key.text("sms.smpp.systemId", "cargowatch",
            "1 to 15 characters", id -> !id.isEmpty() && id.length() <= 15,
            "the SMPP account; its password is read from the environment variable CARGOWATCH_SMS_SMPP_PASSWORD only");
    public static final Key<String> SMS_SMPP_SOURCE_ADDRESS = Key.text("sms.smpp.sourceAddress", "HaiQuan",
            "up to 20 digits, or up to 11 characters", Keys::sourceAddress,
            "the sender the phones show: a short code, a number or up to 11 letters");
    public static final Key<String> SMS_LEDGER = Key.text("sms.ledger", "",
            "empty, or a file", path -> true,
            "the file of the SMS already sent, so a restart does not send them again; empty: sms-ledger.jsonl in "
                    + "the output folder (demo, replay: reset with it) or beside checkpoint.dir (run)");

    // The key itself is never a configuration key: it is read from CARGOWATCH_ACTIONS_KEY only (ActionSignature).
    public static final Key<String> ACTIONS_SIGNATURES = Key.oneOf("actions.signatures", "optional",
            List.of("optional", "required"),
            "whether alerts.actions must be signed (the key in CARGOWATCH_ACTIONS_KEY, never in a file): required: "
                    + "run, replay, demo and alert refuse to start without the key; optional: without it actions are "
                    + "applied unsigned, and run, replay and demo say so; with the key, unsigned actions are refused "
                    + "either way");

    public static final Key<String> METRICS_HOST = Key.text("metrics.host", "127.0.0.1",
            "an address of this machine, or 0.0.0.0 for every interface",
            host -> !host.isEmpty() && !host.matches(".*\\s.*"),
            "address the local job's Prometheus endpoint listens on (demo, replay, run); 0.0.0.0 for every interface");
    public static final Key<Optional<Ports>> METRICS_PORT = Key.ports("metrics.port", "9249-9259",
            "port or range of the Prometheus endpoint (the first free one is taken); off for none");

    public static final Key<String> PROMETHEUS_URL = Key.text("prometheus.url", "",
            "empty, or an http(s) address", url -> url.isEmpty() || url.matches("https?://\\S+"),
            "the operators' Prometheus, which report shift asks whether the pipeline ran during the shift; empty: "
                    + "the journal says it cannot tell");

    public static final List<Key<?>> ALL = List.of(OUT_OF_ORDERNESS, MAX_AHEAD, DEFAULT_CORRIDOR_METERS,
            WRONG_ROUTE_MIN_DURATION, STOP_RADIUS_METERS, STOP_MAX_SPEED_KMH, STOP_MAX_DURATION,
            SIGNAL_LOST_TIMEOUT, NOT_ARRIVED_GRACE, SEAL_LOW_BATTERY, SEAL_LOW_BATTERY_HORIZON,
            STATUS_INTERVAL, ROUTE_RETENTION, TRIPS_CLOSING_DUE, GATE_DECLARATION_WAIT,
            GATE_CAMERA_SILENCE, GATE_DECLARATION_RETENTION, GATE_SHIFT_CHANGES, CAMERA_IMAGE_ROOT, CAMERA_EVIDENCE_DIR,
            CAMERA_IMAGE_TIMEOUT, CAMERA_IMAGE_CONCURRENCY, CAMERA_MAX_IMAGE_MEGABYTES, CAMERA_DEGRADED_AFTER,
            CAMERA_BLACK_BELOW, CAMERA_OVEREXPOSED_ABOVE, CAMERA_BLURRED_BELOW, CAMERA_LOW_CONTRAST_BELOW,
            CAMERA_FROZEN_WITHIN, KAFKA_BOOTSTRAP_SERVERS, KAFKA_GROUP_ID,
            KAFKA_START_FROM, KAFKA_IDLE_TIMEOUT, CHECKPOINT_INTERVAL, CHECKPOINT_DIR, PARALLELISM,
            MAX_PARALLELISM, STATE_BACKEND,
            CASSANDRA_CONTACT_POINTS, CASSANDRA_LOCAL_DATACENTER, CASSANDRA_KEYSPACE, CASSANDRA_REPLICATION_FACTOR,
            CASSANDRA_USERNAME, SMS_ON_DUTY, SMS_CONTACT_ROLES, SMS_MAX_PER_WINDOW, SMS_WINDOW, SMS_SMPP_HOST,
            SMS_SMPP_PORT, SMS_SMPP_SYSTEM_ID, SMS_SMPP_SOURCE_ADDRESS, SMS_LEDGER, ACTIONS_SIGNATURES, METRICS_HOST,
            METRICS_PORT, PROMETHEUS_URL);

    private Keys() {}

    /** {@code host:port} ({@code [v6-address]:port}), port 1–65535, separated by commas; at least one. */
    static boolean hostPorts(String text) {
        List<String> entries = List.of(text.split(",", -1));
        return entries.stream().allMatch(entry -> {
            Matcher matcher = HOST_PORT.matcher(entry.trim());
            return matcher.matches() && Integer.parseInt(matcher.group(1)) >= 1
                    && Integer.parseInt(matcher.group(1)) <= 65535;
        });
    }

    /** What a phone shows as the sender: a number (short code) of up to 20 digits, or up to 11 characters (GSM). */
    static boolean sourceAddress(String text) {
        return text.matches("[0-9]{1,20}") || (!text.isEmpty() && text.length() <= 11);
    }
}
