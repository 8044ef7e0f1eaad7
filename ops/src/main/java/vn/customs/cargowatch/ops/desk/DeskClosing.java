package vn.customs.cargowatch.ops.desk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.customs.cargowatch.jobs.seal.TripClosingRules;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Inspection.Condition;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.ops.alerts.AlertStore;

/**
 * Closing a trip at its destination from the desk (3740 §II.3): the destination Branch's officer records the
 * inspection — the container, the GPS seal and the customs seal intact or not, the reason (required when one is not),
 * the measures and result, the declarant's explanation of the trip's alerts — built on the server with the user's name
 * and unit and {@code ts} now, checked with the pipeline's own {@link TripClosingRules} against what the store knows,
 * and published on {@code trips.inspections}. The pipeline closes the trip when it applies it.
 */
final class DeskClosing {

    /** What the officer typed: the three conditions, the texts, and an explanation per alert id. */
    record Request(String container, String gpsSeal, String customsSeal, String reason, String measures,
            String result, Map<String, String> explanations) {

        /** The request of a JSON body ({@code container, gpsSeal, customsSeal, reason?, measures?, result?,
         *  explanations?: [{alertId, text}]}). */
        static Request of(JsonNode body) {
            Map<String, String> explanations = new LinkedHashMap<>();
            JsonNode given = body.get("explanations");
            if (given != null && !given.isNull()) {
                if (!given.isArray()) {
                    throw new DeskActions.Malformed("explanations must be a list of {alertId, text}");
                }
                for (JsonNode explanation : given) {
                    if (!explanation.isObject()) {
                        throw new DeskActions.Malformed("explanations must be a list of {alertId, text}");
                    }
                    explanations.put(DeskActions.Request.text(explanation, "alertId"),
                            DeskActions.Request.text(explanation, "text"));
                }
            }
            return new Request(DeskActions.Request.text(body, "container"), DeskActions.Request.text(body, "gpsSeal"),
                    DeskActions.Request.text(body, "customsSeal"), DeskActions.Request.text(body, "reason"),
                    DeskActions.Request.text(body, "measures"), DeskActions.Request.text(body, "result"),
                    explanations);
        }
    }

    sealed interface Outcome {}

    /** Published: the inspection as it went, and where. */
    record Published(Inspection inspection, String where) implements Outcome {}

    /** Refused, in Vietnamese: 400 malformed, 403 not the destination Branch's officer, 404 no arrival, 409 closed. */
    record Refused(int status, String reason) implements Outcome {}

    private final AlertStore store;
    private final Clock clock;

