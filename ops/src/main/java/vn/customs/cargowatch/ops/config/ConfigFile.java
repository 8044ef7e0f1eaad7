package vn.customs.cargowatch.ops.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.time.Duration;
import java.util.List;
import vn.customs.cargowatch.connectors.kafka.KafkaSettings;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.sms.SmppSettings;
import vn.customs.cargowatch.connectors.sms.SmsOutputs;
import vn.customs.cargowatch.connectors.sms.SmsSink;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.jobs.config.Key;
import vn.customs.cargowatch.jobs.config.Keys;
import vn.customs.cargowatch.jobs.config.Ports;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.ops.metrics.BoundPrometheusReporterFactory;
import vn.customs.cargowatch.ops.UserError;

/**
 * The configuration: one YAML file (nested or dotted keys, e.g. {@code stop: {maxDuration: 90 min}}), then
 * environment variables ({@code CARGOWATCH_STOP_MAXDURATION}) over it, then the defaults of {@link Keys}.
 * An unknown key, or a value out of its key's range, is a {@link UserError} naming the key and the range, when the
 * configuration is loaded; an address the metrics endpoint cannot listen on, when a job is about to start.
 */
public final class ConfigFile {

    private ConfigFile() {}

    public static Map<String, String> load(Path file, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        if (file != null) {
            if (Files.isDirectory(file)) {
                throw new UserError("configuration file " + file + " is a folder, not a file");
            }
            if (!Files.isRegularFile(file)) {
                throw new UserError("configuration file " + file + " does not exist");
            }
            if (!Files.isReadable(file)) {
                throw new UserError("configuration file " + file + " cannot be read");
            }
            JsonNode root;
            try {
                root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            } catch (IOException e) {
                throw new UserError("configuration file " + file + " is not valid YAML: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            if (root != null && !root.isMissingNode() && !root.isNull()) {
                if (!root.isObject()) {
                    throw new UserError("configuration file " + file + " must be a map of keys to values");
                }
                flatten("", root, values);
            }
        }
        for (Key<?> key : Keys.ALL) {
            String override = environment.get(key.environmentVariable());
            if (override != null) {
                values.put(key.name(), override);
            }
        }
        for (String name : values.keySet()) {
            if (Keys.ALL.stream().noneMatch(key -> key.name().equals(name))) {
                throw new UserError("unknown configuration key '" + name + "' in " + file + "; known keys: "
                        + Keys.ALL.stream().map(Key::name).collect(Collectors.joining(", ")));
            }
        }
        // every value within its range now, whichever command reads it, rather than when a job gets to it
        Keys.ALL.forEach(key -> value(key, values));
        return values;
    }

    /** Both jobs' settings from one file; a bad value is a {@link UserError} naming its key. */
    public static Settings settings(Path file) {
        Map<String, String> values = load(file, System.getenv());
        try {
            return new Settings(SealSettings.from(values), GateSettings.from(values), SmsSettings.from(values), values);
        } catch (IllegalArgumentException e) {
            throw new UserError("configuration: " + e.getMessage());
        }
    }

    /** The rules' settings, and the file's values for the connections of the run command. */
    public record Settings(SealSettings seal, GateSettings gate, SmsSettings sms, Map<String, String> values) {

        /** The SMSC of {@code sms.smpp.*}, or none when {@code sms.smpp.host} is empty. */
        public Optional<SmppSettings> smpp() {
            return ConfigFile.smpp(values, System.getenv());
        }

        /**
         * The outputs that send the SMS: to the SMSC when one is configured, else to {@code file}; with the ledger
         * of {@code sms.ledger}, else {@code defaultLedger}.
         */
        public Outputs smsOutputs(Path file, Path defaultLedger) {
            SmsSink.Senders senders = smpp().map(SmsSink.Senders::smpp).orElseGet(() -> SmsSink.Senders.file(file));
            return new SmsOutputs(senders, smsLedger().orElse(defaultLedger));
        }

        /** {@code prometheus.url}, when configured. */
        public Optional<String> prometheusUrl() {
            String url = value(Keys.PROMETHEUS_URL, values);
            return url.isEmpty() ? Optional.empty() : Optional.of(url);
        }

        /** {@code sms.ledger}, when configured. */
        public Optional<Path> smsLedger() {
            String ledger = value(Keys.SMS_LEDGER, values);
            if (ledger.isEmpty()) {
                return Optional.empty();
            }
            Path file = Path.of(ledger);
            if (Files.isDirectory(file)) {
                throw new UserError("configuration: " + Keys.SMS_LEDGER.name() + ": " + file
                        + " is a folder, not a file");
            }
            return Optional.of(file);
        }

        /**
         * The key a pipeline checks {@code alerts.actions} with: {@link ActionSignature#KEY_VARIABLE} of the
         * environment; without it, null and the line {@link #NO_ACTIONS_KEY} on {@code console} — or, when {@code
         * actions.signatures} is required, a user error.
         */
        public ActionSignature.Key pipelineActionsKey(java.io.PrintStream console) {
            ActionSignature.Key key = actionsKey(System.getenv());
            if (key == null) {
                console.println(NO_ACTIONS_KEY);
            }
            return key;
        }

        /**
         * The key of {@code environment} ({@link ActionSignature#KEY_VARIABLE}) that actions are signed or checked
         * with; null when it is not set and {@code actions.signatures} is optional. Not set while required, or too
         * short, is a user error.
         */
        public ActionSignature.Key actionsKey(Map<String, String> environment) {
            String text = environment.getOrDefault(ActionSignature.KEY_VARIABLE, "");
            if (text.isEmpty()) {
                if (value(Keys.ACTIONS_SIGNATURES, values).equals("required")) {
                    throw new UserError("no signing key for alerts.actions: " + Keys.ACTIONS_SIGNATURES.name()
                            + " is required; give the key in the environment variable " + ActionSignature.KEY_VARIABLE);
                }
                return null;
            }
            try {
                return ActionSignature.key(text);
            } catch (IllegalArgumentException e) {
                throw new UserError("configuration: " + e.getMessage());
            }
        }

        public KafkaSettings kafka() {
            return new KafkaSettings(value(Keys.KAFKA_BOOTSTRAP_SERVERS, values), value(Keys.KAFKA_GROUP_ID, values),
                    value(Keys.KAFKA_START_FROM, values), value(Keys.KAFKA_IDLE_TIMEOUT, values));
        }

        public CassandraSettings cassandra() {
            return ConfigFile.cassandra(values, System.getenv());
        }

        public Duration checkpointInterval() {
            return value(Keys.CHECKPOINT_INTERVAL, values);
        }

        /** Whether the configuration (its file or an environment variable) sets the key, rather than its default. */
        public boolean isSet(Key<?> key) {
            return values.containsKey(key.name());
        }

        /** {@code checkpoint.dir}: a URI, or a local folder (a file there is refused). */
        public String checkpointDir() {
            String dir = value(Keys.CHECKPOINT_DIR, values);
            if (!dir.contains("://") && Files.isRegularFile(Path.of(dir))) {
                throw new UserError("configuration: " + Keys.CHECKPOINT_DIR.name() + ": " + dir
                        + " is a file, not a folder");
            }
            return dir;
        }

        /** The Flink settings of an embedded run (demo, replay): its metrics reporter, and state on the heap unless
         * {@code job.stateBackend} says otherwise. */
        public Map<String, String> embeddedFlinkSettings() {
            Map<String, String> flink = new LinkedHashMap<>(metricsReporter());
            flink.putAll(stateBackend("hashmap"));
            return flink;
        }

        /**
         * Where the job keeps its keyed state ({@code job.stateBackend}); {@code auto} is {@code whenAuto}: the heap for
         * a replay, which keeps no checkpoint and wants speed, RocksDB for {@code run}, whose state must outgrow memory
         * and checkpoint incrementally.
         */
        public Map<String, String> stateBackend(String whenAuto) {
            String backend = value(Keys.STATE_BACKEND, values);
            String chosen = backend.equals("auto") ? whenAuto : backend;
            return chosen.equals("rocksdb")
                    ? Map.of("state.backend.type", "rocksdb", "execution.checkpointing.incremental", "true")
                    : Map.of("state.backend.type", chosen);
        }

        /**
         * Flink settings that serve the job's metrics to Prometheus from this JVM, on {@code metrics.host} and
         * the first free port of {@code metrics.port}; none when the port is {@code off}.
         *
         * <p>Checks first that the endpoint can be served, by listening there for a moment: Flink logs a reporter
         * that fails to start and runs the job without it, and nobody would notice the missing metrics. (A port
         * taken between this check and the job's start leaves the next ports of the range.)
         */
        public Map<String, String> metricsReporter() {
            Optional<Ports> ports = value(Keys.METRICS_PORT, values);
            if (ports.isEmpty()) {
                return Map.of();
            }
            String host = value(Keys.METRICS_HOST, values);
            checkServable(host, ports.get());
            String prefix = "metrics.reporter.prom.";
            // Label values as the data names them (topic "seal.fixes", not "seal_fixes"): Prometheus allows any.
            return Map.of("metrics.reporters", "prom",
                    prefix + "filterLabelValueCharacters", "false",
                    prefix + "factory.class", BoundPrometheusReporterFactory.class.getName(),
                    prefix + BoundPrometheusReporterFactory.HOST, host,
                    prefix + BoundPrometheusReporterFactory.PORT, ports.get().toString());
        }
    }

    /** Fails with a user error unless something can listen on {@code host} at one of {@code ports}. */
    static void checkServable(String host, Ports ports) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
            try (ServerSocket any = new ServerSocket(0, 1, address)) {
                // the address is this machine's
            }
        } catch (IOException e) {
            throw new UserError("configuration: " + Keys.METRICS_HOST.name() + ": '" + host + "' cannot be listened on ("
                    + (e.getMessage() != null ? e.getMessage() : "refused") + "); valid: " + Keys.METRICS_HOST.valid());
        }
        for (int port = ports.first(); port <= ports.last(); port++) {
            try (ServerSocket free = new ServerSocket()) {
                free.setReuseAddress(true);
                free.bind(new InetSocketAddress(address, port), 1);
                return;
            } catch (IOException taken) {
                // the next one
            }
        }
        throw new UserError("configuration: " + Keys.METRICS_PORT.name() + ": no free port in " + ports + " on " + host
                + " (all in use); choose another port or range, or off");
    }

    /** What a pipeline without a signing key says when it starts (docs/alert-lifecycle.md, "Signed actions"). */
    public static final String NO_ACTIONS_KEY = "alerts.actions: no signing key (" + ActionSignature.KEY_VARIABLE
            + "): actions are not checked for a signature";

    /** The environment variable the SMPP password is read from: never a configuration file. */
    public static final String SMPP_PASSWORD_VARIABLE = "CARGOWATCH_SMS_SMPP_PASSWORD";

    static Optional<SmppSettings> smpp(Map<String, String> values, Map<String, String> environment) {
        String host = value(Keys.SMS_SMPP_HOST, values);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SmppSettings.of(host, value(Keys.SMS_SMPP_PORT, values),
                    value(Keys.SMS_SMPP_SYSTEM_ID, values), environment.getOrDefault(SMPP_PASSWORD_VARIABLE, ""),
                    value(Keys.SMS_SMPP_SOURCE_ADDRESS, values)));
        } catch (IllegalArgumentException e) {
            throw new UserError("configuration: sms.smpp: " + e.getMessage());
        }
    }

    /** The environment variable the Cassandra password is read from: never a configuration file. */
    public static final String CASSANDRA_PASSWORD_VARIABLE = "CARGOWATCH_CASSANDRA_PASSWORD";

    /**
     * Where Cassandra is ({@code cassandra.*}), from the file and the environment; the password only from
     * {@value #CASSANDRA_PASSWORD_VARIABLE}, and required when {@code cassandra.username} is set.
     */
    public static CassandraSettings cassandra(Path file) {
        return cassandra(load(file, System.getenv()), System.getenv());
    }

    /** {@code cassandra.replicationFactor}: the copies of each row when the keyspace is created. */
    public static int cassandraReplicationFactor(Path file) {
        return cassandraReplicationFactor(load(file, System.getenv()));
    }

    static CassandraSettings cassandra(Map<String, String> values, Map<String, String> environment) {
        List<String> points = java.util.Arrays.stream(value(Keys.CASSANDRA_CONTACT_POINTS, values).split(","))
                .map(String::trim).toList();
        CassandraSettings settings;
        try {
            settings = CassandraSettings.of(points, value(Keys.CASSANDRA_LOCAL_DATACENTER, values),
                    value(Keys.CASSANDRA_KEYSPACE, values));
        } catch (IllegalArgumentException e) {
            throw new UserError("configuration: cassandra: " + e.getMessage());
        }
        String username = value(Keys.CASSANDRA_USERNAME, values);
        if (username.isEmpty()) {
            return settings;
        }
        String password = environment.get(CASSANDRA_PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new UserError("configuration: " + Keys.CASSANDRA_USERNAME.name() + " is '" + username
                    + "': give its password in the environment variable " + CASSANDRA_PASSWORD_VARIABLE);
        }
        return settings.withCredentials(username, password);
    }

    static int cassandraReplicationFactor(Map<String, String> values) {
        return value(Keys.CASSANDRA_REPLICATION_FACTOR, values);
    }

    /** The value of {@code key}; out of its range, a {@link UserError} naming it and its range. */
    static <T> T value(Key<T> key, Map<String, String> values) {
        try {
            return key.read(values);
        } catch (IllegalArgumentException e) {
            throw new UserError("configuration: " + e.getMessage());
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject() && Keys.ALL.stream().anyMatch(key -> key.name().equals(prefix))) {
            // a key whose value is a map (sms.onDuty: {HQ01: [849...]}) is held as 'HQ01=849...,849...; HQ02=...'
            List<String> pairs = new java.util.ArrayList<>();
            node.fields().forEachRemaining(field -> pairs.add(field.getKey() + "=" + list(field.getValue())));
            into.put(prefix, String.join("; ", pairs));
        } else if (node.isArray()) {
            into.put(prefix, list(node));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field ->
                    flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into));
        } else {
            // a key written without a value (YAML null) is empty, not the text "null"
            into.put(prefix, node.isNull() ? "" : node.asText());
        }
    }

    private static String list(JsonNode node) {
        if (!node.isArray()) {
            return node.asText();
        }
        List<String> items = new java.util.ArrayList<>();
        node.forEach(item -> items.add(item.asText()));
        return String.join(",", items);
    }
}
