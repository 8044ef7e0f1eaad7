package vn.customs.cargowatch.ops.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.customs.cargowatch.connectors.sms.SmsTemplates;
import vn.customs.cargowatch.jobs.gate.GateRules;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.ops.UserError;
import vn.customs.cargowatch.ops.alerts.AlertStore;
import vn.customs.cargowatch.ops.desk.Rights;

/**
 * The on-duty journal of one shift and its handover list: {@code report shift --unit UNIT --at TIME}.
 *
 * <p>The shift is the one containing {@code at}, [start, end) as the gate rules cut the day ({@code gate.shiftChanges},
 * {@link GateRules#shiftStart}, {@link GateRules#shiftEnd}), in Vietnam time. For a Branch, a Department or the General
 * Department it is the journal of 3740 Phụ lục I (NHẬT KÝ TRUNG TÂM GIÁM SÁT: date, shift, system state, containers
 * whose monitoring started and ended) followed by what §I.10.3.b has the shift hand over: the shipments still under
 * watch at the end, with the open alerts and the arrived trips awaiting their closing (3740 §II.3, overdue past
 * {@link TripClosing#overdueAt}). For an ICD — or a unit whose Branches list ICDs — it adds the gate part of 1572:
 * the end-of-shift review of incomplete reads, reviewed or not (§II.1.5), and the camera incidents of the incident
 * log ({@code cameras.incidents}, §II.1.8) overlapping the shift: silent or sending useless images, each with the
 * check its images failed, while officers checked its gate by hand (§I.3.4).
 *
 * <p>Everything is as of the shift's end, from what the pipeline wrote: a trip counts as under watch if activated
 * before the end and not ended before it; an alert is handed over if raised before the end and no action before the
 * end resolved it (its history); an arrived trip awaits closing if no inspection before the end closed it. A unit's
 * trips are its own (departure Branch or Department, as on {@code trips.status}); a trip that ended monitoring counts
 * at its destination Branch too. Dead letters are the pipeline's, not a unit's: the journal counts them all. Whether
 * the pipeline was running is not in its outputs: with {@code prometheus.url} the journal asks the operators'
 * Prometheus ({@link PipelineUptime}), minute by minute; without it, it says it cannot tell. It also gives the newest
 * record of the shift it holds.
 */
public final class ShiftJournal {

    /**
     * How far before the shift's end an alert or an arrival is looked for; what is older still open
     * comes from the units' current lists ({@link AlertStore#openAlerts}, {@link AlertStore#openClosings}).
     */
    static final Duration LOOKBACK = Duration.ofDays(7);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(Times.VIETNAM);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy")
            .withZone(Times.VIETNAM);

    /** The CSV's columns (docs/reports.md, "Shift journal and handover"). */
    static final List<String> CSV_KEYS = List.of("unit", "shift_start_utc", "shift_end_utc", "section", "id",
            "container_no", "type", "state", "from_utc", "to_utc", "unit_code", "count", "kind", "reason");

    private final AlertStore store;
    private final String unit;
    private final Instant start;
    private final Instant end;
    private final Rights rights;
    private final Map<String, CustomsOffice> offices;
    /** The unit and those below it; empty for an ICD, which has no trips of its own. */
    private final Set<String> units;
    private final Set<String> icds;
    private final boolean general;
    /** Prometheus's {@code prometheus.url}: where the pipeline's uptime is asked for; null: none configured. */
    private final String prometheusUrl;
    private final List<List<String>> csv = new ArrayList<>();

    private ShiftJournal(AlertStore store, String unit, Instant at, List<LocalTime> shiftChanges,
            String prometheusUrl) {
        this.store = store;
        this.prometheusUrl = prometheusUrl == null || prometheusUrl.isBlank() ? null : prometheusUrl;
        this.unit = unit;
        this.start = GateRules.shiftStart(at, shiftChanges);
        this.end = GateRules.shiftEnd(at, shiftChanges);
        List<CustomsOffice> known = store.offices();
        this.rights = new Rights(known);
        this.offices = known.stream().collect(Collectors.toMap(CustomsOffice::unitCode, Function.identity(),
                (a, b) -> b));
        if (offices.containsKey(unit)) {
            this.units = rights.unitsOf(unit);
            this.icds = rights.icdsOf(unit);
            this.general = rights.general(unit);
        } else if (known.stream().anyMatch(office -> office.supervises(unit)) || store.icds().contains(unit)) {
            this.units = Set.of();
            this.icds = Set.of(unit);
            this.general = false;
        } else {
            throw new UserError("unknown unit " + unit + ": neither a customs unit of customs.offices nor an ICD a "
                    + "Branch lists (" + store.describe() + ")");
        }
    }

