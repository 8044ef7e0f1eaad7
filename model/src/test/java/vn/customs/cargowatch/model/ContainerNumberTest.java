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
}
