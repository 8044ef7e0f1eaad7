package vn.customs.cargowatch.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * ISO 6346 container numbers: owner code (3 letters) + category (U, J or Z) + 6-digit serial + check digit,
 * e.g. {@code MSKU1234565}. The check digit makes most single misreads of a camera detectable
 * (1572 §II.2.2: matching recognised numbers against customs documents).
 */
public final class ContainerNumber {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{3}[UJZ]\\d{7}");

    /**
     * What recognition cameras confuse (O/0, I/1, B/8, S/5, Z/2, G/6), both ways. Every pair is a letter and
     * a digit, so one such misread always breaks the number's shape and has at most one correction; two
     * misreads have none. The ambiguity rule of {@link #correct} matters for wider confusion tables.
     */
    public static final Map<Character, Character> CAMERA_CONFUSIONS = Map.ofEntries(
            Map.entry('O', '0'), Map.entry('0', 'O'), Map.entry('I', '1'), Map.entry('1', 'I'),
            Map.entry('B', '8'), Map.entry('8', 'B'), Map.entry('S', '5'), Map.entry('5', 'S'),
            Map.entry('Z', '2'), Map.entry('2', 'Z'), Map.entry('G', '6'), Map.entry('6', 'G'));

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

    /** Upper case without spaces or separators, as printed on the container; {@code null} when empty. */
    public static String normalize(String read) {
        if (read == null) {
            return null;
        }
        String normalized = read.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return normalized.isEmpty() ? null : normalized;
    }

    /**
     * The valid numbers one confusion away from {@code read}: the result has letters in the owner code and
     * category and digits in the serial, as validity demands. Empty when the read is valid as it is.
     */
    public static List<String> singleConfusionCorrections(String read, Map<Character, Character> confusions) {
        List<String> candidates = new ArrayList<>();
        if (read == null || read.length() != 11 || isValid(read)) {
            return candidates;
        }
        for (int i = 0; i < read.length(); i++) {
            Character swapped = confusions.get(read.charAt(i));
            if (swapped != null) {
                String candidate = read.substring(0, i) + swapped + read.substring(i + 1);
                if (isValid(candidate)) {
                    candidates.add(candidate);
                }
            }
        }
        return candidates;
    }

    /**
     * The container number a camera read most likely is: the read itself when valid; else the only valid
     * number one confusion away; else, among several, the only one {@code declared} knows; else
     * {@code null} (not a container number yet: an officer completes it).
     */
    public static String correct(String read, Predicate<String> declared) {
        return correct(read, declared, CAMERA_CONFUSIONS);
    }

    public static String correct(String read, Predicate<String> declared, Map<Character, Character> confusions) {
        String normalized = normalize(read);
        if (normalized == null) {
            return null;
        }
        if (isValid(normalized)) {
            return normalized;
        }
        List<String> candidates = singleConfusionCorrections(normalized, confusions);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<String> declaredCandidates = candidates.stream().filter(declared).toList();
        return declaredCandidates.size() == 1 ? declaredCandidates.get(0) : null;
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