    /** The journal of {@code unit}'s shift containing {@code at}, shifts cut at {@code shiftChanges}. */
    public static Report of(AlertStore store, String unit, Instant at, List<LocalTime> shiftChanges) {
        return of(store, unit, at, shiftChanges, null);
    }

    /** With the pipeline's uptime in the shift from the Prometheus at {@code prometheusUrl} (null or "": none). */
    public static Report of(AlertStore store, String unit, Instant at, List<LocalTime> shiftChanges,
            String prometheusUrl) {
        return new ShiftJournal(store, unit, at, shiftChanges, prometheusUrl).build();
    }

    private Report build() {
        boolean icd = units.isEmpty();
        List<TripStatus> monitored = icd ? List.of() : store.tripsMonitored(general ? rights.allUnits() : units,
                start, end);
        List<TripStatus> trips = monitored.stream().filter(this::ownsTrip)
                .sorted(Comparator.comparing(TripStatus::activatedTs)).toList();
        List<TripStatus> started = trips.stream().filter(trip -> within(trip.activatedTs())).toList();
        Map<String, TripClosing> arrivedInShift = store.closingsArrived(start, end).stream()
                .collect(Collectors.toMap(TripClosing::tripId, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        List<TripStatus> ended = monitored.stream()
                .filter(trip -> within(trip.endTs()) && (ownsTrip(trip) || destinedHere(arrivedInShift.get(
                        trip.tripId()))))
                .sorted(Comparator.comparing(TripStatus::endTs)).toList();
        List<TripStatus> underWatch = trips.stream()
                .filter(trip -> trip.endTs() == null || !trip.endTs().isBefore(end)).toList();
        Map<String, Instant> lastFixes = store.lastFixes(trips.stream().map(TripStatus::tripId)
                .collect(Collectors.toCollection(LinkedHashSet::new)), end);
        List<CameraIncident> cameras = camerasDown();
        List<DeadLetter> letters = store.deadLetters(start, end);
        List<ReviewItem> review = icds.isEmpty() ? List.of() : store.review(end).stream()
                .filter(item -> in(icds, item.icdCode())).toList();
        List<HandedAlert> alerts = openAlertsAtEnd();
        List<TripClosing> closings = icd ? List.of() : awaitingClosing();

        Optional<Instant> newest = newestRecord(lastFixes.values(), alerts, review, letters);
        Optional<PipelineUptime.Uptime> uptime = Optional.ofNullable(prometheusUrl)
                .map(url -> PipelineUptime.of(url, start, end));
        String systemState = systemState(uptime, newest, letters, cameras);

        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Table("1. Nhật ký ca trực (Phụ lục I, Quyết định 3740/QĐ-TCHQ)",
                List.of("Ngày/tháng/năm", "Ca làm việc (từ thời gian - đến)", "Tình trạng hệ thống",
                        "Số hiệu container xuất phát", "Số hiệu container kết thúc giám sát", "Ký, ghi rõ họ tên"),
                List.of("date", "shift", "system_state", "started", "ended", "signature"),
                List.of(List.of(DATE.format(start), CLOCK.format(start) + " - " + CLOCK.format(end), systemState,
                        containers(started, icd), containers(ended, icd), ""))));
        sections.add(systemSection(uptime, newest, letters));
        if (!icd) {
            sections.add(new Report.Table("3. Container bắt đầu giám sát trong ca (kích hoạt seal)",
                    List.of("#", "Số hiệu container", "Chuyến", "Loại hình", "Kích hoạt lúc", "Chi cục quản lý"),
                    List.of("number", "container_no", "trip_id", "regime", "activated", "branch"),
                    numbered(started, trip -> List.of(ReportText.or(trip.containerNo()), trip.tripId(),
                            TripSummary.regime(trip.regime()), time(trip.activatedTs()), ReportText.or(trip.branchCode())))));
            sections.add(new Report.Table("4. Container kết thúc giám sát trong ca",
                    List.of("#", "Số hiệu container", "Chuyến", "Kết thúc lúc", "Cách kết thúc", "Chi cục đi",
                            "Chi cục đến"),
                    List.of("number", "container_no", "trip_id", "ended", "how", "branch", "destination"),
                    numbered(ended, trip -> List.of(ReportText.or(trip.containerNo()), trip.tripId(), time(trip.endTs()),
                            how(trip), ReportText.or(trip.branchCode()), Optional.ofNullable(arrivedInShift.get(trip.tripId()))
                                    .map(TripClosing::destinationUnit).orElse("-")))));
            sections.add(new Report.Table("5. Danh sách lô hàng đang theo dõi bàn giao cho ca sau (mục I.10.3.b)",
                    List.of("#", "Số hiệu container", "Chuyến", "Loại hình", "Kích hoạt lúc", "Vị trí cuối lúc",
                            "Chi cục quản lý"),
                    List.of("number", "container_no", "trip_id", "regime", "activated", "last_fix", "branch"),
                    numbered(underWatch, trip -> List.of(ReportText.or(trip.containerNo()), trip.tripId(),
                            TripSummary.regime(trip.regime()), time(trip.activatedTs()),
                            time(lastFixes.get(trip.tripId())), ReportText.or(trip.branchCode())))));
        }
        sections.add(new Report.Table((icd ? "3" : "6") + ". Cảnh báo chưa xử lý xong, bàn giao cho ca sau",
                List.of("#", "Cảnh báo", "Container / camera", "Bắt đầu", "Trạng thái lúc hết ca", "Đơn vị"),
                List.of("number", "type", "subject", "started", "state_at_end", "unit"),
                numbered(alerts, handed -> List.of(
                        SmsTemplates.label(handed.alert().type(), details(handed.alert())), subject(handed.alert()),
                        time(handed.alert().startTs()), handed.state().name(), alertUnit(handed.alert())))));
        if (!icd) {
            sections.add(new Report.Table("7. Chuyến đã đến chờ kết thúc giám sát (mục II.3)",
                    List.of("#", "Số hiệu container", "Chuyến", "Đến lúc", "Hạn kết thúc", "Tình trạng lúc hết ca",
                            "Chi cục đến"),
                    List.of("number", "container_no", "trip_id", "arrived", "due", "state_at_end", "destination"),
                    numbered(closings, closing -> List.of(ReportText.or(closing.containerNo()), closing.tripId(),
                            time(closing.arrivedAt()), time(closing.closingDueAt()),
                            overdue(closing) ? "Quá hạn kết thúc" : "Chờ kết thúc",
                            ReportText.or(closing.destinationUnit())))));
        }
        int next = icd ? 4 : 8;
        if (!icds.isEmpty()) {
            sections.add(new Report.Table(next++ + ". Rà soát dữ liệu camera nhận dạng cuối ca (1572 mục II.1.5)",
                    List.of("#", "ICD / cổng", "Lúc", "Nội dung", "Số đọc được", "Tình trạng rà soát", "Người rà soát"),
                    List.of("number", "icd_gate", "ts", "kind", "read", "review", "reviewed_by"),
                    numbered(review, item -> List.of(item.icdCode() + " / " + ReportText.or(item.gateId()), time(item.ts()),
                            item.kind() == ReviewItem.Kind.INCOMPLETE ? "Thiếu thông tin" : "Số container đã sửa",
                            ReportText.or(item.containerNoRead()) + " / " + ReportText.or(item.plate()), reviewState(item),
                            item.reviewedBy() == null ? "-" : item.reviewedBy() + " (" + ReportText.or(item.reviewedByUnit())
                                    + ")"))));
            sections.add(new Report.Table(next++ + ". Sự cố camera trong ca (1572 mục II.1.8)",
                    List.of("#", "ICD / cổng / camera", "Loại sự cố", "Bắt đầu", "Phát hiện lúc", "Hoạt động lại",
                            "Thời gian trong ca"),
                    List.of("number", "camera", "kind", "started", "detected", "resumed", "minutes_in_shift"),
                    numbered(cameras, incident -> List.of(camera(incident), ReportText.incident(incident),
                            time(incident.start()), time(detected(incident)), incident.end() == null
                                    ? "chưa hoạt động lại" : time(incident.end()),
                            minutesInShift(incident) + " phút"))));
        }
        sections.add(new Report.Fields(next + ". Giao nhận ca", List.of(
                new Report.Field("Người giao ca (ký, ghi rõ họ tên)", ""),
                new Report.Field("Người nhận ca (ký, ghi rõ họ tên)", ""))));

        csvRows(started, ended, arrivedInShift, underWatch, alerts, closings, review, cameras, letters);
        uptime.ifPresent(this::uptimeRows);
        return new Report(authority(), icd ? "NHẬT KÝ CA TRỰC VÀ BÀN GIAO CA\nTRUNG TÂM CAMERA GIÁM SÁT"
                : "NHẬT KÝ TRUNG TÂM GIÁM SÁT\nHỆ THỐNG SEAL ĐỊNH VỊ GPS",
                unitName(unit) + " — ca từ " + CLOCK.format(start) + " đến " + CLOCK.format(end)
                        + " và danh sách bàn giao ca",
                icd ? "Quyết định 1572/QĐ-TCHQ, mục I.3.3, II.1.5, II.1.8"
                        : "Phụ lục I và mục I.10.3.b, Quyết định 3740/QĐ-TCHQ",
                sections, new Report.Table("shift", CSV_KEYS, CSV_KEYS, csv));
    }

    // ---- whose it is ----

    private boolean ownsTrip(TripStatus trip) {
        return general || in(units, trip.branchCode()) || in(units, trip.departmentCode());
    }

    private boolean destinedHere(TripClosing closing) {
        return closing != null && (general || in(units, closing.destinationUnit()));
    }

    /** A unit's alerts as the desk shows them (3740 §I.7); an ICD's are the gate alerts of its cameras. */
    private boolean ownsAlert(Alert alert) {
        if (!units.isEmpty() && rights.owns(unit, alert)) {
            return true;
        }
        return alert.details() != null && in(icds, alert.details().icdCode());
    }

    /** Whether {@code code} is one of {@code codes} (the sets of units and ICDs take no null). */
    private static boolean in(Set<String> codes, String code) {
        return code != null && codes.contains(code);
    }

    // ---- as of the shift's end ----

    private boolean within(Instant ts) {
        return ts != null && !ts.isBefore(start) && ts.isBefore(end);
    }

    /** An alert handed over, with the state its handling had reached at the shift's end. */
    record HandedAlert(Alert alert, AlertState state) {}

    /**
     * The unit's alerts raised before the shift's end (detected, else begun) and not resolved by an action before it.
     * The candidates: those still open now, and those begun in the {@link #LOOKBACK} before the end (a later action may
     * have resolved them since).
     */
    private List<HandedAlert> openAlertsAtEnd() {
        Set<String> partitions = new LinkedHashSet<>(units);
        partitions.addAll(icds);
        Map<String, Alert> candidates = new LinkedHashMap<>();
        store.openAlerts(partitions).forEach(alert -> candidates.put(alert.alertId(), alert));
        store.alertsBegun(end.minus(LOOKBACK), end, null).forEach(alert -> candidates.putIfAbsent(alert.alertId(),
                alert));
        List<HandedAlert> handed = new ArrayList<>();
        for (Alert alert : candidates.values()) {
            Instant raised = alert.detectedAt() != null ? alert.detectedAt() : alert.startTs();
            if (raised == null || !raised.isBefore(end) || !ownsAlert(alert)) {
                continue;
            }
            AlertState state = AlertState.OPEN;
            for (AlertHistoryEntry entry : store.history(alert.alertId())) {
                if (entry.ts().isBefore(end) && entry.toState() != null) {
                    state = entry.toState();
                }
            }
            if (state != AlertState.RESOLVED && state != AlertState.CLOSED) {
                handed.add(new HandedAlert(alert, state));
            }
        }
        handed.sort(Comparator.comparing(h -> h.alert().startTs(), Comparator.nullsLast(Comparator.naturalOrder())));
        return handed;
    }

    /** The unit's arrived trips not closed by an inspection before the shift's end, oldest arrival first. */
    private List<TripClosing> awaitingClosing() {
        Map<String, TripClosing> candidates = new LinkedHashMap<>();
        store.openClosings(general ? rights.allUnits() : units).forEach(c -> candidates.put(c.tripId(), c));
        store.closingsArrived(end.minus(LOOKBACK), end).forEach(c -> candidates.putIfAbsent(c.tripId(), c));
        return candidates.values().stream()
                .filter(closing -> destinedHere(closing) && closing.arrivedAt() != null
                        && closing.arrivedAt().isBefore(end)
                        && (closing.inspection() == null || !closing.inspection().ts().isBefore(end)))
                .sorted(Comparator.comparing(TripClosing::arrivedAt)).toList();
    }

    /** Overdue at the shift's end: the trip was still awaiting then, whatever became of it since. */
    private boolean overdue(TripClosing closing) {
        return new TripClosing(closing.tripId(), closing.imei(), closing.containerNo(), closing.destinationUnit(),
                closing.branchCode(), closing.departmentCode(), closing.arrivedAt(), closing.arrivedBy(),
                closing.closingDueAt(), TripClosing.State.AWAITING, null, closing.ts()).overdueAt(end);
    }

    /** The incidents of the unit's ICDs' cameras that overlap the shift, as the incident log has them. */
    private List<CameraIncident> camerasDown() {
        return icds.isEmpty() ? List.of() : store.cameraIncidents(icds, start, end);
    }

    /**
     * When the pipeline raised the incident's alert (the incident's id is its alert's): {@code gate.cameraSilence}
     * after the last read, or at the image that made the run of useless ones long enough; null if the alert is gone.
     */
    private Instant detected(CameraIncident incident) {
        return store.alert(incident.incidentId()).map(Alert::detectedAt).orElse(null);
    }

    private long minutesInShift(CameraIncident incident) {
        return CameraQuarter.inside(incident, start, end).toMinutes();
    }

    // ---- system state: what the data can say ----

    /** The newest event time in the shift among the records the pipeline wrote for the unit. */
    private Optional<Instant> newestRecord(Collection<Instant> fixes, List<HandedAlert> alerts,
            List<ReviewItem> review, List<DeadLetter> letters) {
        List<Instant> times = new ArrayList<>(fixes);
        alerts.forEach(handed -> times.add(handed.alert().detectedAt()));
        review.forEach(item -> times.add(item.ts()));
        letters.forEach(letter -> times.add(letter.ts()));
        return times.stream().filter(this::within).max(Comparator.naturalOrder());
    }

    private String systemState(Optional<PipelineUptime.Uptime> uptime, Optional<Instant> newest,
            List<DeadLetter> letters, List<CameraIncident> cameras) {
        String running = uptime.map(known -> "Hệ thống chạy " + known.upMinutes() + "/" + known.knownMinutes()
                + " phút có số liệu" + (known.down().isEmpty() ? "" : ", ngừng " + known.down().size() + " lần")
                + "; ").orElse("");
        String data = newest.map(ts -> "Dữ liệu đến " + Times.vietnamShort(ts))
                .orElse("Không có dữ liệu của đơn vị trong ca");
        return running + data + "; " + letters.size() + " bản ghi lỗi"
                + (icds.isEmpty() ? "" : "; " + cameras.size() + " sự cố camera");
    }

    /** What Prometheus says of the pipeline in the shift, or why nothing is said. */
    private String running(Optional<PipelineUptime.Uptime> uptime) {
        if (uptime.isEmpty()) {
            return "Không cấu hình Prometheus (prometheus.url): dữ liệu đã xử lý không cho biết hệ thống có ngừng "
                    + "trong ca hay không (giám sát vận hành: cảnh báo JobDown).";
        }
        PipelineUptime.Uptime known = uptime.get();
        long shiftMinutes = Duration.between(start, end).toMinutes();
        if (known.knownMinutes() == 0) {
            return "Prometheus không có số liệu nào trong ca.";
        }
        String down = known.down().stream().map(stretch -> CLOCK.format(stretch.from()) + " - "
                + CLOCK.format(stretch.to())).collect(Collectors.joining("\n"));
        return "Chạy " + known.upMinutes() + " trong " + known.knownMinutes() + " phút Prometheus có số liệu (ca "
                + shiftMinutes + " phút)" + (down.isEmpty() ? "; không ngừng." : "; ngừng:\n" + down);
    }

    private void uptimeRows(PipelineUptime.Uptime uptime) {
        row("PIPELINE", "job", null, String.valueOf(uptime.knownMinutes()), uptime.down().isEmpty() ? "UP" : "DOWN",
                start, end, null, String.valueOf(uptime.upMinutes()));
        uptime.down().forEach(stretch -> row("PIPELINE_DOWN", "job", null, null, "DOWN", stretch.from(),
                stretch.to(), null, String.valueOf(Duration.between(stretch.from(), stretch.to()).toMinutes())));
    }

    private Report.Section systemSection(Optional<PipelineUptime.Uptime> uptime, Optional<Instant> newest,
            List<DeadLetter> letters) {
        Map<String, Long> byTopicAndKind = new TreeMap<>();
        letters.forEach(letter -> byTopicAndKind.merge(letter.topic() + " / " + (letter.kind() == null ? "-"
                : letter.kind().name()), 1L, Long::sum));
        String counts = byTopicAndKind.isEmpty() ? "không có" : byTopicAndKind.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining("\n"));
        return new Report.Fields("2. Tình trạng hệ thống", List.of(
                new Report.Field("Bản ghi mới nhất trong ca", newest.map(Times::vietnamTime)
                        .orElse("không có bản ghi nào của đơn vị trong ca")),
                new Report.Field("Hệ thống hoạt động", running(uptime)),
                new Report.Field("Bản ghi lỗi (deadletter) trong ca, toàn hệ thống", letters.size() + (letters.isEmpty()
                        ? "" : "\n" + counts)),
                new Report.Field("Camera ngừng hoạt động", icds.isEmpty() ? "đơn vị không giám sát ICD"
                        : "xem mục sự cố camera")));
    }

