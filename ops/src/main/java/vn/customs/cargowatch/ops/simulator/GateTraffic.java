package vn.customs.cargowatch.ops.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.ops.simulator.GateScenario.Problem;

/**
 * A day at the gates of the ICDs (1572/QĐ-TCHQ): what the recognition cameras read ({@code camera.recognitions})
 * and the declarations that name the containers ({@code customs.declarations}).
 *
 * <p>Each ICD has one IN camera and one OUT camera. A working camera sees a truck at least every
 * {@link #MAX_GAP}, from early morning to the end of the input, because the gate matching raises CAMERA_SILENT
 * for a camera silent 30 min ({@code gate.cameraSilence}): only the cameras staged to fail
 * ({@link #SILENCES}) go quiet, for about two hours mid-day. An IN truck brings an import or export container
 * whose declaration was registered before it; it leaves through the OUT camera after the declaration is
 * cleared, some hours later, or is still in the yard at the end. An OUT with nothing ready to leave takes a
 * container that entered on an earlier day, cleared today. GPS-sealed trips bound for an ICD enter its IN
 * camera minutes before their arrival is confirmed. A few recognitions of each ICD carry one deliberate
 * {@link Problem}, between 07:00 and 16:30. Each recognition names its photo, {@code camera.images/<eventId>.jpg}
 * relative to the input folder ({@link GateImages}); a few cameras take useless photos for a while
 * ({@link CameraFault}).
 */
final class GateTraffic {

    /** One recognition camera: the gate and lane it watches and the direction of the trucks on it. */
    record Camera(Site icd, String gateId, String lane, String cameraId, Direction direction) {

        static Camera of(Site icd, int gate, String lane, int camera, Direction direction) {
            String gateId = icd.icdCode + "-G" + gate;
            return new Camera(icd, gateId, lane, gateId + "-CAM" + camera, direction);
        }
    }

    /** Gia Lâm has an entry gate and an exit gate; Long Biên and Mỹ Đình one gate with an IN and an OUT lane. */
    static final List<Camera> CAMERAS = List.of(
            Camera.of(Site.ICD_GIA_LAM, 1, "L1", 1, Direction.IN),
            Camera.of(Site.ICD_GIA_LAM, 2, "L1", 1, Direction.OUT),
            Camera.of(Site.ICD_LONG_BIEN, 1, "L1", 1, Direction.IN),
            Camera.of(Site.ICD_LONG_BIEN, 1, "L2", 2, Direction.OUT),
            Camera.of(Site.ICD_MY_DINH, 1, "L1", 1, Direction.IN),
            Camera.of(Site.ICD_MY_DINH, 1, "L2", 2, Direction.OUT));

    /** A camera that falls silent, from about {@code from} (+ up to 30 min) after the day starts. */
    private record StagedSilence(Site icd, Direction direction, Duration from) {}

    /** OUT cameras, so that no sealed trip's arrival falls into a silence. */
    private static final List<StagedSilence> SILENCES = List.of(
            new StagedSilence(Site.ICD_GIA_LAM, Direction.OUT, Duration.ofHours(10)),
            new StagedSilence(Site.ICD_MY_DINH, Direction.OUT, Duration.ofHours(13)));

    private static final Duration CAMERAS_ON = Duration.ofMinutes(5 * 60 + 30);
    private static final Duration MIN_GAP = Duration.ofMinutes(8);
    /** Under the 30 min after which a camera counts as silent, with room for the watermark. */
    private static final Duration MAX_GAP = Duration.ofMinutes(26);
    private static final Duration SILENCE_MIN = Duration.ofMinutes(110);
    private static final Duration SILENCE_MAX = Duration.ofMinutes(130);
    private static final Duration PROBLEMS_IN_FROM = Duration.ofHours(7);
    private static final Duration PROBLEMS_OUT_FROM = Duration.ofHours(8);
    private static final Duration PROBLEMS_UNTIL = Duration.ofMinutes(16 * 60 + 30);
    private static final int TWO_CONTAINER_PERCENT = 15;
    private static final int IMPORT_PERCENT = 65;
    /** How often the truck that brought a load takes it out; else the pickup truck is added on clearance. */
    private static final int SAME_TRUCK_OUT_PERCENT = 40;

