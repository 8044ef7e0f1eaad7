package vn.customs.cargowatch.ops.simulator;

import vn.customs.cargowatch.model.Place;

/**
 * Loading and unloading places of the simulated trips: ports, inland container depots and border
 * gates, each under the customs Branch that supervises it. Routes start and end exactly here.
 */
enum Site {

    CANG_DINH_VU(CustomsOffices.HP_KV3, "Cảng Đình Vũ (Hải An, Hải Phòng)", 20.8400, 106.7740, null, Region.HAI_PHONG),
    CANG_LACH_HUYEN(CustomsOffices.HP_KV3, "Cảng cửa ngõ quốc tế Lạch Huyện (Cát Hải, Hải Phòng)",
            20.8230, 106.9050, null, Region.HAI_PHONG),
    ICD_GIA_LAM(CustomsOffices.HN_GIA_LAM, "ICD Gia Lâm (Long Biên, Hà Nội)", 21.0610, 105.8930, "ICD-GIALAM",
            Region.HA_NOI),
    ICD_LONG_BIEN(CustomsOffices.HN_LONG_BIEN, "ICD Long Biên (Hà Nội)", 21.0360, 105.9120, "ICD-LONGBIEN",
            Region.HA_NOI),
    ICD_MY_DINH(CustomsOffices.HN_MY_DINH, "ICD Mỹ Đình (Nam Từ Liêm, Hà Nội)", 21.0280, 105.7790, "ICD-MYDINH",
            Region.HA_NOI),
    CUA_KHAU_MONG_CAI(CustomsOffices.QN_MONG_CAI, "Cửa khẩu quốc tế Móng Cái (cầu Bắc Luân II)", 21.5420, 107.9630,
            null, Region.QUANG_NINH),
    CUA_KHAU_HUU_NGHI(CustomsOffices.LS_HUU_NGHI, "Cửa khẩu quốc tế Hữu Nghị (Cao Lộc, Lạng Sơn)", 21.9700, 106.7070,
            null, Region.LANG_SON);

    /** Where trucks and forwarders of a place come from: plate prefixes and the landline area code. */
    enum Region {
        HAI_PHONG(new String[] {"15", "16"}, "0225"),
        HA_NOI(new String[] {"29", "30"}, "024"),
        QUANG_NINH(new String[] {"14"}, "0203"),
        LANG_SON(new String[] {"12"}, "0205");

        final String[] plateProvinces;
        final String areaCode;

        Region(String[] plateProvinces, String areaCode) {
            this.plateProvinces = plateProvinces;
            this.areaCode = areaCode;
        }
    }

    final String unitCode;
    final String label;
    final double lat;
    final double lon;
    final String icdCode;
    final Region region;

    Site(String unitCode, String label, double lat, double lon, String icdCode, Region region) {
        this.unitCode = unitCode;
        this.label = label;
        this.lat = lat;
        this.lon = lon;
        this.icdCode = icdCode;
        this.region = region;
    }

    Place place() {
        return new Place(unitCode, label, lat, lon, icdCode);
    }

    /** A short name for console lines: the label up to its parenthesis. */
    String shortName() {
        int paren = label.indexOf(" (");
        return paren < 0 ? label : label.substring(0, paren);
    }
}
