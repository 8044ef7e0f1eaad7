package vn.customs.cargowatch.jobs.gate;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import vn.customs.cargowatch.jobs.gate.GateRules.ContainerRead;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Topic;

/**
 * One record of a container's timeline at one ICD, for {@link GateMatcher} under {@link #key} ({@link #keyOf}: ICD
 * and container number): exactly one of a version of a declaration that lists the container or once did, a sealed
 * trip headed to the ICD with it, or the container read in a truck's recognition. A read that is no container number
 * has a key of its own (its match's id): nothing known about a container concerns it.
 *
 * @param counted whether this copy of a declaration is the one that counts it as unused when it is superseded (a
 *     declaration reaches every container it lists; it is counted once)
 */
public record GateInput(String key, Declaration declaration, boolean counted, TripDestination trip,
        ContainerRead container) {

    /** A version of a declaration, for the container of {@code key}. */
    public static GateInput of(String key, Declaration declaration, boolean counted) {
        return new GateInput(key, declaration, counted, null, null);
    }

    public static GateInput of(TripDestination trip) {
        return new GateInput(keyOf(trip.icdCode(), ContainerNumber.normalize(trip.containerNo())), null, false, trip,
                null);
    }

    public static GateInput of(ContainerRead container) {
        String containerNo = container.containerNo() != null ? container.containerNo() : "?" + container.eventId();
        return new GateInput(keyOf(container.recognition().icdCode(), containerNo), null, false, null, container);
    }

    /** A container at an ICD: where its declarations, its yard entry and the trip bringing it meet its reads. */
    public static String keyOf(String icdCode, String containerNo) {
        return icdCode + "/" + containerNo;
    }

    /** The keys of the containers (at its ICD) {@code declaration} lists, in the order listed. */
    public static Set<String> keysListedBy(Declaration declaration) {
        Set<String> keys = new LinkedHashSet<>();
        for (String container : declaration.containers()) {
            String containerNo = ContainerNumber.normalize(container);
            if (containerNo != null) {
                keys.add(keyOf(declaration.icdCode(), containerNo));
            }
        }
        return keys;
    }

    public Instant ts() {
        return declaration != null ? declaration.ts() : trip != null ? trip.ts() : container.recognition().ts();
    }

    /** The topic the record came from (a trip's destination: the trips' lifecycle). */
    public Topic<?> topic() {
        return declaration != null ? Topic.CUSTOMS_DECLARATIONS : trip != null ? Topic.SEAL_TRIPS
                : Topic.CAMERA_RECOGNITIONS;
    }

    /** The one record this input is. */
    public Object record() {
        return declaration != null ? declaration : trip != null ? trip : container.recognition();
    }

    /** At the same instant the documents come first, then the trips, then the trucks at the gate. */
    int order() {
        return declaration != null ? 0 : trip != null ? 1 : 2;
    }
}
