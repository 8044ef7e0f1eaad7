package vn.customs.cargowatch.ops.desk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.customs.cargowatch.jobs.gate.ShiftReview;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.ReviewAction;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.TypedText;
import vn.customs.cargowatch.ops.alerts.AlertStore;

/**
 * The gate review list worked through at the desk (1572 §I.4.2, §II.1.5, §I.3.4): an officer completes an open read
 * (a read by hand naming it in {@code completes}, on {@code camera.recognitions}), confirms a corrected one
 * ({@code gate.review.actions}, signed like alert actions), or enters a read by hand while a camera is down. Each
 * record is built on the server — the officer's name, unit and address, {@code ts} now — from what the officer
 * typed, checked against the user's rights ({@link Rights#reviewRefusal}) and the contract, and published through the
 * store. The pipeline's {@code ShiftReview} applies it: the item shows as reviewed once it has.
 */
final class DeskReview {

    /** The camera a read by hand names: no camera read it. */
    static final String HAND = "HAND";

    /** An officer's completion or confirmation of a listed read, as typed. */
    record Request(String eventId, String action, String containerNo, String plate, String note, String shiftEnd) {

        /** The request of a JSON body ({@code eventId, action: COMPLETE|CONFIRM, containerNo?, plate?, note?}). */
        static Request of(JsonNode body) {
            return new Request(DeskActions.Request.text(body, "eventId"), DeskActions.Request.text(body, "action"),
                    DeskActions.Request.text(body, "containerNo"), DeskActions.Request.text(body, "plate"),
                    DeskActions.Request.text(body, "note"), DeskActions.Request.text(body, "shiftEnd"));
        }
    }

    /** A read entered by hand while a camera is down, as typed. */
    record HandRead(String icdCode, String gateId, String lane, String direction, String containerNo,
            String containerNo2, String plate, boolean empty) {

        static HandRead of(JsonNode body) {
            JsonNode empty = body.get("empty");
            if (empty != null && !empty.isNull() && !empty.isBoolean()) {
                throw new DeskActions.Malformed("empty must be true or false");
            }
            return new HandRead(DeskActions.Request.text(body, "icdCode"), DeskActions.Request.text(body, "gateId"),
                    DeskActions.Request.text(body, "lane"), DeskActions.Request.text(body, "direction"),
                    DeskActions.Request.text(body, "containerNo"), DeskActions.Request.text(body, "containerNo2"),
                    DeskActions.Request.text(body, "plate"), empty != null && empty.asBoolean());
        }
    }

    sealed interface Outcome {}

    /** Published: the record as it went, and where. */
    record Published(Object record, String where) implements Outcome {}

    /** Refused, in Vietnamese: 400 malformed, 403 not the user's ICD, 404 not on a list, 409 already reviewed. */
    record Refused(int status, String reason) implements Outcome {}

    private final AlertStore store;
    private final ActionSigner signer;
    private final Clock clock;

    DeskReview(AlertStore store, ActionSigner signer, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.clock = clock;
    }

    /** Completes or confirms the listed read {@code request} names, for {@code user}, from {@code address}. */
    synchronized Outcome review(DeskUser user, String address, Request request) {
        if (request.eventId() == null || request.eventId().isBlank()) {
            return new Refused(400, "Thiếu eventId: lượt nhận dạng cần xử lý.");
        }
        boolean complete = "COMPLETE".equals(request.action());
        if (!complete && !"CONFIRM".equals(request.action())) {
            return new Refused(400, "action phải là COMPLETE (bổ sung) hoặc CONFIRM (xác nhận).");
        }
        Instant now = clock.instant();
        Optional<ReviewItem> found;
        try {
            found = find(request.eventId().strip(), request.shiftEnd(), now);
        } catch (IllegalArgumentException e) {
            return new Refused(400, "shiftEnd không hợp lệ: " + e.getMessage());
        }
        if (found.isEmpty()) {
            return new Refused(404, "Không có lượt nhận dạng " + request.eventId() + " trong danh sách kiểm tra của ca.");
        }
        ReviewItem item = found.get();
        Rights rights = new Rights(store.offices());
        String forbidden = rights.reviewRefusal(user, item.icdCode());
        if (forbidden != null) {
            return new Refused(403, forbidden);
        }
        if (!item.isOpen()) {
            return new Refused(409, "Lượt nhận dạng đã được xử lý (" + item.state() + ", " + item.reviewedBy() + ").");
        }
        return complete ? complete(user, item, request, now) : confirm(user, address, item, request, now);
    }