    private static final DateTimeFormatter EVENT_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(Times.VIETNAM);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(Times.VIETNAM);

    /** The deliberate problems each ICD stages on IN trucks; the risky one first, so that it leaves in time. */
    private enum InTicket { RISK, MISREAD, LATE_DECLARATION, PLATE_MISMATCH, EMPTY, NO_PLATE }

    private enum OutTicket { MISREAD, NO_CONTAINER_READ, UNCLEARED, NO_DECLARATION, EMPTY }

    /** Everything produced, in event time order. */
    record Day(
            List<Recognition> recognitions,
            List<Declaration> declarations,
            List<GateScenario> scenarios,
            List<SilentCamera> silentCameras,
            List<CameraFault> cameraFaults,
            Map<String, Set<String>> expectedYard) {}

    /** A recognition before its event id is known: the true containers and what the camera reported. */
    private record Shot(
            Camera camera, Instant ts, int order, String containerNo, String containerNo2, String read, String read2,
            String plate, boolean empty, Problem problem, String note, double confidence) {}

    /**
     * The containers of one declaration on one truck, from entry until they leave.
     *
     * @param declaredAt {@code null} for containers that entered on an earlier day
     * @param inAt       {@code null} for containers that entered on an earlier day
     */
    private record Load(
            String icdCode, List<String> containers, String declarationNo, Declaration.Kind kind,
            List<String> declaredPlates, Declaration.Risk risk, Instant declaredAt, String inPlate, Instant inAt,
            Instant readyAt) {

        boolean risky() {
            return risk == Declaration.Risk.RED || risk == Declaration.Risk.WATCH;
        }

        boolean single() {
            return containers.size() == 1;
        }
    }

    private record Declared(Declaration declaration, int order) {}

    private final Random random;
    private final Identities identities;
    private final Instant dayStart;
    private final Instant inputEnd;

    private final List<Shot> shots = new ArrayList<>();
    private final List<Declared> declarations = new ArrayList<>();
    private final List<SilentCamera> silentCameras = new ArrayList<>();
    /** Per ICD, the containers in the yard as the cameras saw them: in minus out. */
    private final Map<String, Set<String>> yards = new LinkedHashMap<>();

    /**
     * @param inputEnd the last event of the rest of the input: cameras keep sending until then, no later
     */
    GateTraffic(Random random, Identities identities, Instant dayStart, Instant inputEnd) {
        this.random = random;
        this.identities = identities;
        this.dayStart = dayStart;
        this.inputEnd = inputEnd;
    }

    Day simulate(List<TripDriver.DrivenTrip> trips) {
        for (Site icd : icds()) {
            yards.put(icd.icdCode, new LinkedHashSet<>());
        }
        for (TripDriver.DrivenTrip trip : trips) {
            sealedTrip(trip);
        }
        List<Site> icds = icds();
        for (int k = 0; k < icds.size(); k++) {
            ordinaryTraffic(icds.get(k), k);
        }
        return finish();
    }

    static List<Site> icds() {
        return Arrays.stream(Site.values()).filter(site -> site.icdCode != null).toList();
    }

    // ---- sealed trips ----

    /**
     * A trip bound for an ICD: its import or transit declaration at the ICD, and, when it arrives, its truck
     * at the IN camera a few minutes before the arrival is confirmed. A container that never arrives never
     * enters.
     */
    private void sealedTrip(TripDriver.DrivenTrip trip) {
        TripPlan plan = trip.plan();
        Site destination = plan.drivenRoute().destination();
        TripEvent arrived = eventOf(trip, TripEvent.Type.ARRIVED);
        boolean expected = arrived != null || plan.rule() == Scenario.Rule.CONTAINER_NOT_ARRIVED;
        if (destination.icdCode == null || !expected) {
            return;
        }
        TripEvent changed = eventOf(trip, TripEvent.Type.DESTINATION_CHANGED);
        Instant declaredAt = changed != null
                ? changed.ts().plusSeconds(120 + random.nextInt(480))
                : plan.registeredAt().minusSeconds(300 + random.nextInt(3_300));
        Declaration.Kind kind = plan.regime() == Regime.TRANSIT
                ? Declaration.Kind.TRANSIT : Declaration.Kind.IMPORT;
        declare(new Declaration(plan.declarationNo(), kind, destination.icdCode, List.of(plan.containerNo()),
                List.of(plan.truckPlate()), Declaration.Status.REGISTERED, Declaration.Risk.GREEN, declaredAt));
        if (arrived == null) {
            return;
        }
        Instant in = arrived.ts().minusSeconds(120 + random.nextInt(150));
        shot(camera(destination, Direction.IN), in, plan.containerNo(), null, plan.containerNo(), null,
                plan.truckPlate(), false, Problem.SEALED_TRIP_ARRIVAL,
                "sealed trip " + plan.tripId() + ", arrival confirmed " + clock(arrived.ts()), clean());
        yards.get(destination.icdCode).add(plan.containerNo());
    }