    // ---- the CSV: one table for the analytics team ----

    private void csvRows(List<TripStatus> started, List<TripStatus> ended, Map<String, TripClosing> arrived,
            List<TripStatus> underWatch, List<HandedAlert> alerts, List<TripClosing> closings,
            List<ReviewItem> review, List<CameraIncident> cameras, List<DeadLetter> letters) {
        started.forEach(trip -> row("ACTIVATED", trip.tripId(), trip.containerNo(), name(trip.regime()),
                name(trip.state()), trip.activatedTs(), trip.endTs(), trip.branchCode(), null));
        ended.forEach(trip -> row("ENDED", trip.tripId(), trip.containerNo(), name(trip.regime()),
                name(trip.state()), trip.activatedTs(), trip.endTs(), Optional.ofNullable(arrived.get(trip.tripId()))
                        .map(TripClosing::destinationUnit).orElse(trip.branchCode()), null));
        underWatch.forEach(trip -> row("UNDER_WATCH", trip.tripId(), trip.containerNo(), name(trip.regime()),
                name(trip.state()), trip.activatedTs(), null, trip.branchCode(), null));
        alerts.forEach(handed -> row("OPEN_ALERT", handed.alert().alertId(), handed.alert().containerNo(),
                name(handed.alert().type()), handed.state().name(), handed.alert().startTs(), handed.alert().endTs(),
                alertUnit(handed.alert()), null));
        closings.forEach(closing -> row("AWAITING_CLOSING", closing.tripId(), closing.containerNo(), null,
                overdue(closing) ? "OVERDUE" : "AWAITING", closing.arrivedAt(), closing.closingDueAt(),
                closing.destinationUnit(), null));
        review.forEach(item -> row("REVIEW_ITEM", item.eventId(), item.containerNo() != null ? item.containerNo()
                : item.containerNoRead(), name(item.kind()), reviewCode(item), item.ts(), item.reviewedAt(),
                item.icdCode(), null));
        cameras.forEach(incident -> row("CAMERA_DOWN", incident.incidentId(), null, incident.cameraId(),
                incident.end() != null ? "RESUMED" : name(incident.kind()), incident.start(), incident.end(),
                incident.icdCode(), String.valueOf(minutesInShift(incident)), name(incident.kind()),
                incident.reason()));
        Map<String, Long> counted = new TreeMap<>();
        letters.forEach(letter -> counted.merge(letter.topic() + "\n" + name(letter.kind()), 1L, Long::sum));
        counted.forEach((topicAndKind, count) -> {
            String[] parts = topicAndKind.split("\n", -1);
            row("DEADLETTERS", parts[0], null, parts[1], null, start, end, null, String.valueOf(count));
        });
    }

