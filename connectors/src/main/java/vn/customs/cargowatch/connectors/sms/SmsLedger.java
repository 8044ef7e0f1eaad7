package vn.customs.cargowatch.connectors.sms;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.customs.cargowatch.model.Json;

/**
 * The record of the SMS already sent, by {@link SmsMessage#key()}: an append-only file of JSON lines {@code
 * {"key", "sentAt"}}, read in full when opened. What keeps a restart from a checkpoint from texting a phone again
 * what it was texted after that checkpoint.
 *
 * <p>Contract: {@link #record} returns once the line is flushed to the operating system (it survives the JVM,
 * not necessarily a power cut). A half-written last line (the JVM died while writing it) is skipped when read.
 * The file only grows: one short line per SMS, a few MB a year at the volumes of one Department.
 */
public final class SmsLedger implements AutoCloseable {

    record Line(String key, Instant sentAt) {}

    private final Path file;
    private final Set<String> keys = new HashSet<>();
    private final BufferedWriter out;

    public SmsLedger(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        Files.createDirectories(this.file.getParent());
        if (Files.exists(this.file)) {
            List<String> lines = Files.readAllLines(this.file, StandardCharsets.UTF_8);
            for (String line : lines) {
                try {
                    keys.add(Json.read(line, Line.class).key());
                } catch (Json.Rejected | RuntimeException e) {
                    // a line cut by a crash: its SMS may be sent again, at least once
                }
            }
        }
        this.out = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        if (!endsWithNewline(this.file)) {
            out.newLine();
        }
    }

    public boolean contains(String key) {
        return keys.contains(key);
    }

    public void record(String key, Instant sentAt) throws IOException {
        out.write(Json.write(new Line(key, sentAt)));
        out.newLine();
        out.flush();
        keys.add(key);
    }

    public int size() {
        return keys.size();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
    }
}
