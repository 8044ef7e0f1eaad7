package vn.customs.cargowatch.ops.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.customs.cargowatch.connectors.files.ByteLines;
import vn.customs.cargowatch.jobs.common.TopicDecoder;
import vn.customs.cargowatch.jobs.common.TopicDecoders;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * The floor of the benchmark: what the I/O of a replay alone costs. In a plain loop, without Flink, it reads every
 * input record as the job reads it (the same {@link TopicDecoder}: strict UTF-8, parsing, validation, the topic's
 * clock) and serializes and writes every output record the job wrote for that input. The output records are loaded
 * first, outside the measured part; the measured part is timed from inside the process by its own CPU time.
 *
 * <p>Run as {@code Floor --input DIR --outputs DIR --into DIR}; prints one JSON line: the CPU and wall seconds of the
 * measured part, the fixes read, the records written.
 */
public final class Floor {

    private Floor() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        Path input = Path.of(options.get("--input"));
        Path outputs = Path.of(options.get("--outputs"));
        Path into = Path.of(options.get("--into"));
        Files.createDirectories(into);

        Map<Topic<?>, List<Object>> written = new LinkedHashMap<>();
        for (Topic<?> topic : Topic.OUTPUTS) {
            Path file = outputs.resolve(topic.fileName());
            List<Object> records = new ArrayList<>();
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    records.add(Json.read(line, topic.type()));
                }
            }
            written.put(topic, records);
        }

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        TopicDecoders decoders = new TopicDecoders(SealSettings.defaults());
        long fixes = 0;
        long accepted = 0;
        for (Topic<?> topic : Topic.INPUTS) {
            Path file = input.resolve(topic.fileName());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            TopicDecoder<?> decoder = decoders.of(topic);
            for (byte[] line : ByteLines.read(file)) {
                accepted += decoder.decode(line, 0).rejection == null ? 1 : 0;
                fixes += topic.equals(Topic.SEAL_FIXES) ? 1 : 0;
            }
        }
        long records = 0;
        for (Map.Entry<Topic<?>, List<Object>> topic : written.entrySet()) {
            try (BufferedWriter out = Files.newBufferedWriter(into.resolve(topic.getKey().fileName()),
                    StandardCharsets.UTF_8)) {
                for (Object record : topic.getValue()) {
                    out.write(Json.write(record));
                    out.newLine();
                    records++;
                }
            }
        }
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        double wallSeconds = Duration.ofNanos(System.nanoTime() - wall).toNanos() / 1e9;
        System.out.println(Json.write(Map.of("cpuSeconds", cpuSeconds, "wallSeconds", wallSeconds, "fixes", fixes,
                "accepted", accepted, "written", records)));
    }

    /** Reads the JSON line {@link #main} prints last. */
    static Map<?, ?> result(String output) throws IOException {
        List<String> lines = output.lines().filter(line -> line.startsWith("{\"")).toList();
        return Json.mapper().readValue(lines.get(lines.size() - 1), Map.class);
    }
}
