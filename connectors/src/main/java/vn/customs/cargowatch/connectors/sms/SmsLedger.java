package vn.customs.cargowatch.connectors.sms;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.customs.cargowatch.model.Json;

/**
 * The record of the SMS sent and of what the SMSC reported about them: an append-only file of JSON lines, read
 * in full when opened. A line is either an SMS sent, {@code {"key", "sentAt", "alertId", "recipient",
 * "messageIds"}} ({@link SmsMessage#key()}; {@code alertId} absent for a digest; {@code messageIds} the SMSC's ids
 * of its segments), or a delivery receipt, {@code {"receipt": {"messageId", "state", "recipient", "error",
 * "receivedAt"}}}. What tells a supervisor whether an officer's phone got the alert ({@link #read}), and what keeps
 * a restart from a checkpoint from texting a phone again what it was texted after that checkpoint — where the
 * restart finds this file: the checkpointed state of {@link SmsSink} knows only what was sent before the checkpoint,
 * and a file on another TaskManager's disk is not there ({@link SmsSink} names that window).
 *
 * <p>Contract: {@link #sent} and {@link #delivered} return once the line is flushed to the operating system (it
 * survives the JVM, not necessarily a power cut); both may be called from different threads (receipts come on
 * the SMPP link's). A half-written last line (the JVM died while writing it) is skipped when read. A receipt is
 * joined to its SMS by message id, whichever was written first. The file only grows: two or three short lines
 * per SMS, a few MB a year at the volumes of one Department.
 */
public final class SmsLedger implements AutoCloseable {

    record Line(String key, Instant sentAt, String alertId, String recipient, List<String> messageIds,
            DeliveryReceipt receipt) {}

    private final Path file;
    private final Set<String> keys = new HashSet<>();
    private final BufferedWriter out;

    public SmsLedger(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        Files.createDirectories(this.file.getParent());
        for (Line line : lines(this.file)) {
            if (line.key() != null) {
                keys.add(line.key());
            }
        }
        this.out = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        if (!endsWithNewline(this.file)) {
            out.newLine();
        }
    }

    public synchronized boolean contains(String key) {
        return keys.contains(key);
    }

    /** {@code message} was accepted by the SMSC at {@code sentAt}, its segments under {@code receipt}'s ids. */
    public synchronized void sent(SmsMessage message, SmsReceipt receipt, Instant sentAt) throws IOException {
        append(new Line(message.key(), sentAt, message.alertId(), message.recipient(), receipt.messageIds(), null));
        keys.add(message.key());
    }

    public synchronized void delivered(DeliveryReceipt receipt) throws IOException {
        append(new Line(null, null, null, null, null, receipt));
    }

    public synchronized int size() {
        return keys.size();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** Every SMS of the ledger {@code file} in the order sent, each with the receipts of its segments. */
    public static List<SentSms> read(Path file) throws IOException {
        Map<String, Line> sent = new LinkedHashMap<>();
        Map<String, List<DeliveryReceipt>> receipts = new HashMap<>();
        for (Line line : lines(file)) {
            if (line.key() != null) {
                sent.putIfAbsent(line.key(), line);
            } else if (line.receipt() != null && line.receipt().messageId() != null) {
                receipts.computeIfAbsent(line.receipt().messageId(), id -> new ArrayList<>()).add(line.receipt());
            }
        }
        List<SentSms> messages = new ArrayList<>(sent.size());
        for (Line line : sent.values()) {
            List<String> ids = line.messageIds() == null ? List.of() : line.messageIds();
            List<DeliveryReceipt> ofMessage = new ArrayList<>();
            ids.forEach(id -> ofMessage.addAll(receipts.getOrDefault(id, List.of())));
            messages.add(new SentSms(line.key(), line.alertId(), line.recipient(), line.sentAt(), ids, ofMessage));
        }
        return messages;
    }

    private void append(Line line) throws IOException {
        out.write(Json.write(line));
        out.newLine();
        out.flush();
    }

    private static List<Line> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Line> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            try {
                lines.add(Json.read(text, Line.class));
            } catch (Json.Rejected | RuntimeException e) {
                // a line cut by a crash: its SMS may be sent again, at least once
            }
        }
        return lines;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
    }
}