    private void row(String section, String id, String containerNo, String type, String state, Instant from,
            Instant to, String unitCode, String count) {
        row(section, id, containerNo, type, state, from, to, unitCode, count, null, null);
    }

    private void row(String section, String id, String containerNo, String type, String state, Instant from,
            Instant to, String unitCode, String count, String kind, String reason) {
        csv.add(List.of(unit, start.toString(), end.toString(), section, text(id), text(containerNo), text(type),
                text(state), from == null ? "" : from.toString(), to == null ? "" : to.toString(), text(unitCode),
                text(count), text(kind), text(reason)));
    }

    // ---- words ----

    private static String reviewState(ReviewItem item) {
        if (item.isOpen()) {
            return "Chưa rà soát";
        }
        String done = item.state() == ReviewItem.State.COMPLETED ? "Đã bổ sung" : "Đã xác nhận";
        return done + " " + time(item.reviewedAt()) + (item.reviewedAt() != null
                && !item.reviewedAt().isBefore(item.shiftEnd()) ? " (sau khi hết ca)" : "");
    }

    /** REVIEWED in the shift, LATE after its end, OPEN not yet. */
    private static String reviewCode(ReviewItem item) {
        if (item.isOpen()) {
            return "OPEN";
        }
        return item.reviewedAt() != null && !item.reviewedAt().isBefore(item.shiftEnd()) ? "LATE" : "REVIEWED";
    }