    private static TripEvent eventOf(TripDriver.DrivenTrip trip, TripEvent.Type type) {
        return trip.tripEvents().stream().filter(event -> event.type() == type).findFirst().orElse(null);
    }

    // ---- ordinary traffic ----

    private void ordinaryTraffic(Site icd, int k) {
        Camera inCamera = camera(icd, Direction.IN);
        Camera outCamera = camera(icd, Direction.OUT);
        List<Instant> inSlots = slots(inCamera);
        List<Instant> outSlots = slots(outCamera);

        List<InTicket> inProblems = new ArrayList<>(List.of(InTicket.MISREAD, InTicket.LATE_DECLARATION,
                InTicket.PLATE_MISMATCH, InTicket.EMPTY, InTicket.NO_PLATE, InTicket.LATE_DECLARATION));
        Collections.rotate(inProblems, 2 * k);
        inProblems.add(0, InTicket.RISK);
        List<OutTicket> outProblems = new ArrayList<>(List.of(OutTicket.values()));
        Collections.rotate(outProblems, k);
        InTicket[] inTickets = stage(inSlots, inProblems, PROBLEMS_IN_FROM, new InTicket[inSlots.size()]);
        OutTicket[] outTickets = stage(outSlots, outProblems, PROBLEMS_OUT_FROM, new OutTicket[outSlots.size()]);

        List<Load> inYard = new ArrayList<>();
        int i = 0;
        int o = 0;
        while (i < inSlots.size() || o < outSlots.size()) {
            boolean inNext = o >= outSlots.size()
                    || (i < inSlots.size() && !inSlots.get(i).isAfter(outSlots.get(o)));
            if (inNext) {
                arrive(inCamera, inSlots.get(i), inTickets[i], k, inYard);
                i++;
            } else {
                depart(outCamera, outSlots.get(o), outTickets[o], inYard);
                o++;
            }
        }
        // some of what is left was cleared and waits for its pickup truck
        for (Load load : inYard) {
            if (!load.readyAt().isAfter(inputEnd.minus(Duration.ofMinutes(10))) && random.nextBoolean()) {
                declare(cleared(load, load.readyAt(), load.declaredPlates()));
            }
        }
    }

    /**
     * The times a camera sees a truck, {@link #MIN_GAP} to {@link #MAX_GAP} apart, until the input ends; a
     * camera of {@link #SILENCES} sends nothing for 110–130 min from about its staged time.
     */
    private List<Instant> slots(Camera camera) {
        List<Instant> slots = new ArrayList<>();
        long spread = MAX_GAP.minus(MIN_GAP).toSeconds();
        Instant t = dayStart.plus(CAMERAS_ON).plusSeconds(random.nextInt(900));
        while (!t.isAfter(inputEnd)) {
            slots.add(t);
            t = t.plus(MIN_GAP).plusSeconds((long) (random.nextDouble() * spread));
        }
        for (StagedSilence silence : SILENCES) {
            if (silence.icd() == camera.icd() && silence.direction() == camera.direction()) {
                Instant from = dayStart.plus(silence.from()).plusSeconds(random.nextInt(1_800));
                Instant lastSeen = slots.stream().filter(s -> !s.isAfter(from)).reduce((a, b) -> b).orElseThrow();
                Instant resumed = lastSeen.plus(SILENCE_MIN)
                        .plusSeconds((long) (random.nextDouble() * SILENCE_MAX.minus(SILENCE_MIN).toSeconds()));
                if (resumed.plus(MAX_GAP).isAfter(inputEnd)) {
                    throw new IllegalStateException("the input ends before " + camera.cameraId() + " resumes");
                }
                slots.removeIf(s -> s.isAfter(lastSeen) && s.isBefore(resumed));
                if (!slots.contains(resumed)) {
                    slots.add(resumed);
                    slots.sort(Comparator.naturalOrder());
                }
                silentCameras.add(new SilentCamera(camera.icd().icdCode, camera.gateId(), camera.cameraId(), lastSeen,
                        resumed));
            }
        }
        return slots;
    }

