package vn.customs.cargowatch.ops.desk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import vn.customs.cargowatch.connectors.sms.SentSms;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.connectors.sms.SmsTemplates;
import vn.customs.cargowatch.jobs.alerts.AlertLifecycle;
import vn.customs.cargowatch.jobs.alerts.EscalationProposal;
import vn.customs.cargowatch.jobs.alerts.NearestOffices;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.TripRegistration;
import vn.customs.cargowatch.ops.alerts.AlertStore;
import vn.customs.cargowatch.ops.desk.Views.AlertLine;
import vn.customs.cargowatch.ops.desk.Views.Field;
import vn.customs.cargowatch.ops.desk.Views.Frame;
import vn.customs.cargowatch.ops.desk.Views.Near;
import vn.customs.cargowatch.ops.desk.Views.Proposal;
import vn.customs.cargowatch.ops.desk.Views.Step;
import vn.customs.cargowatch.ops.desk.Views.Text;

/**
 * What the alert pages show, from the store: the list of a user's open alerts, one alert with its place, trip,
 * phones, history, SMS and the actions the user may take now, the Phụ lục II proposal, the gate review list.
 */
final class AlertViews {

    private final AlertStore store;
    private final Path smsLedger;

    AlertViews(AlertStore store, Path smsLedger) {
        this.store = store;
        this.smsLedger = smsLedger;
    }

    /**
     * The open alerts {@code user} may see, newest first, of {@code type} and {@code unit} when given: those listed
     * under their units, and for the General Department also under the ICDs (a gate alert of an ICD no Branch lists
     * is listed there alone).
     */
    List<Alert> visible(DeskUser user, Rights rights, String type, String unit) {
        Set<String> units = new LinkedHashSet<>(rights.unitsOf(user.unit()));
        if (rights.general(user.unit())) {
            // every unit the offices name, not only those reachable from the General Department by parentCode (a
            // Department missing from customs.offices still has its Branches' alerts), and the ICDs
            units.addAll(rights.allUnits());
            units.addAll(store.icds());
        }
        return store.openAlerts(units).stream()
                .filter(alert -> rights.owns(user, alert))
                .filter(alert -> type == null || type.isBlank() || (alert.type() != null
                        && alert.type().name().equals(type)))
                .filter(alert -> unit == null || unit.isBlank() || unit.equals(alert.branchCode())
                        || unit.equals(alert.departmentCode()))
                .toList();
    }

    static AlertLine line(Alert alert) {
        return new AlertLine(alert.alertId(), alert.type() == null ? "-" : alert.type().name(),
                alert.severity() == null ? "-" : alert.severity().name(), Views.state(alert.state()),
                Views.or(alert.containerNo()), Views.time(alert.startTs()), Views.or(alert.branchCode()),
                Views.or(alert.departmentCode()), place(alert));
    }

    /** The alert's page for {@code user}; the actions offered are those the lifecycle and the rights allow now. */
    Views.AlertPage page(Frame frame, DeskUser user, Alert alert, String message, String error) {
        List<CustomsOffice> offices = store.offices();
        Rights rights = new Rights(offices);
        List<AlertHistoryEntry> history = store.history(alert.alertId());
        List<AlertAction> pending = store.pending(alert.alertId(), history);
        AlertLifecycle.Result expected = AlertStore.expected(alert, history, pending, rights.generalDepartment());
        List<String> actions = Arrays.stream(Action.values())
                .filter(action -> action != Action.ESCALATE)
                .filter(action -> rights.refusal(user, alert, expected.unitAsked(), action) == null)
                .filter(action -> AlertLifecycle.apply(alert, expected.state(), expected.unitAsked(),
                        probe(alert, user, action, expected.unitAsked()), rights.generalDepartment()).accepted())
                .map(Action::name).toList();
        Optional<TripRegistration> registration = alert.tripId() == null ? Optional.empty()
                : store.registration(alert.tripId());
        List<Contact> contacts = alert.tripId() == null ? List.of()
                : store.contacts(alert.tripId(), registration.map(TripRegistration::ts).orElse(null));
        return new Views.AlertPage(frame, alert.alertId(), details(alert, expected.state()), nearest(alert, offices),
                trip(registration), contacts(contacts), history.stream().map(AlertViews::step).toList(),
                pending.stream().map(AlertViews::pendingStep).toList(), texts(alert.alertId()),
                smsLedger != null && Files.exists(smsLedger), actions,
                proposal(alert, offices, registration).orElse(null), message, error,
                alert.details() != null && alert.details().evidence() != null);
    }

