package vn.customs.cargowatch.ops.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.jobs.config.Key;
import vn.customs.cargowatch.jobs.config.Keys;
import vn.customs.cargowatch.jobs.config.SealSettings;
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
            return new Settings(SealSettings.from(values), GateSettings.from(values));
        } catch (IllegalArgumentException e) {
            throw new UserError("configuration: " + e.getMessage());
        }
    }

    public record Settings(SealSettings seal, GateSettings gate) {}

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field ->
                    flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into));
        } else {
            into.put(prefix, node.asText());
        }
    }
}
