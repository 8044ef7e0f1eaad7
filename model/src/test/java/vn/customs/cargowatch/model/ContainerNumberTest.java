package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerNumberTest {

    @Test
    void shouldAcceptTheStandardsOwnExample() {
        assertThat(ContainerNumber.isValid("CSQU3054383")).isTrue();
    }

    @Test
    void shouldRejectAWrongCheckDigitAndEverySingleOcrMisreadOfTheExample() {
        assertThat(ContainerNumber.isValid("CSQU3054384")).isFalse();
        assertThat(ContainerNumber.isValid("CSQU3O54383")).as("O for 0").isFalse();
        assertThat(ContainerNumber.isValid("CSQU3054B83")).as("B for 8").isFalse();
        assertThat(ContainerNumber.isValid("C5QU3054383")).as("5 for S").isFalse();
    }

    @Test
    void shouldWriteARemainderOfTenAsZero() {
        String body = "MSKU123450";
        for (int serial = 0; serial < 1_000_000 && ContainerNumber.checkValue(body) != 10; serial++) {
            body = String.format("MSKU%06d", serial);
        }

        assertThat(ContainerNumber.checkValue(body)).isEqualTo(10);
        assertThat(ContainerNumber.isValid(body + "0")).isTrue();
    }

    @Test
    void shouldRejectWhatIsNotShapedLikeAContainerNumber() {
        assertThat(ContainerNumber.isValid(null)).isFalse();
        assertThat(ContainerNumber.isValid("CSQA3054383")).as("category must be U, J or Z").isFalse();
        assertThat(ContainerNumber.isValid("CSQU305438")).isFalse();
    }

    // ---- corrections of camera misreads (1572 §II.2.2) ----

    private static final java.util.function.Predicate<String> NOTHING_DECLARED = containerNo -> false;

    @Test
    void shouldNormaliseCaseAndSeparatorsBeforeChecking() {
        assertThat(ContainerNumber.correct("csqu 305438-3", NOTHING_DECLARED)).isEqualTo("CSQU3054383");
    }

    @Test
    void shouldCorrectALetterReadInTheSerialAndADigitReadInTheOwnerCode() {
        assertThat(ContainerNumber.correct("CSQU3O54383", NOTHING_DECLARED)).as("O for 0").isEqualTo("CSQU3054383");
        assertThat(ContainerNumber.correct("CSQU30543B3", NOTHING_DECLARED)).as("B for 8").isEqualTo("CSQU3054383");
        assertThat(ContainerNumber.correct("C5QU3054383", NOTHING_DECLARED)).as("5 for S").isEqualTo("CSQU3054383");
        assertThat(ContainerNumber.correct("CSQU3054Z8I", NOTHING_DECLARED)).as("two misreads").isNull();
    }

    @Test
    void shouldCorrectEveryConfusionPairInBothDirections() {
        String owner = "OIBSZG".chars().mapToObj(c -> String.valueOf((char) c)).reduce("", String::concat);
        for (char letter : owner.toCharArray()) {
            String body = String.valueOf(letter) + "SQU305438";
            String valid = body + ContainerNumber.checkValue(body) % 10;
            char digit = switch (letter) {
                case 'O' -> '0'; case 'I' -> '1'; case 'B' -> '8'; case 'S' -> '5'; case 'Z' -> '2'; default -> '6';
            };
            String misread = digit + valid.substring(1);
            assertThat(ContainerNumber.correct(misread, NOTHING_DECLARED)).as(misread).isEqualTo(valid);
        }
    }

    @Test
    void shouldHaveAtMostOneCorrectionForAnySingleCameraMisread() {
        String valid = "CSQU3054383";
        for (int i = 0; i < valid.length(); i++) {
            Character misread = ContainerNumber.CAMERA_CONFUSIONS.get(valid.charAt(i));
            if (misread != null) {
                String read = valid.substring(0, i) + misread + valid.substring(i + 1);
                assertThat(ContainerNumber.singleConfusionCorrections(read, ContainerNumber.CAMERA_CONFUSIONS))
                        .as(read).containsExactly(valid);
            }
        }
    }

    /** With a wider table (3/8 as well), a read can be one confusion away from two valid numbers. */
    @Test
    void shouldLeaveAnAmbiguousMisreadUncorrectedUnlessExactlyOneCandidateIsDeclared() {
        java.util.Map<Character, Character> wider = new java.util.HashMap<>(ContainerNumber.CAMERA_CONFUSIONS);
        wider.put('3', '8');
        wider.put('8', '3');
        String read = ambiguousMisread(wider);
        java.util.List<String> candidates = ContainerNumber.singleConfusionCorrections(read, wider);
        assertThat(candidates).hasSizeGreaterThan(1);

        assertThat(ContainerNumber.correct(read, NOTHING_DECLARED, wider)).isNull();
        assertThat(ContainerNumber.correct(read, candidates.get(1)::equals, wider)).isEqualTo(candidates.get(1));
        assertThat(ContainerNumber.correct(read, candidates::contains, wider)).as("both declared").isNull();
    }

    @Test
    void shouldNotTouchAValidRead() {
        assertThat(ContainerNumber.singleConfusionCorrections("CSQU3054383", ContainerNumber.CAMERA_CONFUSIONS)).isEmpty();
        assertThat(ContainerNumber.correct("CSQU3054383", other -> true)).isEqualTo("CSQU3054383");
    }

    /** A well-formed read with a wrong check digit, two 3/8 confusions away from valid numbers. */
    private static String ambiguousMisread(java.util.Map<Character, Character> confusions) {
        for (int serial = 0; serial < 1_000_000; serial++) {
            String read = String.format("CSQU%06d", serial) + "3";
            if (ContainerNumber.singleConfusionCorrections(read, confusions).size() > 1) {
                return read;
            }
        }
        throw new AssertionError("no ambiguous misread found");
    }
}
