package vn.customs.cargowatch.model;

import java.util.regex.Pattern;

/**
 * ISO 6346 container numbers: owner code (3 letters) + category (U, J or Z) + 6-digit serial + check digit,
 * e.g. {@code MSKU1234565}. The check digit makes most single misreads of a camera detectable
 * (1572 §II.2.2: matching recognised numbers against customs documents).
 */
public final class ContainerNumber {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{3}[UJZ]\\d{7}");

    private ContainerNumber() {}

    /**
     * The weighted sum of the first ten characters mod 11: letters count 10–38 skipping multiples of 11,
     * digits their value, each weighted by 2^position. A remainder of 10 is written as check digit 0.
     */
    public static int checkValue(String firstTen) {
        if (firstTen.length() != 10) {
            throw new IllegalArgumentException("need owner code, category and serial: " + firstTen);
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += valueOf(firstTen.charAt(i)) << i;
        }
        return sum % 11;
    }

    /** Well formed and its check digit agrees. */
    public static boolean isValid(String containerNo) {
        return containerNo != null && SHAPE.matcher(containerNo).matches()
                && checkValue(containerNo.substring(0, 10)) % 10 == containerNo.charAt(10) - '0';
    }

    private static int valueOf(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int value = 10;
        for (char letter = 'A'; letter < c; letter++) {
            value++;
            if (value % 11 == 0) {
                value++;
            }
        }
        return value;
    }
}
