package vn.customs.cargowatch.ops.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.Cargowatch;
import vn.customs.cargowatch.ops.alerts.AlertFiles;

/**
 * The alert desk in a real browser (Debian's chromium, headless, through chromium-driver; {@code ./cargowatch test}
 * installs both): on a replay of a simulated day, a Branch officer signs in and sees only the alerts of her Branch,
 * acknowledges, verifies by phone, proposes escalation; the Branch leader approves; an officer of the unit asked
 * records the on-site result; the officer resolves. The pipeline then applies the actions (the day replayed again with
 * them) and the alert's history shows who did each. Another Branch's alert is not listed and its action URL answers
 * 403. Screenshots of the main pages are kept in {@code target/desk-screenshots}.
 */
class DeskBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "desk-screenshots");

    @TempDir
    Path work;
    /** The simulated day both tests start from, replayed once: each works on a copy of its folders. */
    @TempDir
    static Path day;

    private Path input;
    private Path output;
    private final MovingClock clock = new MovingClock();
    private DeskServer desk;
    private WebDriver browser;

    /** The desk's clock: each action is stamped within the replayed day, as it would be live. */
    static final class MovingClock extends Clock {
        volatile Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void simulateAndReplayTheDay() {
        assertThat(Cargowatch.run("simulate", "--trips", "24", "--out", day.resolve("in").toString())).isZero();
        assertThat(Cargowatch.run("replay", "--input", day.resolve("in").toString(), "--output",
                day.resolve("out").toString())).isZero();
    }

    /** This test's copy of the replayed day's input and output folders. */
    private void theReplayedDay() throws Exception {
        input = work.resolve("in");
        output = work.resolve("out");
        FileUtils.copy(new org.apache.flink.core.fs.Path(day.resolve("in").toUri()),
                new org.apache.flink.core.fs.Path(input.toUri()), false);
        FileUtils.copy(new org.apache.flink.core.fs.Path(day.resolve("out").toUri()),
                new org.apache.flink.core.fs.Path(output.toUri()), false);
    }

    @BeforeEach
    void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600",
                "--lang=vi");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (desk != null) {
            desk.stop();
        }
    }

    @Test
    void shouldTakeAnAlertFromAcknowledgementToResolutionAcrossThreeUnits() throws Exception {
        theReplayedDay();
        Map<String, Alert> alerts = finalAlerts();
        Alert alert = alerts.values().stream()
                .filter(a -> a.tripId() != null && a.branchCode() != null && a.lat() != null)
                .findFirst().orElseThrow();
        String branch = alert.branchCode();
        Alert otherBranchs = alerts.values().stream()
                .filter(a -> a.branchCode() != null && !a.branchCode().equals(branch)).findFirst().orElseThrow();
        String asked = otherBranchs.branchCode();

        Instant alertTime = alert.detectedAt();
        UserFile users = new UserFile(work.resolve("users.jsonl"));
        users.add(new DeskUser("Nguyễn Thị Lan", branch, DeskUser.Role.OFFICER, DeskFolders.FAST.hash("lan-mật-khẩu-1"),
                false, alertTime));
        users.add(new DeskUser("Trần Văn Hùng", branch, DeskUser.Role.LEADER, DeskFolders.FAST.hash("hung-mật-khẩu-1"),
                false, alertTime));
        users.add(new DeskUser("Lê Minh Tâm", asked, DeskUser.Role.OFFICER, DeskFolders.FAST.hash("tam-mật-khẩu-1"),
                false, alertTime));
        desk = new DeskServer(new AlertFiles(input, output), users, output.resolve("sms-ledger.jsonl"), null, null,
                ActionSigner.UNSIGNED, false, clock, DeskFolders.FAST);
        desk.start("127.0.0.1", 0);
        clock.now = alert.detectedAt().plus(Duration.ofMinutes(5));

        // The Branch officer sees her Branch's alerts only.
        signIn("Nguyễn Thị Lan", "lan-mật-khẩu-1");
        screenshot("alerts");
        List<String> listed = browser.findElements(By.cssSelector("tr.alert-row")).stream()
                .map(row -> row.getAttribute("id").substring("alert-".length())).toList();
        assertThat(listed).contains(alert.alertId()).doesNotContain(otherBranchs.alertId())
                .allSatisfy(id -> assertThat(alerts.get(id).branchCode()).isEqualTo(branch));
        assertThat(postAction(otherBranchs.alertId(), "{\"action\":\"ACK\",\"note\":\"thử\"}"))
                .as("another Branch's alert").isEqualTo(403);

        open(alert);
        screenshot("alert");
        act("form-ack", "ack", Map.of("note", "Đã tiếp nhận"));
        act("form-verify", "verify", Map.of("note", "Gọi lái xe: xe dừng đổ dầu"), "finding", "UNCLEAR");
        browser.get(url("/alerts/" + alert.alertId() + "/proposal"));
        screenshot("proposal");
        open(alert);
        browser.findElement(By.id("escalate-to")).clear();
        act("form-propose", "propose", Map.of("escalateTo", asked, "note", "Lái xe giải trình chưa rõ ràng"));
        signOut();

        signIn("Trần Văn Hùng", "hung-mật-khẩu-1");
        open(alert);
        act("form-approve", "approve", Map.of("note", "Đồng ý đề xuất"));
        signOut();

        signIn("Lê Minh Tâm", "tam-mật-khẩu-1");
        open(alert);
        act("form-onsite", "onsite-result", Map.of("note", "Niêm phong nguyên vẹn"), "finding", "NO_VIOLATION");
        signOut();

        signIn("Nguyễn Thị Lan", "lan-mật-khẩu-1");
        open(alert);
        act("form-resolve", "resolve", Map.of("closingReason", "Đã xác minh tại chỗ, không vi phạm"),
                "finding", "NO_VIOLATION");
        assertThat(browser.findElements(By.cssSelector("tr.pending-entry"))).as("published, not applied yet")
                .hasSize(6);

        // The pipeline applies them: the day replayed with the actions the desk appended to its input.
        assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", output.toString())).isZero();
        assertThat(finalAlerts().get(alert.alertId()).state()).isEqualTo(AlertState.RESOLVED);
        open(alert);
        screenshot("history");
        assertThat(browser.findElements(By.cssSelector("tr.history-entry td.by")).stream().map(WebElement::getText))
                .containsExactly("Nguyễn Thị Lan", "Nguyễn Thị Lan", "Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Minh Tâm",
                        "Nguyễn Thị Lan");
        assertThat(browser.findElements(By.cssSelector("tr.pending-entry"))).isEmpty();
    }

    /**
     * The shift's review list in the browser (1572 §II.1.5): the officer of the ICD's Branch completes an unread
     * container with the number and plate she read on the observation video; the day replayed with it shows the item
     * completed by her, and the read by hand matched. The leader's duty roster page is kept as a screenshot.
     */
    @Test
    void shouldCompleteAnUnreadContainerOnTheShiftsReviewList() throws Exception {
        theReplayedDay();
        List<CustomsOffice> offices = records(input, Topic.CUSTOMS_OFFICES);
        ReviewItem unread = records(output, Topic.GATE_REVIEW).stream()
                .filter(item -> item.kind() == ReviewItem.Kind.INCOMPLETE && item.containerNoRead() == null
                        && item.plate() != null && offices.stream().anyMatch(office -> office.supervises(item.icdCode())))
                .findFirst().orElseThrow();
        String branch = offices.stream().filter(office -> office.supervises(unread.icdCode())).findFirst()
                .orElseThrow().unitCode();
        UserFile users = new UserFile(work.resolve("users.jsonl"));
        users.add(new DeskUser("Phạm Thu Hà", branch, DeskUser.Role.OFFICER, DeskFolders.FAST.hash("ha-mật-khẩu-1"),
                false, unread.ts()));
        users.add(new DeskUser("Đỗ Văn Minh", branch, DeskUser.Role.LEADER, DeskFolders.FAST.hash("minh-mật-khẩu-1"),
                false, unread.ts()));
        desk = new DeskServer(new AlertFiles(input, output), users, output.resolve("sms-ledger.jsonl"), null, null,
                ActionSigner.UNSIGNED, false, clock, DeskFolders.FAST);
        desk.start("127.0.0.1", 0);
        clock.now = unread.ts().plus(Duration.ofMinutes(10));
        String seen = "MSKU1234565";

        signIn("Phạm Thu Hà", "ha-mật-khẩu-1");
        browser.findElement(By.id("nav-review")).click();
        WebElement row = browser.findElement(By.cssSelector("tr.review-item.open[data-event-id='" + unread.eventId()
                + "']"));
        WebElement complete = row.findElement(By.cssSelector("form.review-complete"));
        complete.findElement(By.name("containerNo")).sendKeys(seen);
        screenshot("review");
        complete.findElement(By.tagName("button")).click();
        assertThat(browser.findElements(By.id("error"))).isEmpty();
        assertThat(browser.findElement(By.id("message")).getText()).contains(unread.eventId());
        signOut();
        signIn("Đỗ Văn Minh", "minh-mật-khẩu-1");
        browser.findElement(By.id("nav-roster")).click();
        assertThat(browser.findElements(By.id("form-roster"))).isNotEmpty();
        screenshot("roster");

        assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", output.toString())).isZero();
        browser.get(url("/review?shift=" + unread.shiftEnd()));
        WebElement reviewed = browser.findElement(By.cssSelector("tr.review-item[data-event-id='" + unread.eventId()
                + "']"));
        assertThat(reviewed.getAttribute("class")).doesNotContain("open");
        assertThat(reviewed.findElement(By.cssSelector("td.review-state")).getText())
                .contains("Đã bổ sung", "Phạm Thu Hà", seen);
        assertThat(records(output, Topic.GATE_MATCHES))
                .filteredOn(match -> match.eventId().startsWith(unread.eventId() + "-hand-"))
                .extracting(GateMatch::containerNo).containsOnly(seen).isNotEmpty();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + desk.port() + path;
    }

    private void signIn(String name, String password) {
        browser.get(url("/alerts"));
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in-submit")).click();
        assertThat(waitFor(By.id("signed-in")).getText()).startsWith(name);
    }

    /** Signs out, and waits for the sign-in page: the next page asked for must not overtake the sign-out. */
    private void signOut() {
        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));
    }

    private WebElement waitFor(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private void open(Alert alert) {
        browser.get(url("/alerts/" + alert.alertId()));
    }

    /** Fills the action's form and sends it, one minute of the day after the last. */
    private void act(String form, String button, Map<String, String> fields, String... select) {
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        WebElement element = browser.findElement(By.id(form));
        fields.forEach((name, value) -> element.findElement(By.name(name)).sendKeys(value));
        for (int i = 0; i + 1 < select.length; i += 2) {
            new Select(element.findElement(By.name(select[i]))).selectByValue(select[i + 1]);
        }
        browser.findElement(By.id(button)).click();
        assertThat(browser.findElements(By.id("error"))).as(form).isEmpty();
        assertThat(browser.findElements(By.id("message"))).as(form).isNotEmpty();
    }

    /** What the desk answers the signed-in browser's session when it posts an action to another alert. */
    private long postAction(String alertId, String body) {
        String csrf = browser.findElement(By.cssSelector("form[action='/logout'] input[name='csrf']"))
                .getAttribute("value");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/alerts/' + arguments[0] + '/actions', {method: 'POST', headers: "
                        + "{'Content-Type': 'application/json', 'X-CSRF-Token': arguments[1]}, body: arguments[2]})"
                        + ".then(r => done(r.status), e => done(-1));", alertId, csrf, body);
        return ((Number) status).longValue();
    }

    private void screenshot(String page) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(page + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** The records of {@code topic}'s file in {@code folder}, in the order written. */
    private static <T> List<T> records(Path folder, Topic<T> topic) throws Exception {
        List<T> records = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve(topic.fileName()), StandardCharsets.UTF_8)) {
            records.add(Json.read(line, topic.type()));
        }
        return records;
    }

    private Map<String, Alert> finalAlerts() throws Exception {
        Map<String, Alert> alerts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(output.resolve(Topic.ALERTS.fileName()), StandardCharsets.UTF_8)) {
            Alert alert = Json.read(line, Alert.class);
            alerts.put(alert.alertId(), alert);
        }
        return alerts;
    }
}