    /** Puts the problems on slots between {@code from} and 16:30, spread out in their order. */
    private <T> T[] stage(List<Instant> slots, List<T> problems, Duration from, T[] tickets) {
        Instant start = dayStart.plus(from);
        Instant end = dayStart.plus(PROBLEMS_UNTIL);
        List<Integer> window = new ArrayList<>();
        for (int s = 0; s < slots.size(); s++) {
            if (!slots.get(s).isBefore(start) && !slots.get(s).isAfter(end)) {
                window.add(s);
            }
        }
        int n = window.size();
        int count = problems.size();
        if (n < count) {
            throw new IllegalStateException("too few trucks to stage " + problems);
        }
        for (int j = 0; j < count; j++) {
            int low = j * n / count;
            int high = (j + 1) * n / count;
            tickets[window.get(low + random.nextInt(high - low))] = problems.get(j);
        }
        return tickets;
    }

    /** A truck at the IN camera: a declared load (perhaps with a staged problem) or an empty container. */
    private void arrive(Camera camera, Instant t, InTicket ticket, int k, List<Load> inYard) {
        Set<String> yard = yards.get(camera.icd().icdCode);
        if (ticket == InTicket.EMPTY) {
            String containerNo = identities.containerNo();
            shot(camera, t, containerNo, null, containerNo, null, plate(), true, Problem.EMPTY,
                    "empty container dropped off, no declaration", clean());
            yard.add(containerNo);
            return;
        }
        boolean two = ticket == null && random.nextInt(100) < TWO_CONTAINER_PERCENT;
        String first = ticket == InTicket.MISREAD ? misreadableContainer() : identities.containerNo();
        List<String> containers = two ? List.of(first, identities.containerNo()) : List.of(first);
        Declaration.Kind kind = ticket == InTicket.RISK || ticket == InTicket.LATE_DECLARATION
                || random.nextInt(100) < IMPORT_PERCENT ? Declaration.Kind.IMPORT : Declaration.Kind.EXPORT;
        String plate = plate();
        List<String> declaredPlates = List.of(ticket == InTicket.PLATE_MISMATCH ? plate() : plate);
        Declaration.Risk risk = ticket == InTicket.RISK
                ? (k % 2 == 0 ? Declaration.Risk.RED : Declaration.Risk.WATCH) : commonRisk();
        Instant declaredAt = ticket == InTicket.LATE_DECLARATION
                ? t.plusSeconds(30 + random.nextInt(61))
                : latest(dayStart.plus(Duration.ofMinutes(30)),
                        t.minusSeconds(900 + random.nextInt(6 * 3_600 - 900)));
        String declarationNo = identities.declarationNo(kind == Declaration.Kind.EXPORT);
        declare(new Declaration(declarationNo, kind, camera.icd().icdCode, containers, declaredPlates,
                Declaration.Status.REGISTERED, risk, declaredAt));
        Duration dwell = ticket == InTicket.RISK ? minutes(60, 120)
                : kind == Declaration.Kind.IMPORT ? minutes(90, 420) : minutes(60, 240);
        inYard.add(new Load(camera.icd().icdCode, containers, declarationNo, kind, declaredPlates, risk, declaredAt,
                plate, t, t.plus(dwell)));
        yard.addAll(containers);

        String what = kind.name().toLowerCase() + " declaration " + declarationNo;
        String second = two ? containers.get(1) : null;
        if (ticket == null) {
            shot(camera, t, first, second, first, second, plate, false, Problem.NONE, what, clean());
            return;
        }
        switch (ticket) {
            case RISK -> shot(camera, t, first, null, first, null, plate, false, Problem.RISK_CONTAINER,
                    what + " in the " + risk + " risk channel", clean());
            case MISREAD -> {
                String read = misread(first);
                shot(camera, t, first, null, read, null, plate, false, Problem.MISREAD,
                        "read " + read + " for " + first + "; " + what, unsure());
            }
            case LATE_DECLARATION -> shot(camera, t, first, null, first, null, plate, false,
                    Problem.LATE_DECLARATION, what + " registered " + clock(declaredAt) + ", "
                            + Duration.between(t, declaredAt).toSeconds() + " s after the truck", clean());
            case PLATE_MISMATCH -> shot(camera, t, first, null, first, null, plate, false, Problem.PLATE_MISMATCH,
                    "truck " + plate + ", " + what + " lists " + declaredPlates, clean());
            case NO_PLATE -> shot(camera, t, first, null, first, null, null, false, Problem.INCOMPLETE,
                    "plate of truck " + plate + " not read; " + what, unsure());
            case EMPTY -> throw new IllegalStateException("handled above");
        }
    }

