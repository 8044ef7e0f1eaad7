package vn.customs.cargowatch.ops.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import vn.customs.cargowatch.jobs.config.SettingsReader;
import vn.customs.cargowatch.jobs.config.Key;
import vn.customs.cargowatch.jobs.config.Keys;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.ops.metrics.BoundPrometheusReporterFactory;
import vn.customs.cargowatch.ops.UserError;

/**
 * The configuration: one YAML file (nested or dotted keys, e.g. {@code stop: {maxDuration: 90 min}}), then
 * environment variables ({@code CARGOWATCH_STOP_MAXDURATION}) over it, then the defaults of {@link Keys}.
 * An unknown key or an unreadable value is a {@link UserError} naming it.
 */
public final class ConfigFile {

    private ConfigFile() {}

    public static Map<String, String> load(Path file, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new UserError("configuration file " + file + " does not exist");
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
        for (Key key : Keys.ALL) {
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

        /** {@code sms.ledger}, when configured. */
        public Optional<Path> smsLedger() {
            String ledger = new SettingsReader(values).raw(Keys.SMS_LEDGER);
            return ledger.isEmpty() ? Optional.empty() : Optional.of(Path.of(ledger));
        }

        public KafkaSettings kafka() {
            SettingsReader reader = new SettingsReader(values);
            String startFrom = reader.raw(Keys.KAFKA_START_FROM);
            if (!List.of("earliest", "committed", "latest").contains(startFrom)) {
                throw new UserError("configuration: " + Keys.KAFKA_START_FROM.name() + ": '" + startFrom
                        + "' is none of earliest, committed, latest");
            }
            return read(() -> new KafkaSettings(reader.raw(Keys.KAFKA_BOOTSTRAP_SERVERS),
                    reader.raw(Keys.KAFKA_GROUP_ID), startFrom, reader.duration(Keys.KAFKA_IDLE_TIMEOUT)));
        }

        public CassandraSettings cassandra() {
            return ConfigFile.cassandra(values, System.getenv());
        }

        public Duration checkpointInterval() {
            return read(() -> new SettingsReader(values).duration(Keys.CHECKPOINT_INTERVAL));
        }

        public String checkpointDir() {
            return new SettingsReader(values).raw(Keys.CHECKPOINT_DIR);
        }

        /**
         * Flink settings that serve the job's metrics to Prometheus from this JVM, on {@code metrics.host} and
         * the first free port of {@code metrics.port}; none when the port is {@code off}.
         */
        public Map<String, String> metricsReporter() {
            SettingsReader reader = new SettingsReader(values);
            String ports = reader.raw(Keys.METRICS_PORT).trim();
            // YAML reads a bare off as the boolean false.
            if (ports.equalsIgnoreCase("off") || ports.equalsIgnoreCase("false")) {
                return Map.of();
            }
            if (!ports.matches("\\d{1,5}(\\s*-\\s*\\d{1,5})?")) {
                throw new UserError("configuration: " + Keys.METRICS_PORT.name() + ": '" + ports
                        + "' is not a port, a range like 9249-9259, or off");
            }
            String prefix = "metrics.reporter.prom.";
            // Label values as the data names them (topic "seal.fixes", not "seal_fixes"): Prometheus allows any.
            return Map.of("metrics.reporters", "prom",
                    prefix + "filterLabelValueCharacters", "false",
                    prefix + "factory.class", BoundPrometheusReporterFactory.class.getName(),
                    prefix + BoundPrometheusReporterFactory.HOST, reader.raw(Keys.METRICS_HOST).trim(),
                    prefix + BoundPrometheusReporterFactory.PORT, ports.replaceAll("\\s", ""));
        }

        private static <T> T read(java.util.function.Supplier<T> reading) {
            try {
                return reading.get();
            } catch (IllegalArgumentException e) {
                throw new UserError("configuration: " + e.getMessage());
            }
        }
    }

    /** The environment variable the SMPP password is read from: never a configuration file. */
    public static final String SMPP_PASSWORD_VARIABLE = "CARGOWATCH_SMS_SMPP_PASSWORD";

    static Optional<SmppSettings> smpp(Map<String, String> values, Map<String, String> environment) {
        String host = raw(values, Keys.SMS_SMPP_HOST);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String port = raw(values, Keys.SMS_SMPP_PORT);
        try {
            return Optional.of(SmppSettings.of(host, Integer.parseInt(port), raw(values, Keys.SMS_SMPP_SYSTEM_ID),
                    environment.getOrDefault(SMPP_PASSWORD_VARIABLE, ""), raw(values, Keys.SMS_SMPP_SOURCE_ADDRESS)));
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
        String contactPoints = raw(values, Keys.CASSANDRA_CONTACT_POINTS);
        List<String> points = java.util.Arrays.stream(contactPoints.split(",")).map(String::trim)
                .filter(point -> !point.isEmpty()).toList();
        for (String point : points) {
            cassandraValue(Keys.CASSANDRA_CONTACT_POINTS, () -> CassandraSettings.address(point));
        }
        if (points.isEmpty()) {
            throw new UserError("configuration: " + Keys.CASSANDRA_CONTACT_POINTS.name() + ": '" + contactPoints
                    + "' names no node (write host:port, separated by commas)");
        }
        String datacenter = raw(values, Keys.CASSANDRA_LOCAL_DATACENTER);
        if (datacenter.isEmpty()) {
            throw new UserError("configuration: " + Keys.CASSANDRA_LOCAL_DATACENTER.name() + " is empty (a single node's "
                    + "is datacenter1)");
        }
        String keyspace = raw(values, Keys.CASSANDRA_KEYSPACE);
        CassandraSettings settings = cassandraValue(Keys.CASSANDRA_KEYSPACE,
                () -> CassandraSettings.of(points, datacenter, keyspace));
        String username = raw(values, Keys.CASSANDRA_USERNAME);
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
        String value = raw(values, Keys.CASSANDRA_REPLICATION_FACTOR);
        try {
            int factor = Integer.parseInt(value);
            if (factor >= 1) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UserError("configuration: " + Keys.CASSANDRA_REPLICATION_FACTOR.name() + ": '" + value
                + "' is not a whole number of at least 1");
    }

    private static String raw(Map<String, String> values, Key key) {
        return values.getOrDefault(key.name(), key.defaultValue()).trim();
    }

    private static <T> T cassandraValue(Key key, java.util.function.Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException e) {
            throw new UserError("configuration: " + key.name() + ": " + e.getMessage());
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
            into.put(prefix, node.asText());
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
