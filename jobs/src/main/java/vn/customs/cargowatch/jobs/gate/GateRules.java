package vn.customs.cargowatch.jobs.gate;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.GateMatch.Barrier;
import vn.customs.cargowatch.model.GateMatch.Result;
import vn.customs.cargowatch.model.Plates;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.Times;

/**
 * The gate decision of 1572/QĐ-TCHQ for one recognition, given the declarations an ICD knows at its time:
 * each container is read (corrected by its check digit where one misread explains it), matched against the
 * customs documents (§II.1.2, §II.2.2.b.2, §II.3.2.b.2) and the electronic barrier decided (§II.3.2.d).
 *
 * <p>Per container the result is the first that applies of INCOMPLETE (container number or plate not
 * read), EMPTY, NO_DECLARATION, NOT_CLEARED (out only), PLATE_MISMATCH, RISK_CONTAINER, MATCHED; the
 * reasons list every finding. Out, the barrier opens only when every container on the truck is MATCHED (or
 * EMPTY); in, it holds only when the camera cannot say which truck and container it is (INCOMPLETE,
 * PLATE_MISMATCH) — goods entering come under supervision, and officers see the rest on the list.
 * A two-container truck gives one match per container; the second's id is {@code <eventId>/2}.
 */
public final class GateRules {

    private GateRules() {}

    /** An alert the decision calls for: its type, the container concerned and why. */
    public record Finding(AlertType type, String containerNo, String reason) {}

    /** The matches of one recognition and the alerts they call for. */
    public record Decision(List<GateMatch> matches, List<Finding> findings) {

        /** An IN truck whose container no declaration lists yet: worth waiting a little for one. */
        public boolean waitsForDeclaration() {
            return matches.stream().anyMatch(GateRules::waitsForDeclaration);
        }

        /** The matches whose container number the check digit corrected. */
        public List<GateMatch> corrected() {
            return matches.stream().filter(GateRules::corrected).toList();
        }
    }

    /**
     * One container of a truck's recognition as the gate matches it: the camera's read, the number it is ({@code
     * containerNo}: the read, or the only valid number one camera confusion away, ISO 6346; null when neither), and
     * the match's id ({@code <eventId>} for the first container, {@code <eventId>/2} for the second).
     *
     * <p>The correction looks at the read alone: with the cameras' confusion table
     * ({@link ContainerNumber#CAMERA_CONFUSIONS}) a single misread has at most one correction, so "prefer the number a
     * declaration lists" never has two candidates to choose from — and the container's number can key its matching
     * before any declaration is looked at ({@code docs/gates.md}, "Keys").
     */
    public record ContainerRead(Recognition recognition, String eventId, int part, int parts, String read,
            String containerNo) {

        /** Whether the check digit changed what the camera read. */
        public boolean corrected() {
            return containerNo != null && !containerNo.equals(ContainerNumber.normalize(read));
        }
    }

