package vn.customs.cargowatch.model;

import java.util.regex.Pattern;

/** A seal's identity: the 15-digit IMEI of its modem. */
public final class Imei {

    private static final Pattern FIFTEEN_DIGITS = Pattern.compile("\\d{15}");

    private Imei() {}

    public static String problem(String imei) {
        if (imei == null || imei.isBlank()) {
            return "imei is missing";
        }
        return FIFTEEN_DIGITS.matcher(imei).matches() ? null : "imei " + Validated.quote(imei) + " is not 15 digits";
    }
}