    /** A truck at the OUT camera: what is cleared and ready, else a container cleared from an earlier day. */
    private void depart(Camera camera, Instant t, OutTicket ticket, List<Load> inYard) {
        if (ticket == null) {
            Load load = inYard.stream().filter(l -> !l.readyAt().isAfter(t))
                    .min(Comparator.comparing((Load l) -> !l.risky()).thenComparing(Load::readyAt)).orElse(null);
            if (load == null) {
                load = fromEarlierDay(camera, t, random.nextInt(100) < TWO_CONTAINER_PERCENT ? 2 : 1, false);
            }
            String outPlate = leaveCleared(load, t, inYard);
            String first = load.containers().get(0);
            String second = load.single() ? null : load.containers().get(1);
            shot(camera, t, first, second, first, second, outPlate, false,
                    load.risky() ? Problem.RISK_CONTAINER : Problem.NONE,
                    describe(load) + (load.risky() ? " in the " + load.risk() + " risk channel" : ""), clean());
            return;
        }
        switch (ticket) {
            case NO_DECLARATION -> {
                String containerNo = identities.containerNo();
                shot(camera, t, containerNo, null, containerNo, null, plate(), false, Problem.NO_DECLARATION_OUT,
                        "loaded container no declaration lists", clean());
            }
            case EMPTY -> {
                String containerNo = identities.containerNo();
                shot(camera, t, containerNo, null, containerNo, null, plate(), true, Problem.EMPTY,
                        "empty container picked up, no declaration", clean());
            }
            case NO_CONTAINER_READ -> {
                Load load = fromEarlierDay(camera, t, 1, false);
                String outPlate = leaveCleared(load, t, inYard);
                shot(camera, t, load.containers().get(0), null, null, null, outPlate, false, Problem.INCOMPLETE,
                        "container number not read; " + describe(load), unsure());
            }
            case UNCLEARED -> {
                List<Load> candidates = inYard.stream().filter(l -> l.inAt().plus(Duration.ofMinutes(20)).isBefore(t)
                        && !l.risky() && l.single() && l.declaredPlates().contains(l.inPlate())).toList();
                Load load;
                String outPlate;
                if (candidates.isEmpty()) {
                    load = fromEarlierDay(camera, t, 1, false);
                    outPlate = load.declaredPlates().get(0);
                    declare(new Declaration(load.declarationNo(), load.kind(), load.icdCode(), load.containers(),
                            load.declaredPlates(), Declaration.Status.REGISTERED, load.risk(),
                            t.minusSeconds(3_600 + random.nextInt(4 * 3_600))));
                } else {
                    load = candidates.get(random.nextInt(candidates.size()));
                    outPlate = load.inPlate();
                    inYard.remove(load);
                }
                String containerNo = load.containers().get(0);
                shot(camera, t, containerNo, null, containerNo, null, outPlate, false, Problem.UNCLEARED_EXIT,
                        describe(load) + " still REGISTERED", clean());
            }
            case MISREAD -> {
                Load load = inYard.stream().filter(l -> !l.readyAt().isAfter(t) && !l.risky() && l.single()
                        && misreadable(l.containers().get(0))).min(Comparator.comparing(Load::readyAt)).orElse(null);
                if (load == null) {
                    load = fromEarlierDay(camera, t, 1, true);
                }
                String outPlate = leaveCleared(load, t, inYard);
                String containerNo = load.containers().get(0);
                String read = misread(containerNo);
                shot(camera, t, containerNo, null, read, null, outPlate, false, Problem.MISREAD,
                        "read " + read + " for " + containerNo + "; " + describe(load), unsure());
            }
        }
    }

