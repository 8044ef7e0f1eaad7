package vn.customs.cargowatch.servers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The servers' configuration files, kept as resources next to this class with {@code ${name}} placeholders. */
final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    private Templates() {}

    /** Writes resource {@code name} with its placeholders filled to {@code target}; fails on a missing value. */
    static Path write(String name, Map<String, ?> values, Path target) throws IOException {
        String template = read(name);
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            Object value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(name + ": no value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value.toString()));
        }
        matcher.appendTail(filled);
        Files.createDirectories(target.toAbsolutePath().getParent());
        return Files.writeString(target, filled, StandardCharsets.UTF_8);
    }

    /** A path as a double-quoted YAML string. */
    static String yamlPath(Path path) {
        return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Copies the resource {@code name} as it is (no placeholders: Prometheus rules have their own). */
    static Path copy(String name, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        return Files.writeString(target, read(name), StandardCharsets.UTF_8);
    }

    private static String read(String name) throws IOException {
        try (InputStream in = Templates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the cargowatch-servers jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
