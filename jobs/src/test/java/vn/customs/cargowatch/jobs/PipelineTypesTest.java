package vn.customs.cargowatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.RecordDecoder;
import vn.customs.cargowatch.connectors.sms.SmsMessage;
import vn.customs.cargowatch.jobs.alerts.AlertActions;
import vn.customs.cargowatch.jobs.alerts.Escalation;
import vn.customs.cargowatch.jobs.camera.CameraFrame;
import vn.customs.cargowatch.jobs.camera.CameraHealthRule;
import vn.customs.cargowatch.jobs.camera.ImageMeasures;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.jobs.gate.CameraWatch;
import vn.customs.cargowatch.jobs.gate.ContainerDecision;
import vn.customs.cargowatch.jobs.gate.GateInput;
import vn.customs.cargowatch.jobs.gate.GateMatcher;
import vn.customs.cargowatch.jobs.gate.GateRules;
import vn.customs.cargowatch.jobs.gate.TripDestination;
import vn.customs.cargowatch.jobs.gate.TruckBarrier;
import vn.customs.cargowatch.jobs.seal.Reference;
import vn.customs.cargowatch.jobs.seal.RouteDefinition;
import vn.customs.cargowatch.jobs.seal.SealInput;
import vn.customs.cargowatch.jobs.seal.TripContext;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.jobs.seal.rules.RouteEdges;
import vn.customs.cargowatch.jobs.sms.OnDutyNotice;
import vn.customs.cargowatch.jobs.sms.SmsRequest;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.DutyRoster;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.IgnoreZone;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripRegistration;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.YardEntry;
import vn.customs.cargowatch.model.geo.GeoPolygon;

/**
 * The job runs with generic types off ({@code pipeline.generic-types: false}): no record it moves between operators
 * or keeps in state goes through Kryo, which is slow and whose state does not evolve. A type Flink can only treat as a
 * generic one (a {@code Map<String, Object>}, an interface, a class without a public constructor...) anywhere in a
 * record's tree fails here, not in production.
 */
class PipelineTypesTest {

