package vn.customs.cargowatch.jobs.gate;

import java.time.Instant;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Topic;

/** One record of an ICD's timeline: exactly one of a declaration, a sealed trip's destination, a recognition. */
public record GateInput(Declaration declaration, TripDestination trip, Recognition recognition) {

    public static GateInput of(Declaration declaration) {
        return new GateInput(declaration, null, null);
    }

    public static GateInput of(TripDestination trip) {
        return new GateInput(null, trip, null);
    }

    public static GateInput of(Recognition recognition) {
        return new GateInput(null, null, recognition);
    }

    public String icdCode() {
        return declaration != null ? declaration.icdCode() : trip != null ? trip.icdCode() : recognition.icdCode();
    }

    public Instant ts() {
        return declaration != null ? declaration.ts() : trip != null ? trip.ts() : recognition.ts();
    }

    /** The topic the record came from (a trip's destination: the trips' lifecycle). */
    public Topic<?> topic() {
        return declaration != null ? Topic.CUSTOMS_DECLARATIONS : trip != null ? Topic.SEAL_TRIPS
                : Topic.CAMERA_RECOGNITIONS;
    }

    /** The one record this input is. */
    public Object record() {
        return declaration != null ? declaration : trip != null ? trip : recognition;
    }

    /** At the same instant the documents come first, then the trips, then the trucks at the gate. */
    int order() {
        return declaration != null ? 0 : trip != null ? 1 : 2;
    }
}
