package vn.customs.cargowatch.connectors.sms;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.IntStream;
import vn.customs.cargowatch.model.Json;

/**
 * The SMS of embedded mode and the demo, where no SMSC is configured: each message becomes one JSON line of
 * {@code sms.jsonl}, so that what officers would have received (3740 §II.4) can be read and checked.
 *
 * <p>Contract: a line is {@code {"sentAt", "recipient", "text", "alertId", "key", "segments"}}, flushed before
 * {@link #send} returns, appended to what the file already holds; {@code segments} is how many SMS the text
 * would take over SMPP. The receipt names the segments {@code <key>#1}, {@code <key>#2}, ... Nothing is ever
 * delivered, so no delivery receipt follows.
 */
public final class FileSmsSender implements SmsSender {

    /** One line of the file. */
    record Line(Instant sentAt, String recipient, String text, String alertId, String key, int segments) {}

    private final Path file;
    private final Clock clock;
    private final BufferedWriter out;

    public FileSmsSender(Path file) throws IOException {
        this(file, Clock.systemUTC());
    }

    FileSmsSender(Path file, Clock clock) throws IOException {
        this.file = file.toAbsolutePath();
        this.clock = clock;
        Files.createDirectories(this.file.getParent());
        this.out = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    @Override
    public synchronized SmsReceipt send(SmsMessage message) throws SmsException {
        int segments = SmsSegments.split(message.text()).size();
        Line line = new Line(clock.instant(), message.recipient(), message.text(), message.alertId(), message.key(),
                segments);
        try {
            out.write(Json.write(line));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw SmsException.temporary("cannot write " + message.key() + " to " + file + ": " + e.getMessage(), 0,
                    e);
        }
        return new SmsReceipt(IntStream.rangeClosed(1, segments).mapToObj(part -> message.key() + "#" + part).toList());
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
