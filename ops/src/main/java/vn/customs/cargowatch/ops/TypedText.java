package vn.customs.cargowatch.ops;

import java.text.Normalizer;

/** Text a person typed, on the command line or at the desk, as it is kept and compared. */
public final class TypedText {

    private TypedText() {}

    /**
     * {@code text} in Unicode NFC. A Vietnamese letter can be typed precomposed ("ễ") or as a letter and its marks
     * ("e" + circumflex + tilde), depending on the keyboard and the terminal; stored as typed, one officer would be
     * two names in the alert's history and the reports, and a note would not be found by what it says.
     */
    public static String nfc(String text) {
        return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