    private static String how(TripStatus trip) {
        if (trip.state() == TripStatus.State.CANCELLED) {
            return "Hủy";
        }
        return trip.arrivedBy() == TripStatus.ArrivedBy.GATE_CAMERA ? "Camera cổng ICD" : "Xác nhận đến";
    }

    private static String containers(List<TripStatus> trips, boolean icd) {
        if (icd) {
            return "(xem nhật ký của Chi cục)";
        }
        return trips.isEmpty() ? "không có" : trips.stream().map(trip -> ReportText.or(trip.containerNo()))
                .collect(Collectors.joining("\n"));
    }

    private static String subject(Alert alert) {
        AlertDetails details = details(alert);
        return alert.containerNo() != null ? alert.containerNo()
                : CameraIncident.logs(alert.type()) ? camera(details.icdCode(), details.gateId(), details.cameraId())
                : "-";
    }

    private static String camera(CameraIncident incident) {
        return camera(incident.icdCode(), incident.gateId(), incident.cameraId());
    }

    private static String camera(String icdCode, String gateId, String cameraId) {
        return ReportText.or(icdCode) + " / " + ReportText.or(gateId) + " / " + ReportText.or(cameraId);
    }

    private static String alertUnit(Alert alert) {
        return alert.branchCode() != null ? alert.branchCode()
                : details(alert).icdCode() != null ? details(alert).icdCode() : "-";
    }