    /** Containers that entered on an earlier day, under a declaration registered then: today it may leave. */
    private Load fromEarlierDay(Camera camera, Instant t, int count, boolean misreadable) {
        List<String> containers = new ArrayList<>();
        containers.add(misreadable ? misreadableContainer() : identities.containerNo());
        if (count == 2) {
            containers.add(identities.containerNo());
        }
        Declaration.Kind kind = random.nextInt(100) < 70 ? Declaration.Kind.IMPORT : Declaration.Kind.EXPORT;
        String plate = plate();
        String declarationNo = identities.declarationNo(kind == Declaration.Kind.EXPORT);
        return new Load(camera.icd().icdCode, List.copyOf(containers), declarationNo, kind, List.of(plate),
                commonRisk(), null, plate, null, t);
    }

    /**
     * The load's declaration is cleared a little before its truck leaves, with the pickup truck on it; returns
     * that truck's plate.
     */
    private String leaveCleared(Load load, Instant t, List<Load> inYard) {
        Instant clearedAt;
        String outPlate;
        if (load.inAt() == null) {
            clearedAt = t.minusSeconds(600 + random.nextInt(170 * 60));
            outPlate = load.inPlate();
        } else {
            Instant earliest = latest(load.inAt().plus(Duration.ofMinutes(20)),
                    load.declaredAt().plus(Duration.ofMinutes(5)), t.minus(Duration.ofMinutes(90)));
            long window = Duration.between(earliest, t.minus(Duration.ofMinutes(3))).toSeconds();
            clearedAt = earliest.plusSeconds((long) (random.nextDouble() * window));
            outPlate = random.nextInt(100) < SAME_TRUCK_OUT_PERCENT ? load.inPlate() : plate();
            inYard.remove(load);
        }
        List<String> plates = new ArrayList<>(load.declaredPlates());
        if (!plates.contains(outPlate)) {
            plates.add(outPlate);
        }
        declare(cleared(load, clearedAt, plates));
        return outPlate;
    }

    private Declaration cleared(Load load, Instant at, List<String> plates) {
        return new Declaration(load.declarationNo(), load.kind(), load.icdCode(), load.containers(),
                List.copyOf(plates), Declaration.Status.CLEARED, load.risk(), at);
    }

    private String describe(Load load) {
        return load.kind().name().toLowerCase() + " declaration " + load.declarationNo()
                + (load.inAt() == null ? " (entered on an earlier day)" : " (in at " + clock(load.inAt()) + ")");
    }

    // ---- what the camera reads ----

    /** A fresh container number with at least one character a camera confuses. */
    private String misreadableContainer() {
        while (true) {
            String containerNo = identities.containerNo();
            if (misreadable(containerNo)) {
                return containerNo;
            }
        }
    }

    private static boolean misreadable(String containerNo) {
        return !confusablePositions(containerNo).isEmpty();
    }

