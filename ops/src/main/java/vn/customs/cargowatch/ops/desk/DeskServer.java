package vn.customs.cargowatch.ops.desk;

import com.fasterxml.jackson.databind.JsonNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.ops.UserError;
import vn.customs.cargowatch.ops.TypedText;
import vn.customs.cargowatch.ops.alerts.AlertStore;
import vn.customs.cargowatch.ops.desk.Sessions.Session;

/**
 * The desk's routes: the pages (sign-in, the alert list, an alert, its Phụ lục II form, the gate review list, the
 * duty roster, the admin's users page) and the JSON API beside them ({@code POST /api/login}, {@code GET /api/alerts},
 * {@code POST /api/alerts/{id}/actions}, {@code GET} and {@code POST /api/roster}). Who the user is comes from the
 * session cookie alone; every POST but the sign-in needs the session's CSRF token (form field {@code csrf} or header
 * {@code X-CSRF-Token}). Pages without a session send to the sign-in page and back; the API answers 401. docs/desk.md
 * has the security model.
 */
public final class DeskServer {

    static final String COOKIE = "cargowatch_session";
    private static final String PAGES = "vn.customs.cargowatch.ops.desk.pages";

    private final AlertStore store;
    private final DeskUsers users;
    private final DeskActions actions;
    private final DeskRoster roster;
    private final DeskReview review;
    private final DeskClosing closing;
    private final AlertViews views;
    private final Path evidenceDir;
    private final Sessions sessions;
    private final SignInGuard guard;
    private final Passwords passwords;
    private final boolean secureCookies;
    private final Clock clock;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html, null, PAGES);
    private Javalin app;

    /**
     * @param evidenceDir the pipeline's {@code camera.evidenceDir}: the only folder the gate alerts' photos are served
     *     from; null: none is
     * @param onDuty      the pipeline's {@code sms.onDuty}, the roster's fallback; null when the desk cannot know it
     */
    public DeskServer(AlertStore store, DeskUsers users, Path smsLedger, Path evidenceDir, SmsSettings onDuty,
            ActionSigner signer, boolean secureCookies, Clock clock) {
        this(store, users, smsLedger, evidenceDir, onDuty, signer, secureCookies, clock, new Passwords());
    }

    DeskServer(AlertStore store, DeskUsers users, Path smsLedger, Path evidenceDir, SmsSettings onDuty,
            ActionSigner signer, boolean secureCookies, Clock clock, Passwords passwords) {
        this.store = store;
        this.users = users;
        this.actions = new DeskActions(store, signer, clock);
        this.roster = new DeskRoster(store, onDuty, clock);
        this.review = new DeskReview(store, signer, clock);
        this.closing = new DeskClosing(store, clock);
        this.views = new AlertViews(store, smsLedger);
        this.evidenceDir = evidenceDir;
        this.sessions = new Sessions(clock);
        this.guard = new SignInGuard(clock);
        this.passwords = passwords;
        this.secureCookies = secureCookies;
        this.clock = clock;
    }

    /** Listens on {@code host}:{@code port} (0: a free port). */
    public void start(String host, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.get("/", ctx -> ctx.redirect("/alerts"));
            config.routes.get("/login", this::signInPage);
            config.routes.post("/login", this::signInForm);
            config.routes.post("/logout", this::signOut);
            config.routes.get("/alerts", this::alertList);
            config.routes.get("/alerts/{alertId}", this::alertPage);
            config.routes.get("/alerts/{alertId}/proposal", this::proposalPage);
            config.routes.get("/alerts/{alertId}/evidence", this::evidence);
            config.routes.post("/alerts/{alertId}/actions", this::actionForm);
            config.routes.get("/review", this::reviewPage);
            config.routes.post("/review/actions", this::reviewForm);
            config.routes.post("/review/hand", this::handReadForm);
            config.routes.get("/closings", this::closingsPage);
            config.routes.get("/trips/{tripId}/close", this::closePage);
            config.routes.post("/trips/{tripId}/close", this::closeForm);
            config.routes.get("/roster", this::rosterPage);
            config.routes.post("/roster", this::rosterForm);
            config.routes.get("/admin/users", this::usersPage);
            config.routes.post("/admin/users", this::addUser);
            config.routes.post("/admin/users/disable", this::disableUser);
            config.routes.post("/api/login", this::apiLogin);
            config.routes.get("/api/alerts", this::apiAlerts);
            config.routes.post("/api/alerts/{alertId}/actions", this::apiAction);
            config.routes.get("/api/roster", this::apiRoster);
            config.routes.post("/api/roster", this::apiSetRoster);
            config.routes.get("/api/review", this::apiReview);
            config.routes.post("/api/review/actions", this::apiReviewAction);
            config.routes.post("/api/reads", this::apiHandRead);
            config.routes.get("/api/closings", this::apiClosings);
            config.routes.post("/api/trips/{tripId}/close", this::apiClose);
            config.routes.exception(UserError.class, (e, ctx) -> ctx.status(503).result(e.getMessage()));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new UserError("the desk cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        if (app != null) {
            app.stop();
        }
    }

    // ---- who is signed in ----

    /** The signed-in user and their session. */
    private record Signed(DeskUser user, Session session) {}

    /** The session's user, if the cookie names a live session of a user who is still enabled. */
    private Optional<Signed> signed(Context ctx) {
        Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Optional<DeskUser> user = users.find(session.get().user());
        if (user.isEmpty() || user.get().disabled()) {
            sessions.endAllOf(session.get().user());
            return Optional.empty();
        }
        return Optional.of(new Signed(user.get(), session.get()));
    }

    /** The signed-in user of a page, or a redirect to the sign-in page that comes back here. */
    private Optional<Signed> pageUser(Context ctx) {
        Optional<Signed> signed = signed(ctx);
        if (signed.isEmpty()) {
            String back = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
        }
        return signed;
    }

    /** The signed-in user of a POST whose CSRF token matches; otherwise answered 401 or 403 here. */
    private Optional<Signed> postUser(Context ctx, boolean api) {
        Optional<Signed> signed = api ? apiUser(ctx) : pageUser(ctx);
        if (signed.isEmpty()) {
            return Optional.empty();
        }
        String token = ctx.header("X-CSRF-Token");
        if (token == null && !api) {
            token = ctx.formParam("csrf");
        }
        if (!signed.get().session().csrfMatches(token)) {
            if (api) {
                error(ctx, 403, "missing or wrong CSRF token (X-CSRF-Token)");
            } else {
                ctx.status(403).html(page("Không hợp lệ", "Phiên làm việc không hợp lệ (thiếu mã CSRF). "
                        + "Hãy tải lại trang và thử lại."));
            }
            return Optional.empty();
        }
        return signed;
    }

    private Views.Frame frame(String title, Signed signed) {
        if (signed == null) {
            return new Views.Frame(title, null, null, null, null, false);
        }
        DeskUser user = signed.user();
        return new Views.Frame(title, user.name(), user.unit(), user.role().vietnamese(),
                signed.session().csrfToken(), user.role() == DeskUser.Role.ADMIN);
    }

    // ---- signing in and out ----

    /** The user named, if the password is theirs and they may sign in now; every failure counts to the lockout. */
    private Optional<DeskUser> authenticate(String name, String password) {
        if (name == null || password == null || name.isBlank()) {
            return Optional.empty();
        }
        String user = TypedText.nfc(name.strip());
        if (guard.locked(user)) {
            return Optional.empty();
        }
        Optional<DeskUser> found = users.find(user);
        boolean matches = passwords.matches(password, found.map(DeskUser::passwordHash).orElse(null));
        if (!matches || found.get().disabled()) {
            guard.failed(user);
            return Optional.empty();
        }
        guard.succeeded(user);
        return found;
    }

    private Session signIn(Context ctx, DeskUser user) {
        Session session = sessions.start(user.name());
        ctx.header("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict"
                + (secureCookies ? "; Secure" : ""));
        return session;
    }

    private void signInPage(Context ctx) {
        render(ctx, "signin.jte", new Views.SignIn(frame("Đăng nhập", null), local(ctx.queryParam("next")), "", null));
    }

    private void signInForm(Context ctx) {
        String name = ctx.formParam("username");
        Optional<DeskUser> user = authenticate(name, ctx.formParam("password"));
        if (user.isEmpty()) {
            ctx.status(401);
            render(ctx, "signin.jte", new Views.SignIn(frame("Đăng nhập", null), local(ctx.formParam("next")),
                    name == null ? "" : name, "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đang bị khóa "
                            + "(sau 5 lần sai trong 15 phút, tài khoản bị khóa 15 phút)."));
            return;
        }
        signIn(ctx, user.get());
        ctx.redirect(local(ctx.formParam("next")));
    }

    private void signOut(Context ctx) {
        Optional<Signed> signed = postUser(ctx, false);
        if (signed.isPresent()) {
            sessions.end(signed.get().session().id());
            ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                    + (secureCookies ? "; Secure" : ""));
            ctx.redirect("/login");
        }
    }

    /** A path on this desk to go back to after signing in; anything else (another site) is the alert list. */
    private static String local(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
                ? next : "/alerts";
    }

    // ---- pages ----

    private void alertList(Context ctx) {
        Optional<Signed> signed = pageUser(ctx);
        if (signed.isEmpty()) {
            return;
        }
        DeskUser user = signed.get().user();
        Rights rights = new Rights(store.offices());
        String type = ctx.queryParam("type");
        String unit = ctx.queryParam("unit");
        List<Alert> alerts = views.visible(user, rights, type, unit);
        List<String> types = java.util.Arrays.stream(AlertType.values()).map(Enum::name).toList();
        render(ctx, "alerts.jte", new Views.AlertList(frame("Cảnh báo đang mở", signed.get()),
                alerts.stream().map(AlertViews::line).toList(), types,
                List.copyOf(new TreeSet<>(rights.unitsOf(user.unit()))), type, unit));
    }

    /** The alert, when the user may see it; otherwise answered 404 or 403 here. */
    private Optional<Alert> visibleAlert(Context ctx, DeskUser user) {
        String alertId = ctx.pathParam("alertId");
        Optional<Alert> alert = store.alert(alertId);
        if (alert.isEmpty()) {
            ctx.status(404).html(page("Không tìm thấy", "Không có cảnh báo " + alertId + "."));
            return Optional.empty();
        }
        Rights rights = new Rights(store.offices());
        // the unit asked by an approval published but not applied yet may already record its result (as the form does)
        var history = store.history(alertId);
        String asked = AlertStore.expected(alert.get(), history, store.pending(alertId, history),
                rights.generalDepartment()).unitAsked();
        if (!rights.maySee(user, alert.get(), asked)) {
            ctx.status(403).html(page("Không có quyền", "Cảnh báo này không thuộc đơn vị của bạn (3740 §I.7)."));
            return Optional.empty();
        }
        return alert;
    }

    private void alertPage(Context ctx) {
        Optional<Signed> signed = pageUser(ctx);
        if (signed.isEmpty()) {
            return;
        }
        Optional<Alert> alert = visibleAlert(ctx, signed.get().user());
        if (alert.isPresent()) {
            String done = ctx.queryParam("done");
            render(ctx, "alert.jte", views.page(frame("Cảnh báo " + alert.get().alertId(), signed.get()),
                    signed.get().user(), alert.get(), done == null ? null
                            : "Đã gửi thao tác " + done + "; hệ thống sẽ áp dụng trong ít phút.", null));
        }
    }

    /**
     * The camera's photo of a gate alert (1572 §II.1.4), to a user who may see the alert: the file its
     * {@code details.evidence} names, and only when it lies in the evidence folder ({@link #evidenceFile}).
     */
    private void evidence(Context ctx) throws IOException {
        Optional<Signed> signed = pageUser(ctx);
        if (signed.isEmpty()) {
            return;
        }
        Optional<Alert> alert = visibleAlert(ctx, signed.get().user());
        if (alert.isEmpty()) {
            return;
        }
        Optional<Path> file = evidenceFile(evidenceDir, alert.get());
        if (file.isEmpty()) {
            ctx.status(404).html(page("Không có ảnh", "Cảnh báo này không có ảnh camera."));
            return;
        }
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType("image/jpeg").result(Files.readAllBytes(file.get()));
    }

    /**
     * The photo {@code alert} names (in {@code evidenceDir}), if it is a file inside that folder once links and {@code ..}
     * are resolved:
     * an alert is the pipeline's output, but what it names must not open the rest of the disk to the desk's users.
     */
    static Optional<Path> evidenceFile(Path evidenceDir, Alert alert) {
        if (evidenceDir == null || alert.details() == null || alert.details().evidence() == null) {
            return Optional.empty();
        }
        try {
            Path folder = evidenceDir.toRealPath();
            Path file = evidenceDir.resolve(alert.details().evidence()).toRealPath();
            return file.startsWith(folder) && !file.equals(folder) && Files.isRegularFile(file)
                    ? Optional.of(file) : Optional.empty();
        } catch (IOException | InvalidPathException unreadable) {
            return Optional.empty();
        }
    }

    private void proposalPage(Context ctx) {
        Optional<Signed> signed = pageUser(ctx);
        if (signed.isEmpty()) {
            return;
        }
        Optional<Alert> alert = visibleAlert(ctx, signed.get().user());
        if (alert.isEmpty()) {
            return;
        }
        Optional<Views.Proposal> proposal = views.proposal(alert.get());
        if (proposal.isEmpty()) {
            ctx.status(404).html(page("Không có đề xuất", "Cảnh báo không có vị trí, hoặc chưa biết Chi cục nào."));
            return;
        }
        render(ctx, "proposal.jte", new Views.ProposalPage(frame("Đề xuất xác minh tại chỗ", signed.get()),
                proposal.get()));
    }

    private void actionForm(Context ctx) {
        Optional<Signed> signed = postUser(ctx, false);
        if (signed.isEmpty()) {
            return;
        }
        String alertId = ctx.pathParam("alertId");
        DeskActions.Request request = new DeskActions.Request(ctx.formParam("action"), ctx.formParam("note"),
                ctx.formParam("escalateTo"), ctx.formParam("finding"), ctx.formParam("closingReason"));
        DeskActions.Outcome outcome = actions.take(signed.get().user(), ctx.ip(), alertId, request);
        if (outcome instanceof DeskActions.Accepted) {
            ctx.redirect("/alerts/" + alertId + "?done=" + URLEncoder.encode(request.action(), StandardCharsets.UTF_8));
            return;
        }
        DeskActions.Refused refused = (DeskActions.Refused) outcome;
        Optional<Alert> alert = refused.status() == 404 ? Optional.empty() : store.alert(alertId);
        ctx.status(refused.status());
        if (alert.isEmpty() || refused.status() == 403) {
            ctx.html(page("Không thực hiện được", refused.reason()));
        } else {
            render(ctx, "alert.jte", views.page(frame("Cảnh báo " + alertId, signed.get()), signed.get().user(),
                    alert.get(), null, "Không thực hiện được: " + refused.reason()));
        }
    }

    private void reviewPage(Context ctx) {
        Optional<Signed> signed = pageUser(ctx);
        if (signed.isPresent()) {
            String done = ctx.queryParam("done");
            renderReview(ctx, signed.get(), ctx.queryParam("shift"), done == null ? null
                    : "Đã gửi " + done + "; danh sách cập nhật khi hệ thống đã áp dụng.", null);
        }
    }

    private void renderReview(Context ctx, Signed signed, String shift, String message, String error) {
        Instant shiftEnd;
        try {
            shiftEnd = shiftEnd(shift, clock.instant());
        } catch (IllegalArgumentException e) {
            ctx.status(400).html(page("Không hợp lệ", "shift: " + e.getMessage()));
            return;
        }
        List<CustomsOffice> offices = store.offices();
        Rights rights = new Rights(offices);
        DeskUser user = signed.user();
        render(ctx, "review.jte", new Views.Review(frame("Danh sách kiểm tra của ca", signed), Views.time(shiftEnd),
                shiftEnd.toString(), views.review(user, rights, offices, shiftEnd),
                user.role() == DeskUser.Role.ADMIN ? List.of() : List.copyOf(rights.icdsOf(user)), message, error));
    }

    private void reviewForm(Context ctx) {
        Optional<Signed> signed = postUser(ctx, false);
        if (signed.isEmpty()) {
            return;
        }
        DeskReview.Request request = new DeskReview.Request(ctx.formParam("eventId"), ctx.formParam("action"),
                ctx.formParam("containerNo"), ctx.formParam("plate"), ctx.formParam("note"), ctx.formParam("shiftEnd"));
        reviewAnswer(ctx, signed.get(), request.shiftEnd(), review.review(signed.get().user(), ctx.ip(), request),
                request.eventId());
    }

    private void handReadForm(Context ctx) {
        Optional<Signed> signed = postUser(ctx, false);
        if (signed.isEmpty()) {
            return;
        }
        DeskReview.HandRead typed = new DeskReview.HandRead(ctx.formParam("icdCode"), ctx.formParam("gateId"),
                ctx.formParam("lane"), ctx.formParam("direction"), ctx.formParam("containerNo"),
                ctx.formParam("containerNo2"), ctx.formParam("plate"), "true".equals(ctx.formParam("empty")));
        reviewAnswer(ctx, signed.get(), null, review.handRead(signed.get().user(), typed), "lượt đọc nhập tay");
    }

    private void reviewAnswer(Context ctx, Signed signed, String shift, DeskReview.Outcome outcome, String what) {
        if (outcome instanceof DeskReview.Published) {
            ctx.redirect("/review?done=" + URLEncoder.encode(what == null ? "" : what, StandardCharsets.UTF_8)
                    + (shift == null || shift.isBlank() ? "" : "&shift=" + URLEncoder.encode(shift,
                            StandardCharsets.UTF_8)));
            return;
        }
        DeskReview.Refused refused = (DeskReview.Refused) outcome;
        ctx.status(refused.status());
        renderReview(ctx, signed, shift, null, "Không gửi được: " + refused.reason());
    }

    /** The shift a request names ({@code ?shift=}, ISO-8601), or the one {@code now} is in when it names none. */
    static Instant shiftEnd(String shift, Instant now) {
        return shift == null || shift.isBlank() ? currentShiftEnd(now) : Times.parse(shift.strip());
    }

    /** The end of the shift {@code now} is in: 06:00 or 18:00 Vietnam time, the gate rules' default shifts. */
    static Instant currentShiftEnd(Instant now) {
        ZonedDateTime local = now.atZone(Times.VIETNAM);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        ZonedDateTime end = time.isBefore(LocalTime.of(6, 0)) ? day.atTime(6, 0).atZone(Times.VIETNAM)
                : time.isBefore(LocalTime.of(18, 0)) ? day.atTime(18, 0).atZone(Times.VIETNAM)
                : day.plusDays(1).atTime(6, 0).atZone(Times.VIETNAM);
        return end.toInstant();
    }

    // ---- closing trips at their destination (3740 §II.3) ----

    private void closingsPage(Context ctx) {
        Optional<Signed> signed = pageUser(ctx);
        if (signed.isPresent()) {
            render(ctx, "closings.jte", closing.list(frame("Chuyến chờ kết thúc", signed.get()), signed.get().user(),
                    new Rights(store.offices())));
        }
    }

    private void closePage(Context ctx) {
        Optional<Signed> signed = pageUser(ctx);
        if (signed.isPresent()) {
            String done = ctx.queryParam("done");
            renderClose(ctx, signed.get(), done == null ? null
                    : "Đã gửi biên bản kiểm tra; chuyến kết thúc khi hệ thống đã áp dụng.", null);
        }
    }

    private void renderClose(Context ctx, Signed signed, String message, String error) {
        String tripId = ctx.pathParam("tripId");
        Optional<Views.ClosePage> page = closing.page(frame("Kết thúc chuyến " + tripId, signed), signed.user(),
                tripId, message, error);
        if (page.isEmpty()) {
            ctx.status(404).html(page("Không tìm thấy", "Chuyến " + tripId + " chưa đến đích."));
        } else {
            render(ctx, "close.jte", page.get());
        }
    }

    private void closeForm(Context ctx) {
        Optional<Signed> signed = postUser(ctx, false);
        if (signed.isEmpty()) {
            return;
        }
        Map<String, String> explanations = new LinkedHashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (name.startsWith("explain-") && !values.isEmpty()) {
                explanations.put(name.substring("explain-".length()), values.get(0));
            }
        });
        DeskClosing.Request request = new DeskClosing.Request(ctx.formParam("container"), ctx.formParam("gpsSeal"),
                ctx.formParam("customsSeal"), ctx.formParam("reason"), ctx.formParam("measures"),
                ctx.formParam("result"), explanations);
        DeskClosing.Outcome outcome = closing.close(signed.get().user(), ctx.pathParam("tripId"), request);
        if (outcome instanceof DeskClosing.Published) {
            ctx.redirect("/trips/" + URLEncoder.encode(ctx.pathParam("tripId"), StandardCharsets.UTF_8)
                    + "/close?done=1");
            return;
        }
        DeskClosing.Refused refused = (DeskClosing.Refused) outcome;
        ctx.status(refused.status());
        renderClose(ctx, signed.get(), null, "Không gửi được: " + refused.reason());
    }

    private void apiClosings(Context ctx) {
        Optional<Signed> signed = apiUser(ctx);
        if (signed.isEmpty()) {
            return;
        }
        json(ctx, 200, closing.open(signed.get().user(), new Rights(store.offices())));
    }

    private void apiClose(Context ctx) {
        Optional<ApiPost> post = apiPost(ctx, "{\"container\", \"gpsSeal\", \"customsSeal\": \"INTACT\"|\"NOT_INTACT\", "
                + "\"reason\"?, \"measures\"?, \"result\"?, \"explanations\"?: [{\"alertId\", \"text\"}]}");
        if (post.isEmpty()) {
            return;
        }
        DeskClosing.Outcome outcome;
        try {
            outcome = closing.close(post.get().user(), ctx.pathParam("tripId"),
                    DeskClosing.Request.of(post.get().body()));
        } catch (DeskActions.Malformed e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        if (outcome instanceof DeskClosing.Published published) {
            json(ctx, 200, published.inspection());
        } else {
            DeskClosing.Refused refused = (DeskClosing.Refused) outcome;
            error(ctx, refused.status(), refused.reason());
        }
    }

    // ---- the duty roster ----

    private void rosterPage(Context ctx) {
        Optional<Signed> signed = pageUser(ctx);
        if (signed.isPresent()) {
            String done = ctx.queryParam("done");
            render(ctx, "roster.jte", roster.page(frame("Lịch trực", signed.get()), signed.get().user(),
                    Views.RosterForm.EMPTY, done == null ? null : "Đã gửi lịch trực của " + done
                            + "; hệ thống áp dụng cho các cảnh báo trong ca.", null));
        }
    }

    private void rosterForm(Context ctx) {
        Optional<Signed> signed = postUser(ctx, false);
        if (signed.isEmpty()) {
            return;
        }
        DeskRoster.Request request = new DeskRoster.Request(ctx.formParam("unitCode"), ctx.formParam("shiftStart"),
                ctx.formParam("shiftEnd"), DeskRoster.Request.phones(ctx.formParam("phones")));
        DeskRoster.Outcome outcome = roster.set(signed.get().user(), request);
        if (outcome instanceof DeskRoster.Published published) {
            ctx.redirect("/roster?done=" + URLEncoder.encode(published.entry().unitCode(), StandardCharsets.UTF_8));
            return;
        }
        DeskRoster.Refused refused = (DeskRoster.Refused) outcome;
        ctx.status(refused.status());
        render(ctx, "roster.jte", roster.page(frame("Lịch trực", signed.get()), signed.get().user(),
                new Views.RosterForm(request.unitCode(), text(ctx.formParam("shiftStart")),
                        text(ctx.formParam("shiftEnd")), text(ctx.formParam("phones"))),
                null, "Không gửi được lịch trực: " + refused.reason()));
    }

    private static String text(String field) {
        return field == null ? "" : field;
    }

    // ---- the admin's page ----

    private Optional<Signed> admin(Context ctx, Optional<Signed> signed) {
        if (signed.isPresent() && signed.get().user().role() != DeskUser.Role.ADMIN) {
            ctx.status(403).html(page("Không có quyền", "Chỉ quản trị viên quản lý người dùng."));
            return Optional.empty();
        }
        return signed;
    }

    private void usersPage(Context ctx) {
        Optional<Signed> signed = admin(ctx, pageUser(ctx));
        signed.ifPresent(admin -> renderUsers(ctx, admin, null, null));
    }

    private void renderUsers(Context ctx, Signed admin, String message, String error) {
        Rights rights = new Rights(store.offices());
        List<Views.UserLine> lines = users.all().stream()
                .filter(user -> rights.administers(admin.user(), user.unit()))
                .map(user -> new Views.UserLine(user.name(), user.unit(), user.role().vietnamese(), user.disabled()))
                .toList();
        render(ctx, "users.jte", new Views.Users(frame("Người dùng", admin), lines,
                List.copyOf(new TreeSet<>(rights.unitsBelow(admin.user().unit()))), message, error));
    }

    private void addUser(Context ctx) {
        Optional<Signed> signed = admin(ctx, postUser(ctx, false));
        if (signed.isEmpty()) {
            return;
        }
        Rights rights = new Rights(store.offices());
        String name = TypedText.nfc(ctx.formParam("name"));
        String unit = ctx.formParam("unit");
        String password = ctx.formParam("password");
        try {
            if (unit == null || !rights.administers(signed.get().user(), unit)) {
                ctx.status(403);
                renderUsers(ctx, signed.get(), null, "Bạn chỉ cấp quyền cho các đơn vị cấp dưới (3740 §I.7).");
                return;
            }
            if (name == null || name.isBlank() || !name.equals(name.strip()) || password == null
                    || password.length() < 8) {
                ctx.status(400);
                renderUsers(ctx, signed.get(), null, "Cần tên đăng nhập và mật khẩu ít nhất 8 ký tự.");
                return;
            }
            users.add(new DeskUser(name, unit, DeskUser.Role.parse(ctx.formParam("role")), passwords.hash(password),
                    false, clock.instant()));
            renderUsers(ctx, signed.get(), "Đã thêm " + name + ".", null);
        } catch (UserError e) {
            ctx.status(400);
            renderUsers(ctx, signed.get(), null, e.getMessage());
        }
    }

    private void disableUser(Context ctx) {
        Optional<Signed> signed = admin(ctx, postUser(ctx, false));
        if (signed.isEmpty()) {
            return;
        }
        String name = TypedText.nfc(ctx.formParam("name"));
        Optional<DeskUser> user = name == null ? Optional.empty() : users.find(name);
        if (user.isEmpty() || !new Rights(store.offices()).administers(signed.get().user(), user.get().unit())) {
            ctx.status(403);
            renderUsers(ctx, signed.get(), null, "Bạn chỉ khóa người dùng của các đơn vị cấp dưới.");
            return;
        }
        users.disable(name);
        sessions.endAllOf(name);
        renderUsers(ctx, signed.get(), "Đã khóa " + name + ".", null);
    }

    // ---- the JSON API ----

    private void apiLogin(Context ctx) {
        JsonNode body = jsonBody(ctx);
        if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
            error(ctx, 400, "the body is {\"username\": \"...\", \"password\": \"...\"}");
            return;
        }
        Optional<DeskUser> user = authenticate(body.get("username").asText(), body.get("password").asText());
        if (user.isEmpty()) {
            error(ctx, 401, "wrong user name or password, or the user is disabled or locked out");
            return;
        }
        Session session = signIn(ctx, user.get());
        json(ctx, 200, Map.of("csrfToken", session.csrfToken()));
    }

    private void apiAlerts(Context ctx) {
        Optional<Signed> signed = apiUser(ctx);
        if (signed.isEmpty()) {
            return;
        }
        Rights rights = new Rights(store.offices());
        json(ctx, 200, views.visible(signed.get().user(), rights, ctx.queryParam("type"), ctx.queryParam("unit")));
    }

    private void apiAction(Context ctx) {
        Optional<ApiPost> post = apiPost(ctx, "{\"action\", \"note\", \"escalateTo\"?, \"finding\"?, "
                + "\"closingReason\"?}");
        if (post.isEmpty()) {
            return;
        }
        DeskActions.Outcome outcome;
        try {
            outcome = actions.take(post.get().user(), ctx.ip(), ctx.pathParam("alertId"),
                    DeskActions.Request.of(post.get().body()));
        } catch (DeskActions.Malformed e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        if (outcome instanceof DeskActions.Accepted accepted) {
            json(ctx, 200, Map.of("state", accepted.state().name()));
        } else {
            DeskActions.Refused refused = (DeskActions.Refused) outcome;
            error(ctx, refused.status(), refused.reason());
        }
    }

    /** The signed-in user of an API GET; otherwise answered 401 here. */
    private Optional<Signed> apiUser(Context ctx) {
        Optional<Signed> signed = signed(ctx);
        if (signed.isEmpty()) {
            error(ctx, 401, "not signed in: POST /api/login first");
        }
        return signed;
    }

    /** A signed-in user's API POST with its CSRF token, and its body. */
    private record ApiPost(DeskUser user, JsonNode body) {}

    /** The API POST of a user whose token matches, its body a JSON object; otherwise answered 401, 403 or 400 here. */
    private Optional<ApiPost> apiPost(Context ctx, String shape) {
        Optional<Signed> signed = postUser(ctx, true);
        if (signed.isEmpty()) {
            return Optional.empty();
        }
        JsonNode body = jsonBody(ctx);
        if (body == null || !body.isObject()) {
            error(ctx, 400, "the body is a JSON object " + shape);
            return Optional.empty();
        }
        return Optional.of(new ApiPost(signed.get().user(), body));
    }

    private void apiRoster(Context ctx) {
        Optional<Signed> signed = apiUser(ctx);
        if (signed.isEmpty()) {
            return;
        }
        json(ctx, 200, roster.visible(signed.get().user()));
    }

    private void apiSetRoster(Context ctx) {
        Optional<ApiPost> post = apiPost(ctx, "{\"unitCode\", \"shiftStart\", \"shiftEnd\", \"phones\": [..]}");
        if (post.isPresent()) {
            DeskRoster.Outcome outcome = roster.set(post.get().user(), post.get().body());
            if (outcome instanceof DeskRoster.Published published) {
                json(ctx, 200, published.entry());
            } else {
                DeskRoster.Refused refused = (DeskRoster.Refused) outcome;
                error(ctx, refused.status(), refused.reason());
            }
        }
    }

    private void apiReview(Context ctx) {
        Optional<Signed> signed = apiUser(ctx);
        if (signed.isEmpty()) {
            return;
        }
        Instant shiftEnd;
        try {
            shiftEnd = shiftEnd(ctx.queryParam("shift"), clock.instant());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "shift: " + e.getMessage());
            return;
        }
        Rights rights = new Rights(store.offices());
        json(ctx, 200, store.review(shiftEnd).stream()
                .filter(item -> rights.reviews(signed.get().user(), item.icdCode())).toList());
    }

    private void apiReviewAction(Context ctx) {
        Optional<ApiPost> post = apiPost(ctx, "{\"eventId\", \"action\": \"COMPLETE\"|\"CONFIRM\", \"containerNo\"?, "
                + "\"plate\"?, \"note\"?, \"shiftEnd\"?}");
        if (post.isPresent()) {
            apiReviewAnswer(ctx, () -> review.review(post.get().user(), ctx.ip(),
                    DeskReview.Request.of(post.get().body())));
        }
    }

    private void apiHandRead(Context ctx) {
        Optional<ApiPost> post = apiPost(ctx, "{\"icdCode\", \"gateId\", \"lane\"?, \"direction\", \"containerNo\"?, "
                + "\"containerNo2\"?, \"plate\", \"empty\"?}");
        if (post.isPresent()) {
            apiReviewAnswer(ctx, () -> review.handRead(post.get().user(), DeskReview.HandRead.of(post.get().body())));
        }
    }

    private void apiReviewAnswer(Context ctx, java.util.function.Supplier<DeskReview.Outcome> take) {
        DeskReview.Outcome outcome;
        try {
            outcome = take.get();
        } catch (DeskActions.Malformed e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        if (outcome instanceof DeskReview.Published published) {
            json(ctx, 200, published.record());
        } else {
            DeskReview.Refused refused = (DeskReview.Refused) outcome;
            error(ctx, refused.status(), refused.reason());
        }
    }

    private static JsonNode jsonBody(Context ctx) {
        try {
            return Json.mapper().readTree(ctx.body());
        } catch (Exception e) {
            return null;
        }
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.mapper().valueToTree(body)
                .toString());
    }

    private static void error(Context ctx, int status, String reason) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", reason);
        json(ctx, status, body);
    }

    // ---- rendering ----

    private void render(Context ctx, String template, Object page) {
        StringOutput output = new StringOutput();
        templates.render(template, page, output);
        ctx.header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .contentType("text/html; charset=utf-8").result(output.toString());
    }

    /** A page that only says something. */
    private String page(String title, String text) {
        StringOutput output = new StringOutput();
        templates.render("message.jte", new Views.Message(frame(title, null), text), output);
        return output.toString();
    }
}
