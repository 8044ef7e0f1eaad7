package vn.customs.cargowatch.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import vn.customs.cargowatch.jobs.common.MessageMutations.Case;
import vn.customs.cargowatch.jobs.common.MessageMutations.Escapes;
import vn.customs.cargowatch.jobs.common.MessageMutations.Expect;
import vn.customs.cargowatch.jobs.common.MessageMutations.Message;
import vn.customs.cargowatch.jobs.common.MessageMutations.Style;
import vn.customs.cargowatch.jobs.common.MessageMutations.Whitespace;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Timed;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.Validated;

/**
 * Every input topic read as the job reads it ({@link TopicDecoder}), on valid messages changed the way a careless or
 * hostile sender would ({@link MessageMutations}): wrong types, values out of range, keys removed, renamed,
 * duplicated or added, invalid UTF-8, a byte-order mark, NUL bytes, huge strings and arrays, deep nesting, cut or
 * doubled messages. Whatever the message, the decoder does not throw and either
 * <ul>
 *   <li>accepts it: as the original record when only its form changed, and in any case as a record that keeps the
 *       contract — valid, its times within {@link Times#EARLIEST} … {@link Times#LATEST}, its numbers finite, its
 *       lists without nulls, its texts within {@link Validated}'s limits, written and read back unchanged; or</li>
 *   <li>sends it to {@code deadletter} with a short reason, the message kept as received (base64 exactly when it is
 *       not UTF-8, cut at 64 KB exactly when longer), in a dead letter any sink can write — and without moving the
 *       topic's event time.</li>
 * </ul>
 * The seed is fixed so that a run is repeatable; jqwik shrinks a failure to the fewest and simplest changes. Its edge
 * cases are left out: for a {@link Case} they are mostly the message unchanged, which would crowd out the changes.
 */
class TopicDecoderFuzzTest {

    private static final String SEED = "20261122";
    private static final TopicDecoders DECODERS = new TopicDecoders(SealSettings.defaults());

