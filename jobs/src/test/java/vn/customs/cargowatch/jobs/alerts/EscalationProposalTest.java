package vn.customs.cargowatch.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.alerts.EscalationProposal.Candidate;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.CustomsOffice.Level;
import vn.customs.cargowatch.model.NearestOffice;

/**
 * The nearest Branches of the pilot (the simulator's units at their published positions). Expected distances were
 * computed independently with the spherical law of cosines (R = 6371.0088 km), not with {@code Geo}:
 * Gia Lâm–Long Biên 3.408 km, Gia Lâm–Bắc Hà Nội 10.364, Gia Lâm–Mỹ Đình 12.622; Hữu Nghị–Đồng Đăng 2.818,
 * Hữu Nghị–Tân Thanh 11.973; Hải Phòng KV I–KV III 8.367.
 */
class EscalationProposalTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:15:00Z");

    private static final List<CustomsOffice> PILOT = List.of(
            office("TCHQ", "Tổng cục Hải quan", Level.GENERAL, null, 21.0236, 105.7889, "02439440833"),
            office("CHQ-HN", "Cục Hải quan thành phố Hà Nội", Level.DEPARTMENT, "TCHQ", 21.0436, 105.7886, null),
            office("CHQ-HP", "Cục Hải quan thành phố Hải Phòng", Level.DEPARTMENT, "TCHQ", 20.8617, 106.6863, null),
            office("HN-GIALAM", "Chi cục Hải quan Gia Lâm", Level.BRANCH, "CHQ-HN", 21.0600, 105.8945, "02438271486"),
            office("HN-LONGBIEN", "Chi cục Hải quan Long Biên", Level.BRANCH, "CHQ-HN", 21.0350, 105.9135,
                    "02436740350"),
            office("HN-MYDINH", "Chi cục Hải quan ICD Mỹ Đình", Level.BRANCH, "CHQ-HN", 21.0290, 105.7775,
                    "02437686135"),
            office("HN-BACHANOI", "Chi cục Hải quan Bắc Hà Nội", Level.BRANCH, "CHQ-HN", 21.1420, 105.8470,
                    "02439655180"),
            office("HP-KV1", "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực I", Level.BRANCH, "CHQ-HP",
                    20.8655, 106.6890, "02253842312"),
            office("HP-KV3", "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực III", Level.BRANCH, "CHQ-HP",
                    20.8435, 106.7660, "02253979124"),
            office("LS-HUUNGHI", "Chi cục Hải quan cửa khẩu quốc tế Hữu Nghị", Level.BRANCH, "CHQ-LS",
                    21.9690, 106.7065, "02053851214"),
            office("LS-DONGDANG", "Chi cục Hải quan cửa khẩu ga đường sắt liên vận quốc tế Đồng Đăng", Level.BRANCH,
                    "CHQ-LS", 21.9440, 106.7020, "02053851035"),
            office("LS-TANTHANH", "Chi cục Hải quan cửa khẩu Tân Thanh", Level.BRANCH, "CHQ-LS", 21.8760, 106.6480,
                    "02053880224"));

    @Test
    void shouldListTheThreeNearestBranchesWithKnownDistances() {
        // A door opened at Gia Lâm on a trip that left from Mỹ Đình (12.6 km away: fourth, not listed).
        EscalationProposal proposal = proposalAt(21.0600, 105.8945, "HN-MYDINH");

        assertThat(proposal.candidates()).extracting(candidate -> candidate.office().unitCode())
                .containsExactly("HN-GIALAM", "HN-LONGBIEN", "HN-BACHANOI");
        assertThat(proposal.candidates()).extracting(Candidate::distanceKm)
                .satisfiesExactly(
                        km -> assertThat(km).isCloseTo(0.0, within(0.06)),
                        km -> assertThat(km).isCloseTo(3.408, within(0.06)),
                        km -> assertThat(km).isCloseTo(10.364, within(0.06)));
        assertThat(proposal.proposed()).get().extracting(candidate -> candidate.office().unitCode())
                .isEqualTo("HN-GIALAM");
    }

    @Test
    void shouldListTheOwnBranchMarkedButProposeTheNearestOtherOne() {
        EscalationProposal proposal = proposalAt(21.9690, 106.7065, "LS-HUUNGHI");

        assertThat(proposal.candidates()).extracting(candidate -> candidate.office().unitCode())
                .containsExactly("LS-HUUNGHI", "LS-DONGDANG", "LS-TANTHANH");
        assertThat(proposal.candidates()).extracting(Candidate::ownBranch).containsExactly(true, false, false);
        assertThat(proposal.candidates().get(1).distanceKm()).isCloseTo(2.818, within(0.06));
        assertThat(proposal.candidates().get(2).distanceKm()).isCloseTo(11.973, within(0.06));
        assertThat(proposal.proposed()).get().extracting(candidate -> candidate.office().unitCode())
                .isEqualTo("LS-DONGDANG");
    }

    @Test
    void shouldTakeOnlyBranchesNotTheDepartmentNextDoor() {
        // The Hải Phòng Department sits 0.5 km from KV I; it is not a candidate.
        EscalationProposal proposal = proposalAt(20.8655, 106.6890, "HP-KV1");

        assertThat(proposal.candidates()).extracting(candidate -> candidate.office().level())
                .containsOnly(Level.BRANCH);
        assertThat(proposal.candidates().get(1).office().unitCode()).isEqualTo("HP-KV3");
        assertThat(proposal.candidates().get(1).distanceKm()).isCloseTo(8.367, within(0.06));
    }

    @Test
    void shouldProposeNothingForAnAlertWithoutPosition() {
        Alert gate = alert(null, null, "HN-GIALAM");

        assertThat(EscalationProposal.of(gate, PILOT)).isEmpty();
    }

    @Test
    void shouldPrintTheProposalForTheBranchLeaderInVietnamese() {
        String text = proposalAt(21.9690, 106.7065, "LS-HUUNGHI").text();

        assertThat(text)
                .startsWith("ĐỀ XUẤT XÁC MINH TẠI CHỖ")
                .contains("Kính gửi: Lãnh đạo Chi cục Hải quan cửa khẩu quốc tế Hữu Nghị\n")
                .contains("Cảnh báo: Mở cửa container (mức độ rất nghiêm trọng)")
                .contains("Container: MSCU1234565, chuyến TRIP-7\n")
                .contains("Thời điểm bắt đầu: 2026-11-22 15:15 (giờ Việt Nam)")
                .contains("Đề xuất: đề nghị Chi cục Hải quan cửa khẩu ga đường sắt liên vận quốc tế Đồng Đăng "
                        + "(LS-DONGDANG), cách 2,8 km, điện thoại 02053851035, kiểm tra, xác minh tại chỗ.")
                .contains("  - Chi cục Hải quan cửa khẩu quốc tế Hữu Nghị (LS-HUUNGHI), cách 0,0 km, "
                        + "điện thoại 02053851214 — Chi cục quản lý cảnh báo")
                .contains("  - Chi cục Hải quan cửa khẩu Tân Thanh (LS-TANTHANH), cách 12,0 km");
    }

    private static EscalationProposal proposalAt(double lat, double lon, String ownBranch) {
        return EscalationProposal.of(alert(lat, lon, ownBranch), PILOT).orElseThrow();
    }

    private static Alert alert(Double lat, Double lon, String branch) {
        return new Alert("a-1", AlertType.DOOR_OPENED, AlertType.DOOR_OPENED.severity(), "TRIP-7", "860000000000001",
                "MSCU1234565", AT, AT, null, lat, lon, branch, "CHQ-X",
                lat == null ? null : new NearestOffice("X", "Chi cục X", 0.0), AlertDetails.NONE, null);
    }

    private static CustomsOffice office(
            String code, String name, Level level, String parent, double lat, double lon, String phone) {
        return new CustomsOffice(code, name, level, parent, lat, lon, phone);
    }
}