    /** The containers a recognition reads, one or two, in the order read. */
    public static List<ContainerRead> containers(Recognition recognition) {
        List<String> reads = new ArrayList<>();
        reads.add(recognition.containerNo());
        if (recognition.containerNo2() != null) {
            reads.add(recognition.containerNo2());
        }
        List<ContainerRead> containers = new ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            String eventId = i == 0 ? recognition.eventId() : recognition.eventId() + "/" + (i + 1);
            containers.add(new ContainerRead(recognition, eventId, i + 1, reads.size(), reads.get(i),
                    ContainerNumber.correct(reads.get(i), nothingDeclared -> false)));
        }
        return containers;
    }

    /**
     * @param declarationOf the declaration at this ICD listing a container number (not cancelled), or null
     */
    public static Decision decide(Recognition recognition, Function<String, Declaration> declarationOf) {
        List<GateMatch> matches = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (ContainerRead container : containers(recognition)) {
            matches.add(decideContainer(container, declarationOf, findings));
        }
        return new Decision(withBarrier(recognition.direction(), matches), findings);
    }

    /**
     * One container's match, its barrier not yet set ({@link #withBarrier}: it takes every container of the truck),
     * adding the alerts it calls for to {@code findings}.
     *
     * @param declarationOf the declaration at the recognition's ICD listing a container number (not cancelled), or
     *     null; asked for {@code container.containerNo()} only
     */
    public static GateMatch decideContainer(ContainerRead container, Function<String, Declaration> declarationOf,
            List<Finding> findings) {
        Recognition recognition = container.recognition();
        String read = container.read();
        String plate = Plates.normalize(recognition.plate());
        String containerNo = container.containerNo();
        List<String> reasons = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        if (containerNo == null) {
            reasons.add(read == null ? "container number not read"
                    : "container number '" + read + "' fails the ISO 6346 check digit and no single misread explains it");
        }
        if (plate == null) {
            reasons.add("plate not read");
        }
        Declaration declaration = null;
        if (!reasons.isEmpty()) {
            results.add(Result.INCOMPLETE);
            findings.add(new Finding(AlertType.INCOMPLETE_RECOGNITION, containerNo, String.join("; ", reasons)));
        } else if (recognition.carriesEmpty()) {
            results.add(Result.EMPTY);
            reasons.add("empty container: its right door must be open for inspection (1572 §II.2.2.c)");
        } else {
            declaration = declarationOf.apply(containerNo);
            if (declaration == null) {
                results.add(Result.NO_DECLARATION);
                reasons.add("no declaration at " + recognition.icdCode() + " lists " + containerNo);
                if (recognition.direction() == Direction.OUT) {
                    findings.add(new Finding(AlertType.NO_DECLARATION, containerNo, reasons.get(reasons.size() - 1)));
                }
            } else {
                judge(recognition.direction(), containerNo, plate, declaration, results, reasons, findings);
            }
        }
        if (container.corrected()) {
            reasons.add("read '" + read + "' corrected to " + containerNo + " by the check digit");
        }
        Result result = results.isEmpty() ? Result.MATCHED : results.get(0);
        return new GateMatch(container.eventId(), recognition.icdCode(), recognition.gateId(),
                recognition.direction(), recognition.ts(), containerNo,
                containerNo != null && containerNo.equals(read) ? null : read, recognition.plate(), result,
                declaration == null ? null : declaration.declarationNo(), null, List.copyOf(reasons), null,
                recognition.enteredByHand() ? null : recognition.cameraId());
    }

    /** Whether the check digit corrected the container number the camera read. */
    public static boolean corrected(GateMatch match) {
        return match.containerNo() != null && match.containerNoRead() != null
                && !match.containerNo().equals(ContainerNumber.normalize(match.containerNoRead()));
    }

    /** An IN truck's container that no declaration lists yet: worth waiting a little for one. */
    public static boolean waitsForDeclaration(GateMatch match) {
        return match.direction() == Direction.IN && match.result() == Result.NO_DECLARATION;
    }

    private static void judge(Direction direction, String containerNo, String plate, Declaration declaration,
            List<Result> results, List<String> reasons, List<Finding> findings) {
        String declarationNo = declaration.declarationNo();
        if (direction == Direction.OUT && !declaration.allowsExit()) {
            results.add(Result.NOT_CLEARED);
            reasons.add("declaration " + declarationNo + " is " + declaration.status() + ", not cleared");
            findings.add(new Finding(AlertType.UNCLEARED_EXIT, containerNo, reasons.get(reasons.size() - 1)));
        }
        List<String> declaredPlates = declaration.plates() == null ? List.of()
                : declaration.plates().stream().map(Plates::normalize).toList();
        if (!declaredPlates.isEmpty() && !declaredPlates.contains(plate)) {
            results.add(Result.PLATE_MISMATCH);
            reasons.add("plate " + plate + " is not on declaration " + declarationNo + " " + declaredPlates);
            findings.add(new Finding(AlertType.PLATE_MISMATCH, containerNo, reasons.get(reasons.size() - 1)));
        }
        if (declaration.isRisky()) {
            results.add(Result.RISK_CONTAINER);
            reasons.add("declaration " + declarationNo + " is in the " + declaration.risk() + " risk channel");
            findings.add(new Finding(AlertType.RISK_CONTAINER, containerNo, reasons.get(reasons.size() - 1)));
        }
    }

    /**
     * The truck's matches with its barrier (§II.3.2.d), which takes all its containers: out, it opens only when every
     * container is MATCHED (or EMPTY); in, it holds when any is INCOMPLETE or PLATE_MISMATCH.
     */
    public static List<GateMatch> withBarrier(Direction direction, List<GateMatch> matches) {
        boolean open = direction == Direction.OUT
                ? matches.stream().allMatch(match -> match.result() == Result.MATCHED || match.result() == Result.EMPTY)
                : matches.stream().noneMatch(match -> match.result() == Result.INCOMPLETE
                        || match.result() == Result.PLATE_MISMATCH);
        Barrier barrier = open ? Barrier.OPEN : Barrier.HOLD;
        return matches.stream().map(match -> new GateMatch(match.eventId(), match.icdCode(), match.gateId(),
                match.direction(), match.ts(), match.containerNo(), match.containerNoRead(), match.plate(),
                match.result(), match.declarationNo(), barrier, match.reasons(), null, match.cameraId())).toList();
    }

    /** The end of the officers' shift that {@code ts} falls in (shift changes in Vietnam time). */
    public static Instant shiftEnd(Instant ts, List<LocalTime> shiftChanges) {
        ZonedDateTime local = ts.atZone(Times.VIETNAM);
        for (LocalTime change : shiftChanges) {
            ZonedDateTime candidate = local.toLocalDate().atTime(change).atZone(Times.VIETNAM);
            if (candidate.isAfter(local)) {
                return candidate.toInstant();
            }
        }
        return local.toLocalDate().plusDays(1).atTime(shiftChanges.get(0)).atZone(Times.VIETNAM).toInstant();
    }

    /**
     * The start of the officers' shift that {@code ts} falls in: the last shift change at or before it, so that a shift
     * is [{@code shiftStart}, {@link #shiftEnd}) and a time at a shift change opens the next shift.
     */
    public static Instant shiftStart(Instant ts, List<LocalTime> shiftChanges) {
        ZonedDateTime local = ts.atZone(Times.VIETNAM);
        for (int i = shiftChanges.size() - 1; i >= 0; i--) {
            ZonedDateTime candidate = local.toLocalDate().atTime(shiftChanges.get(i)).atZone(Times.VIETNAM);
            if (!candidate.isAfter(local)) {
                return candidate.toInstant();
            }
        }
        return local.toLocalDate().minusDays(1).atTime(shiftChanges.get(shiftChanges.size() - 1))
                .atZone(Times.VIETNAM).toInstant();
    }
}