    /** Enters a read by hand at one of {@code user}'s ICDs while its camera is down (1572 §I.3.4). */
    synchronized Outcome handRead(DeskUser user, HandRead typed) {
        if (typed.icdCode() == null || typed.icdCode().isBlank()) {
            return new Refused(400, "Thiếu ICD.");
        }
        String icd = typed.icdCode().strip();
        String forbidden = new Rights(store.offices()).reviewRefusal(user, icd);
        if (forbidden != null) {
            return new Refused(403, forbidden);
        }
        Direction direction;
        try {
            direction = Direction.valueOf(typed.direction() == null ? "" : typed.direction().strip());
        } catch (IllegalArgumentException e) {
            return new Refused(400, "Chiều phải là IN (vào) hoặc OUT (ra).");
        }
        List<String> problems = new ArrayList<>();
        String containerNo = container(typed.containerNo(), "containerNo", !typed.empty(), problems);
        String containerNo2 = container(typed.containerNo2(), "containerNo2", false, problems);
        String plate = plate(typed.plate(), problems);
        if (!problems.isEmpty()) {
            return new Refused(400, String.join(" ", problems));
        }
        Recognition read = new Recognition("HAND-" + UUID.randomUUID(), icd, blankless(typed.gateId()),
                blankless(typed.lane()), HAND, direction, clock.instant(), containerNo, containerNo2, plate, null,
                typed.empty() ? Boolean.TRUE : null, null, user.name(), user.unit(), null);
        return publish(read);
    }

    private Outcome complete(DeskUser user, ReviewItem item, Request request, Instant now) {
        List<String> problems = new ArrayList<>();
        String containerNo = container(request.containerNo(), "containerNo", true, problems);
        String plate = plate(request.plate(), problems);
        if (item.direction() == null) {
            problems.add("Lượt nhận dạng này không ghi chiều vào/ra (danh sách cũ): hãy nhập tay lượt đọc.");
        }
        if (!problems.isEmpty()) {
            return new Refused(400, String.join(" ", problems));
        }
        // one container per listed read: the second container of a truck is its own item ("<eventId>/2")
        Recognition read = new Recognition(item.eventId() + "-hand-" + now.getEpochSecond(), item.icdCode(),
                item.gateId(), item.lane(), HAND, item.direction(), now, containerNo, null, plate, null, null, null,
                user.name(), user.unit(), item.eventId());
        return publish(read);
    }

    private Outcome confirm(DeskUser user, String address, ReviewItem item, Request request, Instant now) {
        if (item.kind() != ReviewItem.Kind.CORRECTED) {
            return new Refused(409, "Chỉ xác nhận được số container đã được sửa theo số kiểm tra; lượt đọc thiếu "
                    + "thì bổ sung.");
        }
        ReviewAction action = new ReviewAction(item.eventId(), ReviewAction.Action.CONFIRM, user.name(), user.unit(),
                now, blankless(request.note()), address, null);
        String problem = action.problem();
        if (problem != null) {
            return new Refused(400, problem);
        }
        ReviewAction signed = signer.sign(action);
        return new Published(signed, store.publish(Topic.GATE_REVIEW_ACTIONS, signed));
    }

    private Outcome publish(Recognition read) {
        String problem = read.problem();
        if (problem != null) {
            return new Refused(400, problem);
        }
        return new Published(read, store.publish(Topic.CAMERA_RECOGNITIONS, read));
    }

    /**
     * The item of {@code eventId} on the list of {@code shiftEnd}, or (none given) on the current shift's or the two
     * before it, which can still be reviewed.
     */
    private Optional<ReviewItem> find(String eventId, String shiftEnd, Instant now) {
        List<Instant> shifts = new ArrayList<>();
        if (shiftEnd != null && !shiftEnd.isBlank()) {
            shifts.add(Times.parse(shiftEnd.strip()));
        } else {
            Instant current = DeskServer.currentShiftEnd(now);
            shifts.addAll(List.of(current, current.minus(Duration.ofHours(12)), current.minus(Duration.ofHours(24))));
        }
        for (Instant shift : shifts) {
            // reviewable as long as the pipeline keeps the item
            if (!shift.plus(ShiftReview.KEPT_AFTER_SHIFT).isBefore(now)) {
                Optional<ReviewItem> item = store.review(shift).stream()
                        .filter(listed -> listed.eventId().equals(eventId)).findFirst();
                if (item.isPresent()) {
                    return item;
                }
            }
        }
        return Optional.empty();
    }

    /** A container number as typed, normalised and checked by its check digit (ISO 6346); null when left empty. */
    private static String container(String typed, String field, boolean required, List<String> problems) {
        String text = blankless(typed);
        if (text == null) {
            if (required) {
                problems.add("Thiếu số container (" + field + ").");
            }
            return null;
        }
        String normalized = ContainerNumber.normalize(text);
        if (normalized == null || !ContainerNumber.isValid(normalized)) {
            problems.add("Số container " + text + " sai số kiểm tra (ISO 6346): hãy đọc lại (" + field + ").");
            return null;
        }
        return normalized;
    }

    private static String plate(String typed, List<String> problems) {
        String text = blankless(typed);
        if (text == null) {
            problems.add("Thiếu biển số xe (plate).");
        }
        return text;
    }

    private static String blankless(String text) {
        return DeskActions.blankless(text);
    }
}
