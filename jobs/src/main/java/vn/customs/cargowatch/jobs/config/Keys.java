package vn.customs.cargowatch.jobs.config;

import java.util.List;

/**
 * Every configuration key of the jobs with its default, in one place. Durations are written as Flink
 * writes them: {@code 90 min}, {@code 2 min}, {@code 30 s}, {@code 1 d}.
 */
public final class Keys {

    public static final Key OUT_OF_ORDERNESS = new Key("events.outOfOrderness", "2 min",
            "how far behind the newest record of its topic a record may arrive and still count; older is dead-lettered as late");
    public static final Key MAX_AHEAD = new Key("events.maxAhead", "1 d",
            "a record stamped further than this ahead of its topic's event time is dead-lettered");
    public static final Key DEFAULT_CORRIDOR_METERS = new Key("wrongRoute.corridorMeters", "500",
            "corridor half-width around the registered route when the trip does not give corridorMeters");
    public static final Key WRONG_ROUTE_MIN_DURATION = new Key("wrongRoute.minDuration", "2 min",
            "fixes must stay outside the corridor at least this long before WRONG_ROUTE is raised");
    public static final Key STOP_RADIUS_METERS = new Key("stop.radiusMeters", "100",
            "a stopped truck's fixes stay within this distance of where the stop began");
    public static final Key STOP_MAX_SPEED_KMH = new Key("stop.maxSpeedKmh", "5",
            "a fix slower than this counts as stopped");
    public static final Key STOP_MAX_DURATION = new Key("stop.maxDuration", "90 min",
            "a stop on the route longer than this raises STOP_OVER_90_MIN (3740 §I.8)");
    public static final Key SIGNAL_LOST_TIMEOUT = new Key("signalLost.timeout", "15 min",
            "no fix for this long from an active trip raises SIGNAL_LOST, unless the last fix is in an ignore zone");
    public static final Key NOT_ARRIVED_GRACE = new Key("notArrived.grace", "30 min",
            "CONTAINER_NOT_ARRIVED is raised this long after the expected end without arrival");
    public static final Key SEAL_LOW_BATTERY = new Key("seal.lowBattery", "20",
            "a fix whose battery is below this percentage, or a LOW_BATTERY event, raises SEAL_LOW_BATTERY on an "
                    + "active trip, once per trip");
    public static final Key SEAL_LOW_BATTERY_HORIZON = new Key("seal.lowBatteryHorizon", "2 h",
            "SEAL_LOW_BATTERY is raised only while the trip's expected end is more than this away; nearer its end "
                    + "the seal lasts until the arrival");
    public static final Key STATUS_INTERVAL = new Key("trips.statusInterval", "5 min",
            "an active trip's position is published on trips.status at most this often (event time)");
    public static final Key ROUTE_RETENTION = new Key("trips.routeRetention", "30 d",
            "a registered route no trip has registered for this long is dropped from the shared route index");
    public static final Key GATE_DECLARATION_WAIT = new Key("gate.declarationWait", "2 min",
            "an IN recognition without a declaration waits this long (event time) for one before NO_DECLARATION");
    public static final Key GATE_CAMERA_SILENCE = new Key("gate.cameraSilence", "30 min",
            "a gate camera that has been sending and is silent this long raises CAMERA_SILENT (1572 §II.1.8)");
    public static final Key GATE_DECLARATION_RETENTION = new Key("gate.declarationRetention", "30 d",
            "a declaration not updated for this long is forgotten by the gate matching");
    public static final Key GATE_SHIFT_CHANGES = new Key("gate.shiftChanges", "06:00, 18:00",
            "when the officers' shifts change (Vietnam time); review items are due by the end of their shift");
    public static final Key KAFKA_BOOTSTRAP_SERVERS = new Key("kafka.bootstrapServers", "127.0.0.1:9092",
            "the Kafka brokers the run command reads the input topics from and writes the outputs to");
    public static final Key KAFKA_GROUP_ID = new Key("kafka.groupId", "cargowatch",
            "the consumer group of the pipeline's Kafka sources");
    public static final Key KAFKA_START_FROM = new Key("kafka.startFrom", "committed",
            "where a fresh start reads the input topics from: earliest, committed (else earliest) or latest");
    public static final Key KAFKA_IDLE_TIMEOUT = new Key("kafka.idleTimeout", "30 s",
            "a Kafka partition silent this long stops holding event time back");
    public static final Key CHECKPOINT_INTERVAL = new Key("checkpoint.interval", "10 s",
            "how often the run command checkpoints the pipeline's state and the sources' offsets");
    public static final Key CHECKPOINT_DIR = new Key("checkpoint.dir", ".stack/checkpoints",
            "where checkpoints are kept (a path, or a URI such as s3://...); a restart resumes from the latest");
    public static final Key PARALLELISM = new Key("job.parallelism", "1",
            "parallelism of the keyed operators in embedded mode");
    public static final Key CASSANDRA_CONTACT_POINTS = new Key("cassandra.contactPoints", "127.0.0.1:9042",
            "Cassandra nodes the sink and schema apply connect to, host:port separated by commas");
    public static final Key CASSANDRA_LOCAL_DATACENTER = new Key("cassandra.localDatacenter", "datacenter1",
            "the Cassandra datacenter the driver sends requests to");
    public static final Key CASSANDRA_KEYSPACE = new Key("cassandra.keyspace", "cargowatch",
            "the keyspace of the output tables (docs/cassandra.md)");
    public static final Key CASSANDRA_REPLICATION_FACTOR = new Key("cassandra.replicationFactor", "1",
            "copies of each row when schema apply creates the keyspace (SimpleStrategy); 3 on a production cluster");
    public static final Key CASSANDRA_USERNAME = new Key("cassandra.username", "",
            "Cassandra user; empty for no authentication; the password is read from the environment variable "
                    + "CARGOWATCH_CASSANDRA_PASSWORD only, never from the file");