    /** Every record type the job moves or keeps in state (the stream edges are also checked on the built graph). */
    static Stream<Class<?>> recordTypes() {
        return Stream.of(
                // the contract's records (model)
                Alert.class, AlertDetails.class, AlertAction.class, AlertHistoryEntry.class, Contact.class,
                CustomsOffice.class, DeadLetter.class, Declaration.class, DutyRoster.class, GateMatch.class, IgnoreZone.class,
                NearestOffice.class, Recognition.class, ReviewItem.class, SealEvent.class, SealFix.class,
                TrackPoint.class, TripEvent.class, TripRegistration.class, TripStatus.class, YardEntry.class,
                GeoPolygon.class,
                // the job's own: inputs, intermediate records and state
                SealInput.class, TripSignal.class, TripContext.class, RouteDefinition.class, Reference.class,
                RouteEdges.Side.class, GateInput.class, TripDestination.class, CameraWatch.class,
                GateMatcher.DecidedOnArrival.class, GateRules.ContainerRead.class, ContainerDecision.class,
                TruckBarrier.Truck.class, AlertActions.Input.class, Escalation.class, OnDutyNotice.class, SmsRequest.class,
                SmsMessage.class, CameraFrame.class, ImageMeasures.class, CameraHealthRule.CameraHealth.class,
                CameraHealthRule.Verdict.class);
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void shouldSerializeEveryRecordFieldByField(Class<?> type) {
        assertThat(genericTypesIn(TypeInformation.of(type), type.getSimpleName()))
                .as("fields of %s that Flink would hand to Kryo", type.getName())
                .isEmpty();
    }

    /** What Alert.details was: a map of anything. */
    public record LooseAlert(String alertId, Map<String, Object> details, List<Object> extras) {}

    @Test
    void shouldFindWhatFlinkWouldHandToKryo() {
        assertThat(genericTypesIn(TypeInformation.of(LooseAlert.class), "LooseAlert"))
                .containsExactlyInAnyOrder("LooseAlert.details{value}: java.lang.Object",
                        "LooseAlert.extras[]: java.lang.Object");
    }

    @ParameterizedTest(name = "live: {0}")
    @ValueSource(booleans = {false, true})
    void shouldBuildTheWholePipelineWithGenericTypesOff(boolean live) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new CargowatchPipeline(new NoInputs(live), new DiscardingOutputs(), SealSettings.defaults(),
                GateSettings.defaults(), SmsSettings.defaults()).build(env);

        // the setting takes effect: a generic type now fails where Flink makes its serializer
        assertThatThrownBy(() -> new GenericTypeInfo<>(Object.class)
                .createSerializer(env.getConfig().getSerializerConfig()))
                .hasMessageContaining("Generic types have been disabled");
        // ... and the graph, which makes a serializer for every edge and key, still builds
        StreamGraph graph = env.getStreamGraph();
        assertThat(graph.getExecutionConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        assertThat(graph.getStreamNodes()).isNotEmpty().allSatisfy(node -> assertThat(serializersOf(node))
                .as("serializers of %s", node.getOperatorName())
                .noneMatch(serializer -> serializer instanceof KryoSerializer));
    }

    /** The paths, from {@code path}, of the generic types anywhere in {@code type}'s tree. */
    static List<String> genericTypesIn(TypeInformation<?> type, String path) {
        List<String> found = new ArrayList<>();
        if (type instanceof GenericTypeInfo<?> generic) {
            found.add(path + ": " + generic.getTypeClass().getName());
        } else if (type instanceof CompositeType<?> composite) {
            String[] names = composite.getFieldNames();
            for (int i = 0; i < composite.getArity(); i++) {
                found.addAll(genericTypesIn(composite.getTypeAt(i), path + "." + names[i]));
            }
        } else if (type instanceof ListTypeInfo<?> list) {
            found.addAll(genericTypesIn(list.getElementTypeInfo(), path + "[]"));
        } else if (type instanceof MapTypeInfo<?, ?> map) {
            found.addAll(genericTypesIn(map.getKeyTypeInfo(), path + "{key}"));
            found.addAll(genericTypesIn(map.getValueTypeInfo(), path + "{value}"));
        } else if (type instanceof ObjectArrayTypeInfo<?, ?> array) {
            found.addAll(genericTypesIn(array.getComponentInfo(), path + "[]"));
        } else if (type instanceof BasicArrayTypeInfo<?, ?> array) {
            found.addAll(genericTypesIn(array.getComponentInfo(), path + "[]"));
        }
        return found;
    }

    private static List<TypeSerializer<?>> serializersOf(StreamNode node) {
        List<TypeSerializer<?>> serializers = new ArrayList<>(Arrays.asList(node.getTypeSerializersIn()));
        serializers.add(node.getTypeSerializerOut());
        serializers.add(node.getStateKeySerializer());
        return serializers;
    }

    /** Sources of no record, of the type each topic's decoder makes: the graph is built, never run. */
    private record NoInputs(boolean live) implements Inputs {
        @Override
        public <T> DataStream<T> read(StreamExecutionEnvironment env, vn.customs.cargowatch.model.Topic<?> topic,
                RecordDecoder<T> decoder, WatermarkStrategy<T> watermarks) {
            return env.fromSequence(0, 0).map(ignored -> decoder.decode(new byte[0], 0))
                    .returns(decoder.producedType()).assignTimestampsAndWatermarks(watermarks);
        }

        @Override
        public Optional<Duration> liveQuietAfter() {
            return live ? Optional.of(Duration.ofSeconds(5)) : Optional.empty();
        }
    }

    private static final class DiscardingOutputs implements Outputs {
        @Override
        public <T> void write(DataStream<T> records, vn.customs.cargowatch.model.Topic<T> topic) {
            records.sinkTo(new DiscardingSink<>());
        }

        @Override
        public void sms(DataStream<SmsMessage> messages) {
            messages.sinkTo(new DiscardingSink<>());
        }
    }
}
