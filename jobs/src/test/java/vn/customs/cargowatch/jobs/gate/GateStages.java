package vn.customs.cargowatch.jobs.gate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Recognition;

/**
 * The gate's keyed operators chained as {@link GateMatchingJob} wires them, each in its own test harness: records
 * and watermarks go through {@link DeclarationVersions}, {@link GateMatcher} and {@link TruckBarrier} in turn, and
 * recognitions to {@link CameraSilenceRule} too. Each harness holds every key, as one subtask would.
 */
final class GateStages implements AutoCloseable {

    final KeyedOneInputStreamOperatorTestHarness<String, Declaration, GateInput> versions;
    final KeyedOneInputStreamOperatorTestHarness<String, GateInput, ContainerDecision> containers;
    final KeyedOneInputStreamOperatorTestHarness<String, ContainerDecision, GateMatch> trucks;
    final KeyedOneInputStreamOperatorTestHarness<String, Recognition, Alert> cameras;

    GateStages(GateSettings settings, Duration liveWithin) throws Exception {
        versions = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeclarationVersions(settings)), Declaration::declarationNo, Types.STRING);
        containers = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new GateMatcher(settings, liveWithin)), GateInput::key, Types.STRING);
        trucks = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TruckBarrier(settings)), ContainerDecision::truckEventId, Types.STRING);
        cameras = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CameraSilenceRule(settings)), CameraSilenceRule::keyOf, Types.STRING);
        versions.open();
        containers.open();
        trucks.open();
        cameras.open();
    }

    /** Declarations, sealed trips' destinations and recognitions, each with its event time. */
    void feed(Object... records) throws Exception {
        for (Object record : records) {
            if (record instanceof Declaration declaration) {
                versions.processElement(declaration, declaration.ts().toEpochMilli());
            } else if (record instanceof TripDestination trip) {
                containers.processElement(GateInput.of(trip), trip.ts().toEpochMilli());
            } else if (record instanceof Recognition recognition) {
                for (GateRules.ContainerRead container : GateRules.containers(recognition)) {
                    containers.processElement(GateInput.of(container), recognition.ts().toEpochMilli());
                }
                cameras.processElement(recognition, recognition.ts().toEpochMilli());
            } else {
                throw new IllegalArgumentException("no gate input: " + record);
            }
            forward();
        }
    }

    void processWatermark(long watermark) throws Exception {
        versions.processWatermark(watermark);
        forward();
        containers.processWatermark(watermark);
        forward();
        trucks.processWatermark(watermark);
        cameras.processWatermark(watermark);
    }

    void setProcessingTime(long time) throws Exception {
        for (var harness : List.of(versions, containers, trucks, cameras)) {
            harness.setProcessingTime(time);
        }
    }

    long getProcessingTime() {
        return containers.getProcessingTime();
    }

    List<GateMatch> matches() {
        return trucks.extractOutputValues();
    }

    /** A side output of the matcher; {@link GateMatcher#ALERTS} with the silent cameras'. */
    <T> List<T> side(OutputTag<T> tag) {
        List<T> values = new ArrayList<>(valuesOf(containers, tag));
        if (tag.equals(GateMatcher.ALERTS)) {
            cameras.extractOutputValues().forEach(alert -> values.add(tag.getTypeInfo().getTypeClass().cast(alert)));
        }
        return values;
    }

    int numKeyedStateEntries() {
        return versions.numKeyedStateEntries() + containers.numKeyedStateEntries() + trucks.numKeyedStateEntries()
                + cameras.numKeyedStateEntries();
    }

    int numEventTimeTimers() {
        return versions.numEventTimeTimers() + containers.numEventTimeTimers() + trucks.numEventTimeTimers()
                + cameras.numEventTimeTimers();
    }

    /** Hands each stage's new records to the next. */
    private void forward() throws Exception {
        Object output;
        while ((output = versions.getOutput().poll()) != null) {
            if (output instanceof StreamRecord<?> record) {
                GateInput input = (GateInput) record.getValue();
                containers.processElement(input, input.ts().toEpochMilli());
            }
        }
        while ((output = containers.getOutput().poll()) != null) {
            if (output instanceof StreamRecord<?> record) {
                ContainerDecision decision = (ContainerDecision) record.getValue();
                trucks.processElement(decision, decision.match().ts().toEpochMilli());
            }
        }
    }

    private static <T> List<T> valuesOf(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness, OutputTag<T> tag) {
        var records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    @Override
    public void close() throws Exception {
        versions.close();
        containers.close();
        trucks.close();
        cameras.close();
    }
}
