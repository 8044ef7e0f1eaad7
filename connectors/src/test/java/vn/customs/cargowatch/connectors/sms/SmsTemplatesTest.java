package vn.customs.cargowatch.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.NearestOffice;

class SmsTemplatesTest {

    /** 14:05 on 23 November in Vietnam. */
    private static final Instant STOP_BEGAN = Instant.parse("2026-11-23T07:05:00Z");
    private static final Instant NINETY_MINUTES_LATER = STOP_BEGAN.plus(Duration.ofMinutes(90));
    private static final Instant TWO_HOURS_LATER = STOP_BEGAN.plus(Duration.ofHours(2));
    private static final String ALERT_ID = "1b2c3d4e-0000-3000-8000-000000000001";
    private static final NearestOffice BAC_NINH = new NearestOffice("18BC", "Chi cục HQ Bắc Ninh", 1.2);

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void shouldNameContainerVietnamTimeAndAlertIdForEveryType(AlertType type) {
        String text = SmsTemplates.of(alert(type, "MSCU1234565", 21.1843, 106.0712, BAC_NINH, AlertDetails.NONE));

        assertThat(text).startsWith("[Hải quan] ")
                .contains("MSCU1234565")
                .contains("14:05 23/11")
                .contains("Mã: 1b2c3d4e")
                .contains(SmsTemplates.label(type, AlertDetails.NONE));
    }

    @Test
    void shouldReadAsAnOfficerWantsALongStop() {
        String text = SmsTemplates.of(alert(AlertType.STOP_OVER_90_MIN, "MSCU1234565", 21.1843, 106.0712, BAC_NINH,
                AlertDetails.builder().maxDurationMinutes(90L).build()));

        assertThat(text).isEqualTo("[Hải quan] CẢNH BÁO Dừng quá 90 phút: cont MSCU1234565 gần Chi cục HQ Bắc Ninh "
                + "(21.1843,106.0712) từ 14:05 23/11. Mã: 1b2c3d4e");
    }

    @Test
    void shouldSayTheConfiguredStopLimit() {
        String text = SmsTemplates.of(alert(AlertType.STOP_OVER_90_MIN, "MSCU1234565", 21.1843, 106.0712, null,
                AlertDetails.builder().maxDurationMinutes(120L).build()));

        assertThat(text).contains("Dừng quá 120 phút").contains(" tại (21.1843,106.0712)");
    }

    @Test
    void shouldMarkACriticalAlertUrgent() {
        assertThat(SmsTemplates.of(alert(AlertType.DOOR_OPENED, "MSCU1234565", 21.1843, 106.0712, BAC_NINH,
                AlertDetails.NONE)))
                .startsWith("[Hải quan] CẢNH BÁO KHẨN Mở cửa container: ").contains("lúc 14:05 23/11");
    }

    @Test
    void shouldTellTheSealsOwnAlertsApart() {
        assertThat(SmsTemplates.of(alert(AlertType.SEAL_TAMPERED, "MSCU1234565", 21.1843, 106.0712, BAC_NINH,
                AlertDetails.NONE)))
                .isEqualTo("[Hải quan] CẢNH BÁO KHẨN Seal bị phá/can thiệp: cont MSCU1234565 gần Chi cục "
                + "HQ Bắc Ninh (21.1843,106.0712) lúc 14:05 23/11. Mã: 1b2c3d4e");
        assertThat(SmsTemplates.of(alert(AlertType.SEAL_POWER_OFF, "MSCU1234565", 21.1843, 106.0712, BAC_NINH,
                AlertDetails.NONE))).startsWith("[Hải quan] CẢNH BÁO Seal mất nguồn: ").contains("từ 14:05 23/11");
        assertThat(SmsTemplates.of(alert(AlertType.SEAL_LOW_BATTERY, "MSCU1234565", 21.1843, 106.0712, BAC_NINH,
                AlertDetails.NONE))).startsWith("[Hải quan] CẢNH BÁO Seal sắp hết pin: ").contains("lúc 14:05 23/11");
    }

