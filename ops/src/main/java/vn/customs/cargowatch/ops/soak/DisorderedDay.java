package vn.customs.cargowatch.ops.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * A day of input made harder from a clean one, as real feeds are: within each event-timed topic, records swapped
 * with neighbours stamped less than half the out-of-order bound apart (disorder the job must reorder), records sent
 * twice, records held back far past the bound (late: dead letters), and lines that are not records at all. Reference
 * topics are copied as they are. The same seed gives the same day.
 */
public final class DisorderedDay {

    private static final List<Topic<?>> EVENT_TIMED = List.of(Topic.SEAL_FIXES, Topic.SEAL_EVENTS, Topic.SEAL_TRIPS,
            Topic.CAMERA_RECOGNITIONS, Topic.CUSTOMS_DECLARATIONS);

    private final long seed;
    private final Duration outOfOrderness;

    public DisorderedDay(long seed, Duration outOfOrderness) {
        this.seed = seed;
        this.outOfOrderness = outOfOrderness;
    }

    public void write(Path clean, Path into) throws IOException {
        Files.createDirectories(into);
        Random random = new Random(seed);
        for (Topic<?> topic : Topic.INPUTS) {
            Path file = clean.resolve(topic.fileName());
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (EVENT_TIMED.contains(topic)) {
                lines = disorder(lines, random);
            }
            Files.write(into.resolve(topic.fileName()), lines, StandardCharsets.UTF_8);
        }
    }

    List<String> disorder(List<String> clean, Random random) {
        List<String> lines = new ArrayList<>(clean);
        long swapWithin = outOfOrderness.toMillis() / 2;
        for (int i = 0; i + 1 < lines.size(); i++) {
            int other = i + 1 + random.nextInt(4);
            if (other < lines.size() && random.nextInt(5) == 0
                    && Math.abs(Json.eventTimeOf(lines.get(i)) - Json.eventTimeOf(lines.get(other))) < swapWithin) {
                String swapped = lines.get(i);
                lines.set(i, lines.get(other));
                lines.set(other, swapped);
            }
        }
        List<String> out = new ArrayList<>(lines.size() + lines.size() / 20);
        List<String> heldBack = new ArrayList<>();
        for (String line : lines) {
            int draw = random.nextInt(200);
            if (draw < 4) {
                out.add(line);
                out.add(line); // sent twice
            } else if (draw < 5) {
                heldBack.add(line); // arrives after everything else: late unless the topic is short
            } else if (draw < 6) {
                out.add(line);
                out.add(line.substring(0, line.length() / 2)); // a truncated copy: not a record
            } else {
                out.add(line);
            }
        }
        out.addAll(heldBack);
        return out;
    }
}