    public static final Key SMS_ON_DUTY = new Key("sms.onDuty", "",
            "phones of each unit's officers on duty, texted its Branch's alerts: a YAML map of unit code to numbers, "
                    + "or in the environment 'HQ01=84912345678,84912345679; HQ02=...'; numbers without +");
    public static final Key SMS_CONTACT_ROLES = new Key("sms.contactRoles",
            "DRIVER=WRONG_ROUTE,STOP_OVER_90_MIN,DOOR_OPENED,SEAL_TAMPERED,SEAL_POWER_OFF,SEAL_LOW_BATTERY; "
                    + "DECLARANT=DOOR_OPENED,SEAL_TAMPERED,CONTAINER_NOT_ARRIVED",
            "which alert types are texted to a trip's registered contacts of each role (DRIVER, DECLARANT, COMPANY); "
                    + "a YAML map of role to types, or 'ROLE=TYPE,TYPE; ROLE=...'");
    public static final Key SMS_MAX_PER_WINDOW = new Key("sms.maxPerWindow", "5",
            "at most this many SMS to one phone per sms.window; the alerts beyond go as one digest at the window's end");
    public static final Key SMS_WINDOW = new Key("sms.window", "10 min",
            "the rate-limit window of sms.maxPerWindow, in the alerts' event time, from a phone's first SMS in it");
    public static final Key SMS_SMPP_HOST = new Key("sms.smpp.host", "",
            "the SMSC the SMS are sent to over SMPP; empty: they are written to sms.jsonl instead");
    public static final Key SMS_SMPP_PORT = new Key("sms.smpp.port", "2775",
            "the SMSC's SMPP port");
    public static final Key SMS_SMPP_SYSTEM_ID = new Key("sms.smpp.systemId", "cargowatch",
            "the SMPP account; its password is read from the environment variable CARGOWATCH_SMS_SMPP_PASSWORD only");
    public static final Key SMS_SMPP_SOURCE_ADDRESS = new Key("sms.smpp.sourceAddress", "HaiQuan",
            "the sender the phones show: a short code, a number or up to 11 letters");
    public static final Key SMS_LEDGER = new Key("sms.ledger", "",
            "the file of the SMS already sent, so a restart does not send them again; empty: sms-ledger.jsonl in "
                    + "the output folder (demo, replay: reset with it) or beside checkpoint.dir (run)");

    public static final Key METRICS_HOST = new Key("metrics.host", "127.0.0.1",
            "address the local job's Prometheus endpoint listens on (demo, replay, run); 0.0.0.0 for every interface");
    public static final Key METRICS_PORT = new Key("metrics.port", "9249-9259",
            "port or range of the Prometheus endpoint (the first free one is taken); off for none");

    public static final List<Key> ALL = List.of(OUT_OF_ORDERNESS, MAX_AHEAD, DEFAULT_CORRIDOR_METERS,
            WRONG_ROUTE_MIN_DURATION, STOP_RADIUS_METERS, STOP_MAX_SPEED_KMH, STOP_MAX_DURATION,
            SIGNAL_LOST_TIMEOUT, NOT_ARRIVED_GRACE, SEAL_LOW_BATTERY, SEAL_LOW_BATTERY_HORIZON,
            STATUS_INTERVAL, ROUTE_RETENTION, GATE_DECLARATION_WAIT,
            GATE_CAMERA_SILENCE, GATE_DECLARATION_RETENTION, GATE_SHIFT_CHANGES, KAFKA_BOOTSTRAP_SERVERS, KAFKA_GROUP_ID,
            KAFKA_START_FROM, KAFKA_IDLE_TIMEOUT, CHECKPOINT_INTERVAL, CHECKPOINT_DIR, PARALLELISM,
            CASSANDRA_CONTACT_POINTS, CASSANDRA_LOCAL_DATACENTER, CASSANDRA_KEYSPACE, CASSANDRA_REPLICATION_FACTOR,
            CASSANDRA_USERNAME, SMS_ON_DUTY, SMS_CONTACT_ROLES, SMS_MAX_PER_WINDOW, SMS_WINDOW, SMS_SMPP_HOST,
            SMS_SMPP_PORT, SMS_SMPP_SYSTEM_ID, SMS_SMPP_SOURCE_ADDRESS, SMS_LEDGER, METRICS_HOST, METRICS_PORT);

    private Keys() {}
}
