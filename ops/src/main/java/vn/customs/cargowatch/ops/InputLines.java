package vn.customs.cargowatch.ops;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.PriorityQueue;
import vn.customs.cargowatch.connectors.files.ByteLines;
import vn.customs.cargowatch.jobs.common.TopicDecoders;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * The lines of a folder's {@code <topic>.jsonl} input files in the order {@code feed} sends them, read as they are
 * asked for: a k-way merge with one cursor per file, which holds the file's next line and nothing more. However large
 * the files, at most one line per file is held (besides the one handed out), so feeding a month takes the memory of
 * feeding a minute.
 *
 * <p>The order: reference data first, whole (zones and offices have no time, and the records after them are judged
 * against them); then the event-timed files merged by the time of each file's next line, a tie going to the topic
 * first in {@link Topic#INPUTS}. Within a file the lines keep the file's order. A file in event-time order (the
 * simulator's) thus comes out merged in event-time order with the others. A file out of order (a disordered day, a
 * real capture) is not sorted: its lines go in the order the file has them, each when it reaches the head of its
 * file, so a line the file holds back goes late, as it would arrive late from the field — the disorder the pipeline
 * must handle, which sorting would have hidden (and which only sorting the whole file in memory could undo). A line
 * without a time (a truncated copy, not JSON) goes where it stands in its file.
 *
 * <p>Lines are read with {@link ByteLines}, as the job's file inputs read them: byte for byte, bad UTF-8 kept. Their
 * time and key are read leniently: they only order and partition the line, the pipeline judges it.
 */
final class InputLines implements Closeable {

    /** One line of a file: where it goes, when it happened, its key, its bytes as they are. */
    record Line(Topic<?> topic, long ts, String key, byte[] value) {}

    private static final Comparator<Cursor> ORDER = Comparator.comparing((Cursor cursor) -> !cursor.reference)
            .thenComparingLong(cursor -> cursor.head.ts())
            .thenComparingInt(cursor -> cursor.rank);

    private final PriorityQueue<Cursor> heads = new PriorityQueue<>(ORDER);
    /** The cursor whose head was last handed out: it reads its next line only when the next line is asked for. */
    private Cursor taken;

    private InputLines() {}

    /** The input files of {@code folder} (those of {@link Topic#INPUTS} that exist), opened. */
    static InputLines of(Path folder) throws IOException {
        InputLines lines = new InputLines();
        try {
            for (int rank = 0; rank < Topic.INPUTS.size(); rank++) {
                Topic<?> topic = Topic.INPUTS.get(rank);
                Path file = folder.resolve(topic.fileName());
                if (Files.isRegularFile(file)) {
                    Cursor cursor = new Cursor(topic, rank, Files.newInputStream(file));
                    lines.advance(cursor);
                }
            }
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e;
        }
        return lines;
    }

    /** The next line to send, or {@code null} when every file has been read to its end. */
    Line next() throws IOException {
        if (taken != null) {
            Cursor cursor = taken;
            taken = null;
            advance(cursor);
        }
        Cursor cursor = heads.poll();
        if (cursor == null) {
            return null;
        }
        taken = cursor;
        return cursor.head;
    }

    /** Reads the cursor's next line and queues it, or closes the file at its end. */
    private void advance(Cursor cursor) throws IOException {
        byte[] value;
        try {
            value = cursor.lines.next();
        } catch (IOException | RuntimeException e) {
            cursor.in.close();
            throw e;
        }
        if (value == null) {
            cursor.in.close();
            return;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        cursor.head = new Line(cursor.topic, Json.eventTimeOf(text), Json.textOf(text, cursor.topic.keyField()), value);
        heads.add(cursor);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        if (taken != null) {
            heads.add(taken);
            taken = null;
        }
        for (Cursor cursor : heads) {
            try {
                cursor.in.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        heads.clear();
        if (first != null) {
            throw first;
        }
    }

    /** A file being read: its topic, its rank in {@link Topic#INPUTS}, and its next line. */
    private static final class Cursor {

        final Topic<?> topic;
        final int rank;
        final boolean reference;
        final InputStream in;
        final ByteLines lines;
        Line head;

        Cursor(Topic<?> topic, int rank, InputStream in) {
            this.topic = topic;
            this.rank = rank;
            this.reference = TopicDecoders.isReference(topic);
            this.in = in;
            this.lines = new ByteLines(in);
        }
    }
}