    @Test
    void shouldSayAnEscalatedAlertIsPassedOnForVerification() {
        Alert escalated = alert(AlertType.WRONG_ROUTE, "MSCU1234565", 21.1843, 106.0712, BAC_NINH, AlertDetails.NONE)
                .withState(AlertState.ESCALATED);

        assertThat(SmsTemplates.of(escalated)).isEqualTo("[Hải quan] CHUYỂN XÁC MINH Sai lộ trình: cont MSCU1234565 "
                + "gần Chi cục HQ Bắc Ninh (21.1843,106.0712) từ 14:05 23/11. Mã: 1b2c3d4e");
    }

    @Test
    void shouldGiveBothTimesWhenTheAlertEnded() {
        Alert ended = alert(AlertType.SIGNAL_LOST, "MSCU1234565", 21.1843, 106.0712, BAC_NINH, AlertDetails.NONE)
                .withEnd(NINETY_MINUTES_LATER);

        assertThat(SmsTemplates.of(ended)).startsWith("[Hải quan] KẾT THÚC Mất tín hiệu: ")
                .contains("từ 14:05 23/11 đến 15:35 23/11");
    }

    @Test
    void shouldPlaceAGateAlertAtItsGateAndNameTheSilentCamera() {
        String exit = SmsTemplates.of(alert(AlertType.UNCLEARED_EXIT, "TGHU8765430", null, null, null,
                AlertDetails.builder().icdCode("ICD-TIENSON").gateId("G2").plate("99C12345").build()));
        String camera = SmsTemplates.of(alert(AlertType.CAMERA_SILENT, null, null, null, null,
                AlertDetails.builder().icdCode("ICD-TIENSON").gateId("G2").cameraId("CAM-G2-OUT").build()));

        assertThat(exit).contains("cont TGHU8765430 xe 99C12345 tại ICD-TIENSON cổng G2 lúc 14:05 23/11");
        assertThat(camera).contains("Camera ngừng gửi dữ liệu: tại ICD-TIENSON cổng G2 camera CAM-G2-OUT từ 14:05")
                .doesNotContain("cont");
    }

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void shouldFitThreeSmsWithALongOfficeName(AlertType type) {
        NearestOffice longName = new NearestOffice("27PL", "Chi cục Hải quan cửa khẩu quốc tế Lào Cai", 3.4);

        String text = SmsTemplates.of(alert(type, "MSCU1234565", 22.5012, 103.9634, longName,
                AlertDetails.builder().plate("24C12345").build()));

        assertThat(SmsSegments.split(text)).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void shouldCountAStormOfAlertsMostSevereFirst() {
        List<Alert> storm = List.of(
                alert(AlertType.SIGNAL_LOST, "MSCU1234565", 21.0, 106.0, null, AlertDetails.NONE),
                alert(AlertType.SIGNAL_LOST, "TGHU8765430", 21.0, 106.0, null, AlertDetails.NONE),
                alert(AlertType.DOOR_OPENED, "CSQU3054383", 21.0, 106.0, null, AlertDetails.NONE),
                alert(AlertType.STOP_OVER_90_MIN, "MSKU9070323", 21.0, 106.0, null, AlertDetails.NONE),
                alert(AlertType.STOP_OVER_90_MIN, "MSCU1234565", 21.0, 106.0, null, AlertDetails.NONE)
                        .withEnd(TWO_HOURS_LATER));

        String text = SmsTemplates.digest(storm, Duration.ofMinutes(10));

        assertThat(text).isEqualTo("[Hải quan] 5 cảnh báo mới trong 10 phút đến 14:05 23/11: 1 Mở cửa container, "
                + "2 Mất tín hiệu, 2 Dừng quá 90 phút. Cont: MSCU1234565, TGHU8765430, CSQU3054383 và 1 cont khác. "
                + "Xem chi tiết trên hệ thống giám sát.");
    }

    @Test
    void shouldRefuseADigestOfNothing() {
        assertThatThrownBy(() -> SmsTemplates.digest(List.of(), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Alert alert(AlertType type, String containerNo, Double lat, Double lon, NearestOffice office,
            AlertDetails details) {
        return new Alert(ALERT_ID, type, type.severity(), "TRIP-1", "356938035643809", containerNo, STOP_BEGAN,
                STOP_BEGAN, null, lat, lon, "18BC", "18", office, details, AlertState.OPEN);
    }
}
