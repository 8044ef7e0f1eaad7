package vn.customs.cargowatch.model;

/** An input record that can tell what, if anything, breaks the contract in it. */
public interface Validated {

    /** The reason this record must go to {@code deadletter}, or {@code null} when it is fine. */
    String problem();

    static String requireText(String value, String field) {
        return value == null || value.isBlank() ? field + " is missing" : null;
    }

    static String latLon(Double lat, Double lon) {
        if (lat == null || lon == null) {
            return "lat/lon missing";
        }
        if (lat.isNaN() || lat < -90 || lat > 90) {
            return "lat " + lat + " out of range [-90, 90]";
        }
        if (lon.isNaN() || lon < -180 || lon > 180) {
            return "lon " + lon + " out of range [-180, 180]";
        }
        return null;
    }

    /** The first non-null reason, so validations read as one list. */
    static String first(String... reasons) {
        for (String reason : reasons) {
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }
}