    DeskClosing(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The arrived trips the user's units have still to close. */
    List<TripClosing> open(DeskUser user, Rights rights) {
        return store.openClosings(rights.unitsOf(user.unit()));
    }

    Views.Closings list(Views.Frame frame, DeskUser user, Rights rights) {
        return new Views.Closings(frame, open(user, rights).stream().map(closing -> new Views.ClosingLine(
                closing.tripId(), Views.or(closing.containerNo()), Views.or(closing.destinationUnit()),
                Views.time(closing.arrivedAt()), closing.arrivedBy() == null ? "-"
                        : closing.arrivedBy() == TripStatus.ArrivedBy.GATE_CAMERA ? "camera cổng" : "xác nhận",
                Views.time(closing.closingDueAt()), state(closing, clock.instant()),
                closing.overdueAt(clock.instant()))).toList());
    }

    /** The closing page of {@code tripId} for {@code user}, or empty when the trip has not arrived. */
    Optional<Views.ClosePage> page(Views.Frame frame, DeskUser user, String tripId, String message, String error) {
        Optional<TripClosing> found = store.closing(tripId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TripClosing closing = found.get();
        List<Views.Field> state = new ArrayList<>(List.of(
                new Views.Field("Tình trạng", state(closing, clock.instant())),
                new Views.Field("Chi cục nơi đến", Views.or(closing.destinationUnit())),
                new Views.Field("Đến lúc (giờ VN)", Views.time(closing.arrivedAt())),
                new Views.Field("Hạn kết thúc (giờ VN)", Views.time(closing.closingDueAt()))));
        Inspection inspection = closing.inspection();
        if (inspection != null) {
            state.add(new Views.Field("Kiểm tra bởi", inspection.by() + " (" + inspection.byUnit() + "), "
                    + Views.time(inspection.ts())));
            state.add(new Views.Field("Container", inspection.container().vietnamese()));
            state.add(new Views.Field("Seal định vị", inspection.gpsSeal().vietnamese()));
            state.add(new Views.Field("Niêm phong hải quan", inspection.customsSeal().vietnamese()));
            state.add(new Views.Field("Lý do", Views.or(inspection.reason())));
            state.add(new Views.Field("Biện pháp", Views.or(inspection.measures())));
            state.add(new Views.Field("Kết quả", Views.or(inspection.result())));
            inspection.explanationsOrNone().forEach(explained -> state.add(new Views.Field(
                    "Giải trình " + explained.alertId(), explained.text())));
        }
        List<Views.ClosingAlert> alerts = store.tripAlerts(tripId).stream().map(alert -> new Views.ClosingAlert(
                alert.alertId(), alert.type() == null ? "-" : alert.type().name(), Views.time(alert.startTs()),
                alert.state() == null ? "OPEN" : alert.state().name())).toList();
        boolean mayClose = closing.state() != TripClosing.State.CLOSED && user.role() != DeskUser.Role.ADMIN
                && user.unit().equals(closing.destinationUnit());
        return Optional.of(new Views.ClosePage(frame, tripId, AlertViews.trip(store.registration(tripId)), state,
                alerts, mayClose, message, error));
    }

    private static String state(TripClosing closing, java.time.Instant now) {
        return closing.state() == null ? "-" : closing.state() == TripClosing.State.CLOSED ? "Đã kết thúc"
                : closing.overdueAt(now) ? "Quá hạn kết thúc" : "Chờ kết thúc";
    }

    /** Records the inspection that closes {@code tripId}, for {@code user}. */
    synchronized Outcome close(DeskUser user, String tripId, Request request) {
        Optional<TripClosing> closing = store.closing(tripId);
        if (closing.isEmpty()) {
            return new Refused(404, "Chuyến " + tripId + " chưa đến đích (chưa có bản ghi trips.closings).");
        }
        if (user.role() == DeskUser.Role.ADMIN) {
            return new Refused(403, "Quản trị viên quản lý người dùng, không kết thúc chuyến.");
        }
        if (!user.unit().equals(closing.get().destinationUnit())) {
            return new Refused(403, "Chỉ Chi cục nơi đến (" + closing.get().destinationUnit()
                    + ") kết thúc chuyến này (3740 §II.3).");
        }
        Condition container;
        Condition gpsSeal;
        Condition customsSeal;
        try {
            container = condition("container", request.container());
            gpsSeal = condition("gpsSeal", request.gpsSeal());
            customsSeal = condition("customsSeal", request.customsSeal());
        } catch (DeskActions.Malformed e) {
            return new Refused(400, e.getMessage());
        }
        Set<String> tripAlerts = store.tripAlerts(tripId).stream().map(Alert::alertId).collect(Collectors.toSet());
        List<Inspection.Explanation> explanations = new ArrayList<>();
        for (Map.Entry<String, String> given : request.explanations().entrySet()) {
            String text = DeskActions.blankless(given.getValue());
            if (text == null) {
                continue;
            }
            if (!tripAlerts.contains(given.getKey())) {
                return new Refused(400, "Cảnh báo " + given.getKey() + " không thuộc chuyến " + tripId + ".");
            }
            explanations.add(new Inspection.Explanation(given.getKey(), text));
        }
        Inspection inspection = new Inspection(tripId, user.name(), user.unit(), clock.instant(), container, gpsSeal,
                customsSeal, DeskActions.blankless(request.reason()), DeskActions.blankless(request.measures()),
                DeskActions.blankless(request.result()), explanations);
        if (inspection.problem() != null) {
            return new Refused(400, inspection.problem());
        }
        if (inspection.lacksReason()) {
            return new Refused(400, "Có hạng mục không nguyên vẹn: hãy ghi lý do.");
        }
        String refusal = TripClosingRules.refusal(closing.get(), inspection);
        if (refusal != null) {
            return new Refused(409, refusal);
        }
        return new Published(inspection, store.publish(Topic.TRIPS_INSPECTIONS, inspection));
    }

    private static Condition condition(String field, String given) {
        if (given == null || given.isBlank()) {
            throw new DeskActions.Malformed("Thiếu " + field + ": INTACT (nguyên vẹn) hoặc NOT_INTACT (không nguyên "
                    + "vẹn).");
        }
        try {
            return Condition.valueOf(given.strip());
        } catch (IllegalArgumentException e) {
            throw new DeskActions.Malformed(field + " phải là INTACT hoặc NOT_INTACT.");
        }
    }
}
