package vn.customs.cargowatch.ops.simulator;

import java.util.Arrays;
import java.util.List;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.CustomsOffice.Level;

/**
 * The customs units of the simulated north: the General Department, four provincial Departments and
 * their Branches along the corridors (3740 §I.7). Names and positions are the real units'; the unit
 * codes are ours and stable (trip records and alerts refer to them). A Branch lists the ICDs among the sites it
 * supervises ({@code icdCodes}).
 */
final class CustomsOffices {

    static final String GENERAL = "TCHQ";
    static final String HA_NOI = "CHQ-HN";
    static final String HAI_PHONG = "CHQ-HP";
    static final String QUANG_NINH = "CHQ-QN";
    static final String LANG_SON = "CHQ-LS";

    static final String HP_KV3 = "HP-KV3";
    static final String HN_GIA_LAM = "HN-GIALAM";
    static final String HN_LONG_BIEN = "HN-LONGBIEN";
    static final String HN_MY_DINH = "HN-MYDINH";
    static final String QN_MONG_CAI = "QN-MONGCAI";
    static final String LS_HUU_NGHI = "LS-HUUNGHI";

    static final List<CustomsOffice> ALL = List.of(
            office(GENERAL, "Tổng cục Hải quan", Level.GENERAL, null, 21.0236, 105.7889, "02439440833"),

            office(HA_NOI, "Cục Hải quan thành phố Hà Nội", Level.DEPARTMENT, GENERAL, 21.0436, 105.7886, "02437821841"),
            office(HAI_PHONG, "Cục Hải quan thành phố Hải Phòng", Level.DEPARTMENT, GENERAL, 20.8617, 106.6863, "02253836195"),
            office(QUANG_NINH, "Cục Hải quan tỉnh Quảng Ninh", Level.DEPARTMENT, GENERAL, 20.9512, 107.0831, "02033835632"),
            office(LANG_SON, "Cục Hải quan tỉnh Lạng Sơn", Level.DEPARTMENT, GENERAL, 21.8530, 106.7610, "02053870293"),

            office(HP_KV3, "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực III", Level.BRANCH, HAI_PHONG,
                    20.8435, 106.7660, "02253979124"),
            office("HP-KV1", "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực I", Level.BRANCH, HAI_PHONG,
                    20.8655, 106.6890, "02253842312"),
            office(HN_GIA_LAM, "Chi cục Hải quan Gia Lâm", Level.BRANCH, HA_NOI, 21.0600, 105.8945, "02438271486"),
            office(HN_LONG_BIEN, "Chi cục Hải quan Long Biên", Level.BRANCH, HA_NOI, 21.0350, 105.9135, "02436740350"),
            office(HN_MY_DINH, "Chi cục Hải quan ICD Mỹ Đình", Level.BRANCH, HA_NOI, 21.0290, 105.7775, "02437686135"),
            office("HN-BACHANOI", "Chi cục Hải quan Bắc Hà Nội", Level.BRANCH, HA_NOI, 21.1420, 105.8470, "02439655180"),
            office(QN_MONG_CAI, "Chi cục Hải quan cửa khẩu Móng Cái", Level.BRANCH, QUANG_NINH,
                    21.5405, 107.9645, "02033881275"),
            office("QN-HONGAI", "Chi cục Hải quan cửa khẩu cảng Hòn Gai", Level.BRANCH, QUANG_NINH,
                    20.9520, 107.0650, "02033825746"),
            office("QN-CAMPHA", "Chi cục Hải quan cửa khẩu cảng Cẩm Phả", Level.BRANCH, QUANG_NINH,
                    21.0200, 107.3300, "02033862311"),
            office("QN-BACPHONGSINH", "Chi cục Hải quan Bắc Phong Sinh", Level.BRANCH, QUANG_NINH,
                    21.6200, 107.6300, "02033879002"),
            office(LS_HUU_NGHI, "Chi cục Hải quan cửa khẩu quốc tế Hữu Nghị", Level.BRANCH, LANG_SON,
                    21.9690, 106.7065, "02053851214"),
            office("LS-DONGDANG", "Chi cục Hải quan cửa khẩu ga đường sắt liên vận quốc tế Đồng Đăng", Level.BRANCH,
                    LANG_SON, 21.9440, 106.7020, "02053851035"),
            office("LS-TANTHANH", "Chi cục Hải quan cửa khẩu Tân Thanh", Level.BRANCH, LANG_SON,
                    21.8760, 106.6480, "02053880224"));

    private CustomsOffices() {}

    static CustomsOffice byCode(String unitCode) {
        return ALL.stream().filter(office -> office.unitCode().equals(unitCode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no customs office " + unitCode));
    }

    /** The Department a Branch reports to. */
    static String departmentOf(String branchCode) {
        return byCode(branchCode).parentCode();
    }

    /** A Branch lists the ICDs of the sites it supervises, so that their gate alerts are its own (3740 §I.7). */
    private static CustomsOffice office(
            String code, String name, Level level, String parent, double lat, double lon, String phone) {
        List<String> icdCodes = Arrays.stream(Site.values())
                .filter(site -> site.unitCode.equals(code) && site.icdCode != null)
                .map(site -> site.icdCode)
                .toList();
        return new CustomsOffice(code, name, level, parent, lat, lon, phone, icdCodes.isEmpty() ? null : icdCodes);
    }
}
