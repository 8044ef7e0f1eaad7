package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.sms.SentSms;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.servers.ReceivedSms;
import vn.customs.cargowatch.servers.SmppServer;

/**
 * The alert SMS end to end: a replay of {@link ReplayIT}'s eight trips with the test SMSC configured and {@code
 * --send-sms} texts the Branch's officer on duty and the drivers what they should, once, with a digest where a
 * phone's window is full; a second run on the same input with the same ledger (what a restart would replay)
 * texts nobody again. ({@link KilledReplayIT}: without {@code --send-sms} nobody is texted.)
 */
class SmsReplayIT {

    static final String ON_DUTY = "84900000001";
    /** Every trip of the fixtures registers this driver's phone, as 0912345678. */
    static final String DRIVER = "84912345678";
    /** On duty at 03TG, the Branch asked to verify on site. */
    static final String VERIFYING_UNIT = "84900000003";
    /**
     * The {@code sms:} entry that texts the trips' drivers and declarants, as the default did before it became no
     * role (issue 13): the tests of what a contact is texted say so themselves.
     */
    static final String CONTACT_ROLES = String.join("\n",
            "  contactRoles:",
            "    DRIVER: [WRONG_ROUTE, STOP_OVER_90_MIN, DOOR_OPENED, SEAL_TAMPERED, SEAL_POWER_OFF, SEAL_LOW_BATTERY]",
            "    DECLARANT: [DOOR_OPENED, SEAL_TAMPERED, CONTAINER_NOT_ARRIVED]");

    @TempDir
    Path work;

    @Test
    void shouldTextEachAlertOnceAndNotAgainAfterARerunWithTheSameLedger() throws Exception {
        Path input = ReplayIT.eightTrips().writeTo(work.resolve("in"));
        try (SmppServer smsc = SmppServer.start(work.resolve("smsc"))) {
            Path config = Files.writeString(work.resolve("cargowatch.yaml"), """
                    metrics:
                      port: off
                    sms:
                      onDuty:
                        03CE: [%s]
                    %s
                      maxPerWindow: 1
                      window: 1 h
                      ledger: %s
                      smpp:
                        host: %s
                        port: %d
                    """.formatted(ON_DUTY, CONTACT_ROLES, work.resolve("sms-ledger.jsonl"), smsc.host(),
                    smsc.port()));

            int exit = Cargowatch.run("replay", "--input", input.toString(), "--output",
                    work.resolve("out").toString(), "--config", config.toString(), "--send-sms");

            assertThat(exit).isZero();
            Map<String, List<String>> texts = smsc.messages().stream().collect(Collectors.groupingBy(
                    ReceivedSms::recipient, Collectors.mapping(ReceivedSms::text, Collectors.toList())));
            // on duty: five alerts, at most one SMS an hour: the detour, then a digest of the door and the
            // silence at the hour's end, the stop, the late container
            assertThat(texts.get(ON_DUTY)).as(String.valueOf(texts)).hasSize(4)
                    .filteredOn(text -> text.contains("2 cảnh báo mới trong 60 phút")).hasSize(1);
            // the driver: the types the configuration gives DRIVER (wrong route, stop, door), the door held for an hour
            assertThat(texts.get(DRIVER)).as(String.valueOf(texts)).hasSize(3)
                    .anySatisfy(text -> assertThat(text).contains("Sai lộ trình"))
                    .anySatisfy(text -> assertThat(text).contains("Dừng quá 90 phút"))
                    .anySatisfy(text -> assertThat(text).contains("Mở cửa container"));
            assertThat(texts).containsOnlyKeys(ON_DUTY, DRIVER);
            assertThat(Files.exists(work.resolve("out").resolve("sms.jsonl"))).as("SMPP, not the file").isFalse();
            // the test SMSC reports each segment delivered; the replay's end waits for those receipts
            assertThat(SmsLedger.read(work.resolve("sms-ledger.jsonl"))).hasSize(7).allSatisfy(sms -> {
                assertThat(sms.delivery()).as(sms.key()).isEqualTo(SentSms.Delivery.DELIVERED);
                assertThat(sms.messageIds()).hasSize(3);
            });

            int rerun = Cargowatch.run("replay", "--input", input.toString(), "--output",
                    work.resolve("again").toString(), "--config", config.toString(), "--send-sms");

            assertThat(rerun).isZero();
            assertThat(smsc.messages()).as("nothing sent twice").hasSize(7);
        }
    }

    @Test
    void shouldWriteTheTextsToSmsJsonlWithoutAnSmsc() throws Exception {
        Path input = ReplayIT.eightTrips().writeTo(work.resolve("in"));
        Path output = work.resolve("out");
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), "sms:\n" + CONTACT_ROLES + "\n");

        int exit = Cargowatch.run("replay", "--input", input.toString(), "--output", output.toString(), "--config",
                config.toString());

        assertThat(exit).isZero();
        // no on-duty phones configured: the drivers' three (wrong route, stop, door), five a window by default
        assertThat(Files.readAllLines(output.resolve("sms.jsonl"))).hasSize(3)
                .allSatisfy(line -> assertThat(line).contains("\"recipient\":\"" + DRIVER + "\""));
    }

    @Test
    void shouldTextTheOnDutyOfTheUnitAskedToVerifyOnSite() throws Exception {
        InputFolder input = ReplayIT.eightTrips();
        String detour = Alert.idOf(AlertType.WRONG_ROUTE, ReplayIT.DETOUR, at(30));
        input.add(Topic.ALERTS_ACTIONS, new AlertAction(detour, Action.ACK, "Phạm Minh Đức", "03CE", at(35), null, null));
        input.add(Topic.ALERTS_ACTIONS, new AlertAction(detour, Action.ESCALATE, "Phạm Minh Đức", "03CE", at(40),
                "driver does not answer", "03TG"));
        Path output = work.resolve("out");
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), """
                metrics:
                  port: off
                sms:
                  onDuty:
                    03CE: [%s]
                    03TG: [%s]
                """.formatted(ON_DUTY, VERIFYING_UNIT));

        int exit = Cargowatch.run("replay", "--input", input.writeTo(work.resolve("in")).toString(), "--output",
                output.toString(), "--config", config.toString());

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(output.resolve("sms.jsonl"));
        assertThat(lines).filteredOn(line -> line.contains("\"recipient\":\"" + VERIFYING_UNIT + "\""))
                .singleElement().asString()
                .contains("CHUYỂN XÁC MINH Sai lộ trình").contains("\"key\":\"" + detour + "/ESCALATED/");
        assertThat(lines).filteredOn(line -> line.contains("\"recipient\":\"" + ON_DUTY + "\""))
                .as("the Branch learns it went up").anySatisfy(line -> assertThat(line).contains("CHUYỂN XÁC MINH"));
    }
}