    /** Letters of the owner code and digits of the serial that a camera may take for their look-alikes. */
    private static List<Integer> confusablePositions(String containerNo) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (i != 3 && ContainerNumber.CAMERA_CONFUSIONS.containsKey(containerNo.charAt(i))) {
                positions.add(i);
            }
        }
        return positions;
    }

    /**
     * The number with one character read as its look-alike: the read fails the check digit's shape, and the
     * only valid number one confusion away is the true one, so the job can correct it.
     */
    private String misread(String containerNo) {
        List<Integer> positions = confusablePositions(containerNo);
        int at = positions.get(random.nextInt(positions.size()));
        String read = containerNo.substring(0, at) + ContainerNumber.CAMERA_CONFUSIONS.get(containerNo.charAt(at))
                + containerNo.substring(at + 1);
        if (ContainerNumber.isValid(read) || !containerNo.equals(ContainerNumber.correct(read, candidate -> false))) {
            throw new IllegalStateException("misread " + read + " of " + containerNo + " cannot be corrected");
        }
        return read;
    }

    /** A truck plate: mostly Hà Nội and Hải Phòng trucks, some from Quảng Ninh and Lạng Sơn. */
    private String plate() {
        int draw = random.nextInt(100);
        Site.Region region = draw < 45 ? Site.Region.HA_NOI
                : draw < 80 ? Site.Region.HAI_PHONG
                : draw < 90 ? Site.Region.QUANG_NINH : Site.Region.LANG_SON;
        return identities.truckPlate(region);
    }

    private Declaration.Risk commonRisk() {
        int draw = random.nextInt(100);
        return draw < 80 ? Declaration.Risk.GREEN : draw < 90 ? Declaration.Risk.YELLOW : null;
    }

    private double clean() {
        return Math.round((0.88 + random.nextDouble() * 0.11) * 100) / 100.0;
    }

    private double unsure() {
        return Math.round((0.80 + random.nextDouble() * 0.07) * 100) / 100.0;
    }

    // ---- records ----

    private void shot(Camera camera, Instant ts, String containerNo, String containerNo2, String read, String read2,
            String plate, boolean empty, Problem problem, String note, double confidence) {
        shots.add(new Shot(camera, ts, shots.size(), containerNo, containerNo2, read, read2, plate, empty, problem,
                note, confidence));
        if (camera.direction() == Direction.OUT) {
            Set<String> yard = yards.get(camera.icd().icdCode);
            yard.remove(containerNo);
            if (containerNo2 != null) {
                yard.remove(containerNo2);
            }
        }
    }

    private void declare(Declaration declaration) {
        declarations.add(new Declared(declaration, declarations.size()));
    }

    /** Event ids number each ICD's recognitions of the day in time order: {@code <icd>-<local time>-<n>}. */
    private Day finish() {
        List<Shot> ordered = shots.stream().sorted(Comparator.comparing(Shot::ts)
                .thenComparingInt(shot -> CAMERAS.indexOf(shot.camera())).thenComparingInt(Shot::order)).toList();
        Map<String, Integer> counters = new LinkedHashMap<>();
        List<Recognition> recognitions = new ArrayList<>();
        List<GateScenario> scenarios = new ArrayList<>();
        for (Shot shot : ordered) {
            Camera camera = shot.camera();
            String icdCode = camera.icd().icdCode;
            int n = counters.merge(icdCode, 1, Integer::sum);
            String eventId = icdCode + "-" + EVENT_STAMP.format(shot.ts()) + "-" + n;
            recognitions.add(new Recognition(eventId, icdCode, camera.gateId(), camera.lane(), camera.cameraId(),
                    camera.direction(), shot.ts(), shot.read(), shot.read2(), shot.plate(), shot.confidence(),
                    shot.empty() ? Boolean.TRUE : null, GateImages.uriOf(eventId)));
            String misread = shot.read() != null && !shot.read().equals(shot.containerNo()) ? shot.read() : null;
            scenarios.add(new GateScenario(eventId, icdCode, camera.gateId(), camera.cameraId(), camera.direction(),
                    shot.ts(), shot.problem(), shot.containerNo(), shot.containerNo2(), misread, shot.note()));
        }
        List<Declaration> documents = declarations.stream()
                .sorted(Comparator.comparing((Declared d) -> d.declaration().ts()).thenComparingInt(Declared::order))
                .map(Declared::declaration).toList();
        Map<String, Set<String>> expectedYard = new TreeMap<>();
        yards.forEach((icd, containers) ->
                expectedYard.put(icd, Collections.unmodifiableSet(new TreeSet<>(containers))));
        return new Day(List.copyOf(recognitions), documents, List.copyOf(scenarios), List.copyOf(silentCameras),
                CameraFault.stage(recognitions), Collections.unmodifiableMap(expectedYard));
    }

    // ---- helpers ----

    static Camera camera(Site icd, Direction direction) {
        return CAMERAS.stream().filter(c -> c.icd() == icd && c.direction() == direction).findFirst().orElseThrow();
    }

    private Duration minutes(int low, int high) {
        return Duration.ofSeconds(low * 60L + random.nextInt((high - low) * 60));
    }

    private static Instant latest(Instant... times) {
        Instant latest = times[0];
        for (Instant t : times) {
            latest = t.isAfter(latest) ? t : latest;
        }
        return latest;
    }

    private static String clock(Instant t) {
        return CLOCK.format(t);
    }
}
