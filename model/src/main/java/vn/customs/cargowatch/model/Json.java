package vn.customs.cargowatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one JSON codec of cargowatch: contract records to and from one-line JSON.
 *
 * <p>Times are read in both contract forms (ISO-8601 with offset, epoch milliseconds) and written as
 * ISO-8601 UTC. Unknown fields are ignored (the contract allows extra fields); absent fields are not
 * written. Numbers must be JSON numbers: {@code "lat": "abc"} is a rejection, not a coercion, and so is a blank
 * {@code "speedKmh": " "}, which is not an absent speed. A key given twice is a rejection too: which of the two
 * counts would be the parser's whim, and a second {@code ts} could move a record in time past its validation. So is
 * a number where a name belongs ({@code "door": 0}): Jackson would take it as the enum's position in our code, a
 * meaning no sender gave it. So is a string whose escapes leave half a character (a lone surrogate such as U+D800):
 * no UTF-8 can carry it, so every sink would write {@code ?} in its place. Jackson's messages quote at most
 * {@value Validated#QUOTED} characters.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(Validated.QUOTED).maxRawContentLength(Validated.QUOTED).build())
                    .build())
            .addModule(new SimpleModule("cargowatch-time")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer())
                    .addDeserializer(String.class, new WholeCharactersDeserializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // Jackson reads a blank string as no number at all ("speedKmh": " " as no speed), whatever the above.
            .withCoercionConfigDefaults(coercion -> coercion.setAcceptBlankAsEmpty(Boolean.FALSE))
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** A writer per record type, for the same reason as {@link #READERS}. */
    private static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return MAPPER.writerFor(type);
        }
    };

    /** A reader per record type: Jackson resolves the type's deserializer once, not on every line. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads one record; a line that does not fit throws {@link Rejected} with a reason a person can act on. */
    public static <T> T read(String line, Class<T> type) throws Rejected {
        if (line == null || line.isBlank()) {
            throw new Rejected("empty record");
        }
        try {
            return READERS.get(type).readValue(line);
        } catch (JsonProcessingException e) {
            throw new Rejected(reasonOf(e));
        } catch (IllegalArgumentException e) {
            throw new Rejected(e.getMessage());
        }
    }

    public static String write(Object record) {
        try {
            return WRITERS.get(record.getClass()).writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of a top-level field of a raw line (a string or a number), or {@code null}: what a feeder keys a
     * message by without judging the line — a bad line still travels, to be dead-lettered by the job.
     */
    public static String textOf(String line, String field) {
        try (JsonParser parser = FACTORY.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name)) {
                    return value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The event time of a raw line, read without building the record, so that a source can assign
     * timestamps and watermarks before the line is parsed; {@code Long.MIN_VALUE} when it has none.
     */
    public static long eventTimeOf(String line) {
        try (JsonParser parser = FACTORY.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Long.MIN_VALUE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("ts".equals(name)) {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        return parser.getLongValue();
                    }
                    if (value == JsonToken.VALUE_STRING) {
                        return Times.parse(parser.getText()).toEpochMilli();
                    }
                    return Long.MIN_VALUE;
                }
                parser.skipChildren();
            }
            return Long.MIN_VALUE;
        } catch (IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static String reasonOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                return field + ": " + Validated.quote(invalid.getValue()) + " is not one of "
                        + Arrays.toString(invalid.getTargetType().getEnumConstants());
            }
            if (e.getCause() instanceof IllegalArgumentException cause) {
                return field + ": " + cause.getMessage();
            }
            if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                return field + ": expected " + describe(mismatched.getTargetType());
            }
            return field + ": " + Validated.cut(e.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException) {
            return "expected a JSON object, one record per line";
        }
        String duplicate = e.getOriginalMessage();
        if (duplicate != null && duplicate.startsWith("Duplicate field ")) {
            return "duplicate key " + duplicate.substring("Duplicate field ".length()) + ": a key may appear once";
        }
        // Jackson appends where in its own buffer it was ("start marker at [Source: ..."): noise to a reader.
        String message = e.getOriginalMessage().lines().findFirst().orElse("");
        return "not valid JSON: " + message.replaceAll("\\s*\\(start marker at .*$", "").replaceAll("\\s*at \\[Source.*$", "");
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Instant.class) {
            return "a time (ISO-8601 with offset or epoch milliseconds)";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** A record that cannot be read or breaks a rule of the contract; the message is the reason. */
    public static final class Rejected extends Exception {
        private final DeadLetter.Kind kind;

        /** A record that cannot be read. */
        public Rejected(String reason) {
            this(reason, DeadLetter.Kind.UNREADABLE);
        }

        public Rejected(String reason, DeadLetter.Kind kind) {
            super(reason, null, false, false);
            this.kind = kind;
        }

        public DeadLetter.Kind kind() {
            return kind;
        }
    }

    /** Text as Jackson reads it, refused when it holds half a character (a lone surrogate). */
    private static final class WholeCharactersDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(parser, ctxt);
            int half = text == null ? -1 : Validated.halfCharacter(text, 0);
            if (half >= 0) {
                String reason = String.format("\\u%04X at character %d is half a character (a lone surrogate), "
                        + "which no UTF-8 text can hold", (int) text.charAt(half), half);
                throw JsonMappingException.from(parser, reason, new IllegalArgumentException(reason));
            }
            return text;
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Times.format(value));
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                try {
                    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw new IllegalArgumentException(Validated.quote(parser.getText())
                                + " is outside 2000-01-01 to 2100-01-01");
                    }
                    return Times.ofEpochMillis(parser.getLongValue());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(parser, e.getMessage(), e);
                }
            }
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return Times.parse(parser.getText());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(parser, e.getMessage(), e);
                }
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, parser);
        }
    }
}
