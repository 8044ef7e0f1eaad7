package vn.customs.cargowatch.model;

import java.util.Locale;

/**
 * Vietnamese plates as cameras print them: {@code 15C-123.45} = {@code 15C12345} = {@code 15c 123 45}.
 * Normalise before comparing.
 */
public final class Plates {

    private Plates() {}

    /** Upper case without separators, or {@code null} when nothing is left. */
    public static String normalize(String plate) {
        if (plate == null) {
            return null;
        }
        String normalized = plate.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return normalized.isEmpty() ? null : normalized;
    }
}