    @Property(seed = SEED, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void sealFixes(@ForAll("sealFixes") Case mutation) {
        check(Topic.SEAL_FIXES, mutation);
    }

    @Property(seed = SEED, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void sealEvents(@ForAll("sealEvents") Case mutation) {
        check(Topic.SEAL_EVENTS, mutation);
    }

    @Property(seed = SEED, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void sealTrips(@ForAll("sealTrips") Case mutation) {
        check(Topic.SEAL_TRIPS, mutation);
    }

    @Property(seed = SEED, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void ignoreZones(@ForAll("ignoreZones") Case mutation) {
        check(Topic.IGNORE_ZONES, mutation);
    }

    @Property(seed = SEED, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void customsOffices(@ForAll("customsOffices") Case mutation) {
        check(Topic.CUSTOMS_OFFICES, mutation);
    }

    @Property(seed = SEED, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void cameraRecognitions(@ForAll("cameraRecognitions") Case mutation) {
        check(Topic.CAMERA_RECOGNITIONS, mutation);
    }

    @Property(seed = SEED, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void customsDeclarations(@ForAll("customsDeclarations") Case mutation) {
        check(Topic.CUSTOMS_DECLARATIONS, mutation);
    }

    @Property(seed = SEED, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void alertsActions(@ForAll("alertsActions") Case mutation) {
        check(Topic.ALERTS_ACTIONS, mutation);
    }

    @Provide
    Arbitrary<Case> sealFixes() {
        return cases(Topic.SEAL_FIXES);
    }

    @Provide
    Arbitrary<Case> sealEvents() {
        return cases(Topic.SEAL_EVENTS);
    }

    @Provide
    Arbitrary<Case> sealTrips() {
        return cases(Topic.SEAL_TRIPS);
    }

    @Provide
    Arbitrary<Case> ignoreZones() {
        return cases(Topic.IGNORE_ZONES);
    }

    @Provide
    Arbitrary<Case> customsOffices() {
        return cases(Topic.CUSTOMS_OFFICES);
    }

    @Provide
    Arbitrary<Case> cameraRecognitions() {
        return cases(Topic.CAMERA_RECOGNITIONS);
    }

    @Provide
    Arbitrary<Case> customsDeclarations() {
        return cases(Topic.CUSTOMS_DECLARATIONS);
    }

    @Provide
    Arbitrary<Case> alertsActions() {
        return cases(Topic.ALERTS_ACTIONS);
    }

    /** The fuzzer's ground: every sample is valid, and written back unchanged, so "the original" is well defined. */
    @Example
    void shouldAcceptEverySampleAndWriteItBackAsItWas() throws Exception {
        assertThat(TopicSamples.BY_TOPIC.keySet()).containsExactlyInAnyOrderElementsOf(Topic.INPUTS);
        for (Topic<?> topic : Topic.INPUTS) {
            for (String sample : TopicSamples.of(topic)) {
                assertThat(MessageMutations.write(MessageMutations.parse(sample),
                        new Style(Whitespace.NONE, Escapes.NONE))).isEqualTo(sample);
                assertThat(DECODERS.of(topic).decode(utf8(sample), 0).rejection).as(sample).isNull();
                assertThat(((Validated) topic.parse(sample)).problem()).isNull();
            }
        }
    }

    private static Arbitrary<Case> cases(Topic<?> topic) {
        return MessageMutations.cases(TopicSamples.of(topic).size());
    }

    private static <T> void check(Topic<T> topic, Case mutation) {
        List<String> samples = TopicSamples.of(topic);
        Message message = mutation.build(samples);
        T original = parse(topic, samples.get(mutation.sample()));
        TopicDecoder<T> decoder = primed(topic, samples);
        long timeBefore = decoder.eventTime();
        String about = message.why() + "; message " + preview(message.bytes());

        TopicRecord<T> decoded;
        try {
            decoded = decoder.decode(message.bytes(), 0);
        } catch (Throwable thrown) {
            throw new AssertionError("decode threw " + thrown + " on a message whose " + about, thrown);
        }

        assertThat(decoded).as(about).isNotNull();
        assertThat(decoded.record == null).as("either a record or a dead letter: " + about)
                .isNotEqualTo(decoded.rejection == null);
        Statistics.label("expected").collect(message.expect());
        if (decoded.record != null) {
            Statistics.label("outcome").collect(sameRecord(decoded.record, original) ? "accepted as the original"
                    : "accepted, changed");
            checkAccepted(topic, decoded, original, message, about);
        } else {
            Statistics.label("outcome").collect("dead letter " + decoded.rejection.kind());
            checkRejected(topic, decoded, message, about);
            assertThat(decoder.eventTime()).as("a rejected record moves no time: " + about).isEqualTo(timeBefore);
        }
        Statistics.label("expected").coverage(coverage -> {
            coverage.check(Expect.SAME).count(count -> count > 0);
            coverage.check(Expect.REJECTED).count(count -> count > 0);
            coverage.check(Expect.ANY).count(count -> count > 0);
        });
        boolean eventTimed = !TopicDecoders.isReference(topic);
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted as the original").count(count -> count > 0);
            coverage.check("accepted, changed").count(count -> count > 0);
            coverage.check("dead letter UNREADABLE").count(count -> count > 0);
            coverage.check("dead letter INVALID").count(count -> count > 0);
            if (eventTimed) {
                coverage.check("dead letter AHEAD").count(count -> count > 0);
            }
        });
    }

    private static <T> void checkAccepted(Topic<T> topic, TopicRecord<T> decoded, T original, Message message,
            String about) {
        T record = decoded.record;
        if (message.expect() == Expect.REJECTED) {
            fail("accepted as %s though %s", Json.write(record), about);
        }
        if (message.expect() == Expect.SAME || message.expect() == Expect.SAME_IF_ACCEPTED) {
            assertThat(record).as("the original record, since " + about).usingRecursiveComparison()
                    .isEqualTo(original);
        }
        if (record instanceof Validated validated) {
            assertThat(validated.problem()).as(about).isNull();
        }
        keepsTheContract(record, "", topic.name(), about);
        if (record instanceof Timed timed && !TopicDecoders.isReference(topic)) {
            assertThat(decoded.eventTime).as("its event time: " + about).isEqualTo(timed.ts().toEpochMilli());
        }

        String written = Json.write(record);
        byte[] bytes = written.getBytes(StandardCharsets.UTF_8);
        assertThat(DeadLetter.utf8(bytes)).as("written as UTF-8 without loss: " + about).isEqualTo(written);
        assertThat(parse(topic, new String(bytes, StandardCharsets.UTF_8)))
                .as("written and read back: " + about).usingRecursiveComparison().isEqualTo(record);
    }

    private static void checkRejected(Topic<?> topic, TopicRecord<?> decoded, Message message, String about) {
        DeadLetter letter = decoded.rejection;
        String because = "dead letter " + letter.kind() + " '" + letter.reason() + "' for a message whose " + about;
        if (message.expect() == Expect.SAME) {
            fail("refused though " + about + ": " + letter.reason());
        }
        assertThat(letter.topic()).as(because).isEqualTo(topic.name());
        assertThat(letter.kind()).as(because).isNotNull();
        assertThat(letter.ts()).as(because).isNotNull();
        assertThat(letter.reason()).as(because).isNotBlank().hasSizeLessThanOrEqualTo(DeadLetter.MAX_REASON);
        assertThat(decoded.eventTime).as(because).isEqualTo(Long.MIN_VALUE);
        assertThat(decoded.topicTime).as(because).isEqualTo(Long.MIN_VALUE);

        byte[] raw = message.bytes();
        boolean utf8 = isUtf8(raw);
        boolean cut = raw.length > DeadLetter.MAX_PAYLOAD_BYTES;
        byte[] kept;
        if (utf8) {
            assertThat(letter.payloadEncoding()).as(because).isNull();
            kept = letter.payload().getBytes(StandardCharsets.UTF_8);
        } else {
            assertThat(letter.payloadEncoding()).as(because).isEqualTo(DeadLetter.BASE64);
            kept = Base64.getDecoder().decode(letter.payload());
        }
        assertThat(Boolean.TRUE.equals(letter.payloadTruncated())).as("payloadTruncated: " + because).isEqualTo(cut);
        assertThat(kept.length).as(because).isLessThanOrEqualTo(DeadLetter.MAX_PAYLOAD_BYTES);
        if (cut) {
            assertThat(kept.length).as("cut at a character, not before: " + because)
                    .isGreaterThan(DeadLetter.MAX_PAYLOAD_BYTES - 4);
            assertThat(Arrays.equals(raw, 0, kept.length, kept, 0, kept.length))
                    .as("the payload is the start of the message: " + because).isTrue();
        } else {
            assertThat(kept).as("the payload is the message: " + because).isEqualTo(raw);
        }

        String written = Json.write(letter);
        byte[] bytes = written.getBytes(StandardCharsets.UTF_8);
        assertThat(DeadLetter.utf8(bytes)).as("the dead letter written as UTF-8 without loss: " + because)
                .isEqualTo(written);
        DeadLetter readBack = parse(Topic.DEADLETTER, new String(bytes, StandardCharsets.UTF_8));
        assertThat(readBack).as("the dead letter written and read back: " + because)
                .usingRecursiveComparison().ignoringFields("ts").isEqualTo(letter);
        assertThat(readBack.ts()).isEqualTo(letter.ts().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * What an accepted record holds, whatever the record: times within the contract's bounds, finite numbers, no
     * null in a list, texts no longer than {@link Validated} allows the field, and UTF-16 that UTF-8 can carry.
     */
    private static void keepsTheContract(Object value, String field, String path, String about) {
        if (value == null) {
            return;
        }
        if (value instanceof Instant instant) {
            assertThat(instant).as(path + ": " + about).isAfterOrEqualTo(Times.EARLIEST).isBefore(Times.LATEST);
        } else if (value instanceof Double number) {
            assertThat(Double.isFinite(number)).as(path + " = " + number + " is finite: " + about).isTrue();
        } else if (value instanceof String text) {
            assertThat(text.length()).as(path + " is within its limit: " + about)
                    .isLessThanOrEqualTo(limitOf(field));
            assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .as(path + " has no lone surrogate: " + about).isEqualTo(text);
        } else if (value instanceof List<?> list) {
            assertThat(list).as(path + ": " + about).doesNotContainNull()
                    .hasSizeLessThanOrEqualTo(Declaration.MAX_ITEMS);
            for (int i = 0; i < list.size(); i++) {
                keepsTheContract(list.get(i), field, path + "[" + i + "]", about);
            }
        } else if (value instanceof double[] numbers) {
            for (int i = 0; i < numbers.length; i++) {
                assertThat(Double.isFinite(numbers[i]))
                        .as(path + "[" + i + "] = " + numbers[i] + " is finite: " + about).isTrue();
            }
        } else if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            assertThat(length).as(path + ": " + about).isLessThanOrEqualTo(100_000);
            for (int i = 0; i < length; i++) {
                assertThat(Array.get(value, i)).as(path + "[" + i + "]: " + about).isNotNull();
                keepsTheContract(Array.get(value, i), field, path + "[" + i + "]", about);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object inner;
                try {
                    inner = component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                keepsTheContract(inner, component.getName(), path + "." + component.getName(), about);
            }
        }
    }

    /** The longest text a field may hold, as the records' validation says ({@link Validated}). */
    private static int limitOf(String field) {
        return switch (field) {
            case "note", "imageUri" -> Validated.NOTE;
            case "name", "by" -> Validated.NAME;
            default -> Validated.ID;
        };
    }

    /** A decoder as the job has it after reading the samples: its topic has a time to judge a message against. */
    private static <T> TopicDecoder<T> primed(Topic<T> topic, List<String> samples) {
        TopicDecoder<T> decoder = DECODERS.of(topic);
        for (String sample : samples) {
            assertThat(decoder.decode(utf8(sample), 0).rejection).as(sample).isNull();
        }
        return decoder;
    }

    private static boolean sameRecord(Object record, Object original) {
        return Json.write(record).equals(Json.write(original));
    }

    private static <T> T parse(Topic<T> topic, String line) {
        try {
            return topic.parse(line);
        } catch (Json.Rejected rejected) {
            throw new AssertionError("cannot read back " + Validated.cut(line) + ": " + rejected.getMessage());
        }
    }

    /** Valid UTF-8, judged independently of the decoder: the bytes survive a decode and encode unchanged. */
    private static boolean isUtf8(byte[] bytes) {
        return Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The start of a message, readable in a report: control characters and invalid bytes shown as escapes. */
    private static String preview(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> shown.append(c < 0x20 || c == 0xFFFD || c == 0xFEFF
                ? String.format("\\x{%X}", c) : new String(Character.toChars(c))));
        return shown + (bytes.length > 300 ? "… (" + bytes.length + " bytes)" : "");
    }
}
