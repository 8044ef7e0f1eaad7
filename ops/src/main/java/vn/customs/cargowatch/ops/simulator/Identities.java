package vn.customs.cargowatch.ops.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import vn.customs.cargowatch.model.ContainerNumber;

/**
 * Draws the identities on a registration form (3740 Phụ lục III): seal IMEI, container number,
 * declaration number, plates, people and companies. Numbers are unique within one simulation;
 * everything comes from the one {@link Random}, so a seed gives the same people every time.
 */
final class Identities {

    /** Owner codes of the shipping lines and lessors seen at Hải Phòng. */
    private static final List<String> CONTAINER_OWNERS = List.of(
            "MSKU", "MSCU", "CMAU", "OOLU", "EGHU", "HLXU", "TCLU", "CSNU", "ONEU", "YMLU", "WHLU", "KMTU", "TGHU",
            "SEGU", "GESU");

    private static final List<String> FAMILY_NAMES = List.of(
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Đinh", "Phan");
    private static final List<String> MALE_MIDDLE_NAMES = List.of("Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân");
    private static final List<String> MALE_GIVEN_NAMES = List.of(
            "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Sơn", "Thắng", "Cường", "Quân", "Trung", "Hưng", "Tiến", "Bình");
    private static final List<String> FEMALE_MIDDLE_NAMES = List.of("Thị", "Thu", "Ngọc", "Thanh", "Minh");
    private static final List<String> FEMALE_GIVEN_NAMES = List.of(
            "Hương", "Lan", "Trang", "Hà", "Linh", "Thảo", "Ngọc", "Phương", "Huyền", "Yến", "Mai");

    private static final List<String> COMPANIES = List.of(
            "Công ty TNHH Tiếp vận Biển Bắc",
            "Công ty CP Logistics Hải Long",
            "Công ty TNHH Vận tải Container Đông Á",
            "Công ty CP Giao nhận Kinh Bắc",
            "Công ty TNHH Thương mại Biên mậu Ka Long",
            "Công ty TNHH Xuất nhập khẩu Kỳ Lừa",
            "Công ty CP Vận tải Đường bộ Tân Cảng Miền Bắc",
            "Công ty TNHH Dịch vụ Hải quan Sao Đỏ");

    private final Random rng;
    private final Set<String> issued = new HashSet<>();

    Identities(Random rng) {
        this.rng = rng;
    }

    /** A 15-digit IMEI of a seal modem: type allocation code 86…, serial, Luhn check digit. */
    String imei() {
        return unique(() -> {
            String body = "86" + digits(12);
            return body + luhnDigit(body);
        });
    }

    /** An ISO 6346 container number with a correct check digit, e.g. {@code MSKU1234565}. */
    String containerNo() {
        return unique(() -> {
            while (true) {
                String body = pick(CONTAINER_OWNERS) + digits(6);
                int check = ContainerNumber.checkValue(body);
                if (check != 10) { // serials whose remainder is 10 are not issued
                    return body + check;
                }
            }
        });
    }

    /** A 12-digit customs declaration number: 10… for import flows, 30… for export flows. */
    String declarationNo(boolean export) {
        return unique(() -> (export ? "30" : "10") + (1 + rng.nextInt(9)) + digits(9));
    }

    /** A tractor plate like {@code 15C-123.45}. */
    String truckPlate(Site.Region region) {
        return unique(() -> province(region) + (rng.nextInt(4) == 0 ? "H" : "C") + "-" + digits(3) + "." + digits(2));
    }

    /** A semi-trailer plate like {@code 15R-012.34}. */
    String trailerPlate(Site.Region region) {
        return unique(() -> province(region) + "R-" + digits(3) + "." + digits(2));
    }

    String driverName() {
        return pick(FAMILY_NAMES) + " " + pick(MALE_MIDDLE_NAMES) + " " + pick(MALE_GIVEN_NAMES);
    }

    String declarantName() {
        return rng.nextBoolean()
                ? pick(FAMILY_NAMES) + " " + pick(FEMALE_MIDDLE_NAMES) + " " + pick(FEMALE_GIVEN_NAMES)
                : driverName();
    }

    String companyName() {
        return pick(COMPANIES);
    }

    /** A mobile number like {@code 0912345678}. */
    String mobile() {
        return unique(() -> "09" + digits(8));
    }

    /** A landline in the region's area code, 11 digits in all. */
    String landline(Site.Region region) {
        return unique(() -> region.areaCode + digits(11 - region.areaCode.length()));
    }

    private String province(Site.Region region) {
        // Most container trucks on these corridors are registered in Hải Phòng.
        Site.Region from = rng.nextInt(10) < 3 ? Site.Region.HAI_PHONG : region;
        return from.plateProvinces[rng.nextInt(from.plateProvinces.length)];
    }

    private String digits(int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append((char) ('0' + rng.nextInt(10)));
        }
        return text.toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    private String unique(java.util.function.Supplier<String> draw) {
        while (true) {
            String value = draw.get();
            if (issued.add(value)) {
                return value;
            }
        }
    }

    static int luhnDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }
}