    private static AlertDetails details(Alert alert) {
        return alert.details() == null ? AlertDetails.NONE : alert.details();
    }

    private static <T> List<List<String>> numbered(List<T> items, Function<T, List<String>> cells) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(i + 1));
            row.addAll(cells.apply(items.get(i)));
            rows.add(row);
        }
        return rows;
    }

    /** The unit's chain of authority, the General Department first, as the form's top left reads. */
    private List<String> authority() {
        List<String> chain = new ArrayList<>();
        String at = offices.containsKey(unit) ? unit : offices.values().stream()
                .filter(office -> office.supervises(unit)).map(CustomsOffice::unitCode).findFirst().orElse(null);
        Set<String> seen = new LinkedHashSet<>();
        while (at != null && seen.add(at) && offices.containsKey(at)) {
            CustomsOffice office = offices.get(at);
            if (office.level() != CustomsOffice.Level.GENERAL) {
                chain.add(0, ReportText.upper(unitName(at)));
            }
            at = office.parentCode();
        }
        chain.add(0, "TỔNG CỤC HẢI QUAN");
        if (!offices.containsKey(unit)) {
            chain.add("ICD " + unit);
        }
        return chain;
    }

    private String unitName(String code) {
        return ReportText.unitName(offices, code);
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : Times.vietnamTime(instant);
    }

    private static String name(Enum<?> value) {
        return value == null ? "" : value.name();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