    /** An action of {@code kind} as the user would send it, to ask the lifecycle whether it is open now. */
    private static AlertAction probe(Alert alert, DeskUser user, Action kind, String unitAsked) {
        String to = kind == Action.PROPOSE || kind == Action.ESCALATE ? "?" : null;
        AlertAction.Finding finding = kind == Action.ONSITE_RESULT ? AlertAction.Finding.UNCLEAR : null;
        return new AlertAction(alert.alertId(), kind, user.name(), user.unit(), Instant.now(), null, to, finding, null);
    }

    private static List<Field> details(Alert alert, AlertState expected) {
        AlertDetails details = alert.details() == null ? AlertDetails.NONE : alert.details();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Mã cảnh báo", alert.alertId()));
        fields.add(new Field("Loại", SmsTemplates.label(alert.type(), details) + " (" + alert.type() + ")"));
        fields.add(new Field("Mức độ", alert.severity() == null ? "-" : alert.severity().name()));
        fields.add(new Field("Trạng thái", Views.state(alert.state())));
        if (expected != (alert.state() == null ? AlertState.OPEN : alert.state())) {
            fields.add(new Field("Sau các thao tác đang chờ", Views.state(expected)));
        }
        fields.add(new Field("Container", Views.or(alert.containerNo())));
        fields.add(new Field("Chuyến", Views.or(alert.tripId())));
        fields.add(new Field("Bắt đầu (giờ VN)", Views.time(alert.startTs())));
        fields.add(new Field("Kết thúc (giờ VN)", Views.time(alert.endTs())));
        fields.add(new Field("Vị trí", place(alert)));
        fields.add(new Field("Chi cục", Views.or(alert.branchCode())));
        fields.add(new Field("Cục", Views.or(alert.departmentCode())));
        return fields;
    }

    private static String place(Alert alert) {
        if (alert.lat() != null && alert.lon() != null) {
            return String.format(Locale.ROOT, "%.5f, %.5f", alert.lat(), alert.lon());
        }
        return alert.details() != null && alert.details().icdCode() != null ? "ICD " + alert.details().icdCode() : "-";
    }

    private static List<Near> nearest(Alert alert, List<CustomsOffice> offices) {
        if (alert.lat() == null || alert.lon() == null) {
            return List.of();
        }
        return NearestOffices.branchesByDistance(offices, alert.lat(), alert.lon()).stream()
                .limit(EscalationProposal.CANDIDATES)
                .map(ranked -> new Near(ranked.office().unitCode(), Views.or(ranked.office().name()),
                        Views.km(ranked.km()), Views.or(ranked.office().phone()),
                        ranked.office().unitCode().equals(alert.branchCode())))
                .toList();
    }

    static List<Field> trip(Optional<TripRegistration> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        TripRegistration trip = found.get();
        return List.of(new Field("Tờ khai", Views.or(trip.declarationNo())),
                new Field("Container", Views.or(trip.containerNo())),
                new Field("Biển số xe", Views.or(trip.truckPlate())),
                new Field("Biển số rơ moóc", Views.or(trip.trailerPlate())),
                new Field("Loại hình", trip.regime() == null ? "-" : trip.regime().name()),
                new Field("Nơi đi", Views.or(trip.originName())),
                new Field("Nơi đến", Views.or(trip.destinationName())),
                new Field("Dự kiến đến (giờ VN)", Views.time(trip.expectedEnd())),
                new Field("Seal (IMEI)", Views.or(trip.imei())));
    }

    private static List<Field> contacts(List<Contact> contacts) {
        return contacts.stream().filter(contact -> contact.phone() != null)
                .map(contact -> new Field(role(contact.role()) + (contact.name() == null ? "" : " " + contact.name()),
                        contact.phone()))
                .toList();
    }

    private static String role(Contact.Role role) {
        if (role == null) {
            return "Liên hệ";
        }
        return switch (role) {
            case DRIVER -> "Lái xe";
            case DECLARANT -> "Người khai hải quan";
            case COMPANY -> "Doanh nghiệp";
        };
    }

    static Step step(AlertHistoryEntry entry) {
        return new Step(Views.time(entry.ts()), entry.action().name(),
                Views.state(entry.fromState()) + " → " + Views.state(entry.toState()), entry.by(), entry.byUnit(),
                Views.or(entry.byAddress()), Views.or(entry.escalateTo()),
                entry.finding() == null ? "-" : entry.finding().name(), Views.or(entry.closingReason()),
                Views.or(entry.note()));
    }

