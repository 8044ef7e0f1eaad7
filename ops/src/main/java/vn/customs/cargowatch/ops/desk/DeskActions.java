package vn.customs.cargowatch.ops.desk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.customs.cargowatch.jobs.alerts.AlertLifecycle;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertAction.Finding;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.TypedText;
import vn.customs.cargowatch.ops.alerts.AlertStore;

/**
 * An officer's action from the desk (3740 §II.4): built on the server from the signed-in user — {@code by} their
 * name, {@code byUnit} their unit, {@code ts} now, {@code byAddress} the client's address — and from the request only
 * what the officer decides (the action, the note, the unit asked, the finding, the closing reason). It is checked
 * against the user's rights ({@link Rights}), then with the pipeline's own {@link AlertLifecycle} against the alert's
 * state once the actions published and not yet applied are counted (as {@code ./cargowatch alert} does), signed
 * ({@link ActionSigner}) and published on {@code alerts.actions}. The pipeline stays the one place that applies it.
 */
public final class DeskActions {

    /** What the officer asks for; every field as typed, checked by {@link #take}. */
    public record Request(String action, String note, String escalateTo, String finding, String closingReason) {

        /** The request of a JSON body ({@code action, note, escalateTo?, finding?, closingReason?}). */
        static Request of(JsonNode body) {
            return new Request(text(body, "action"), text(body, "note"), text(body, "escalateTo"),
                    text(body, "finding"), text(body, "closingReason"));
        }

        /** The text of {@code field}, null when absent; anything but a string is malformed. */
        static String text(JsonNode body, String field) {
            JsonNode value = body.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new Malformed(field + " must be a string");
            }
            return value.asText();
        }
    }

    /** The outcome, and the HTTP status it answers with. */
    public sealed interface Outcome {
        int status();
    }

    /** Published: the state the action leads to, and where it went. */
    public record Accepted(AlertState state, String where) implements Outcome {
        @Override
        public int status() {
            return 200;
        }
    }

    /** Refused: 400 malformed, 403 not the user's to do, 404 no such alert, 409 the lifecycle refuses it now. */
    public record Refused(int status, String reason) implements Outcome {}

    /** A request that does not say a valid action. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final AlertStore store;
    private final ActionSigner signer;
    private final Clock clock;

    public DeskActions(AlertStore store, ActionSigner signer, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.clock = clock;
    }

    /** Takes {@code request} on {@code alertId} for {@code user}, from {@code address}. */
    public synchronized Outcome take(DeskUser user, String address, String alertId, Request request) {
        AlertAction action;
        try {
            action = build(user, address, alertId, request);
        } catch (Malformed e) {
            return new Refused(400, e.getMessage());
        }
        Optional<Alert> found = store.alert(alertId);
        if (found.isEmpty()) {
            return new Refused(404, "unknown alert " + alertId);
        }
        Alert alert = found.get();
        List<CustomsOffice> offices = store.offices();
        Rights rights = new Rights(offices);
        List<AlertHistoryEntry> history = store.history(alertId);
        List<AlertAction> pending = store.pending(alertId, history);
        AlertLifecycle.Result expected = AlertStore.expected(alert, history, pending, rights.generalDepartment());
        String forbidden = rights.refusal(user, alert, expected.unitAsked(), action.action());
        if (forbidden != null) {
            return new Refused(403, forbidden);
        }
        AlertLifecycle.Result result = AlertLifecycle.apply(alert, expected.state(), expected.unitAsked(), action,
                rights.generalDepartment());
        if (!result.accepted()) {
            return new Refused(409, result.refusal());
        }
        String where = store.publish(Topic.ALERTS_ACTIONS, signer.sign(action));
        return new Accepted(result.state(), where);
    }

    private AlertAction build(DeskUser user, String address, String alertId, Request request) {
        if (request.action() == null || request.action().isBlank()) {
            throw new Malformed("action is missing: one of " + List.of(Action.values()));
        }
        Action kind = parse(Action.class, "action", request.action());
        Finding finding = request.finding() == null || request.finding().isBlank() ? null
                : parse(Finding.class, "finding", request.finding());
        Instant now = clock.instant();
        AlertAction action = new AlertAction(alertId, kind, user.name(), user.unit(), now, blankless(request.note()),
                blankless(request.escalateTo()), finding, blankless(request.closingReason()), address, null);
        String problem = action.problem();
        if (problem != null) {
            throw new Malformed(problem);
        }
        return action;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            throw new Malformed(field + ": '" + text + "' is not one of " + List.of(type.getEnumConstants()));
        }
    }

    /** A field left empty in a form is no field; what is typed is kept in NFC, as the command line does. */
    static String blankless(String text) {
        return text == null || text.isBlank() ? null : TypedText.nfc(text.strip());
    }
}