    private static Step pendingStep(AlertAction action) {
        return new Step(Views.time(action.ts()), action.action().name(), "đang chờ hệ thống áp dụng", action.by(),
                action.byUnit(), Views.or(action.byAddress()), Views.or(action.escalateTo()),
                action.finding() == null ? "-" : action.finding().name(), Views.or(action.closingReason()),
                Views.or(action.note()));
    }

    private List<Text> texts(String alertId) {
        if (smsLedger == null || !Files.exists(smsLedger)) {
            return List.of();
        }
        try {
            return SmsLedger.read(smsLedger).stream().filter(sms -> alertId.equals(sms.alertId()))
                    .map(AlertViews::text).toList();
        } catch (IOException e) {
            return List.of(new Text("-", "-", "không đọc được sổ SMS " + smsLedger + ": " + e.getMessage()));
        }
    }

    private static Text text(SentSms sms) {
        String delivery = switch (sms.delivery()) {
            case DELIVERED -> "đã nhận " + sms.deliveredAt().map(Views::time).orElse("");
            case FAILED -> "KHÔNG gửi được: " + sms.failure().map(failure -> failure.state() + " (lỗi mạng "
                    + failure.error() + ")").orElse("");
            case AWAITING -> "chưa có báo nhận";
        };
        return new Text(Views.time(sms.sentAt()), Views.or(sms.recipient()), delivery);
    }

    /** The Phụ lục II form: the proposed unit is the nearest Branch other than the alert's own. */
    Optional<Proposal> proposal(Alert alert, List<CustomsOffice> offices, Optional<TripRegistration> registration) {
        return EscalationProposal.of(alert, offices).map(proposal -> {
            Optional<EscalationProposal.Candidate> proposed = proposal.proposed();
            CustomsOffice unit = proposed.map(EscalationProposal.Candidate::office).orElse(null);
            AlertDetails details = alert.details() == null ? AlertDetails.NONE : alert.details();
            return new Proposal(alert.alertId(), SmsTemplates.label(alert.type(), details),
                    registration.map(TripRegistration::declarationNo).map(Views::or).orElse("-"),
                    Views.or(alert.containerNo()), place(alert) + (alert.nearestOffice() == null ? ""
                            : " (gần " + alert.nearestOffice().name() + ")"),
                    Views.time(alert.startTs()),
                    proposal.ownBranch() != null ? Views.or(proposal.ownBranch().name()) : Views.or(alert.branchCode()),
                    unit == null ? "" : unit.unitCode(), unit == null ? "-" : Views.or(unit.name()),
                    unit == null ? "-" : Views.or(unit.phone()), proposal.text());
        });
    }

    Optional<Proposal> proposal(Alert alert) {
        Optional<TripRegistration> registration = alert.tripId() == null ? Optional.empty()
                : store.registration(alert.tripId());
        return proposal(alert, store.offices(), registration);
    }

    /** The review items of the ICDs of {@code user}'s Branches (every ICD for the General Department). */
    List<Views.ReviewLine> review(DeskUser user, Rights rights, List<CustomsOffice> offices, Instant shiftEnd) {
        return store.review(shiftEnd).stream().filter(item -> rights.reviews(user, item.icdCode()))
                .map(AlertViews::reviewLine).toList();
    }

    private static Views.ReviewLine reviewLine(ReviewItem item) {
        String reviewed = item.isOpen() ? "" : item.reviewedBy() + " (" + item.reviewedByUnit() + "), "
                + Views.time(item.reviewedAt()) + (item.completedContainerNo() == null ? ""
                        : ": " + item.completedContainerNo() + " " + Views.or(item.completedPlate()))
                + (item.reviewNote() == null ? "" : ": " + item.reviewNote());
        String state = item.isOpen() ? "Chưa xử lý" : item.state() == ReviewItem.State.COMPLETED ? "Đã bổ sung"
                : "Đã xác nhận";
        String completeWith = item.containerNo() != null ? item.containerNo()
                : item.containerNoRead() == null ? "" : item.containerNoRead();
        return new Views.ReviewLine(item.eventId(), Views.or(item.icdCode()), Views.or(item.gateId()),
                Views.or(item.cameraId()), Views.time(item.ts()), item.kind() == null ? "-" : item.kind().name(),
                Views.or(item.containerNoRead()), Views.or(item.containerNo()), Views.or(item.plate()),
                Views.or(item.reason()), state, reviewed, item.isOpen(), item.kind() == ReviewItem.Kind.CORRECTED,
                completeWith, item.plate() == null ? "" : item.plate());
    }
}
