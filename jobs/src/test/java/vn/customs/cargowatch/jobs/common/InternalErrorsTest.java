package vn.customs.cargowatch.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.DeadLetter;

/** A fault of the code on one record sets that record aside; a failure of the state still fails the task. */
class InternalErrorsTest {

    private final List<DeadLetter> deadLetters = new ArrayList<>();

    @Test
    void shouldSendTheRecordToDeadletterAsInternalWhenTheCodeFailsOnIt() throws Exception {
        InternalErrors.guard("trip timeline", "seal.fixes", "{\"imei\":\"356938035643809\"}", deadLetters::add,
                () -> {
                    throw new ArithmeticException("long overflow");
                });

        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.INTERNAL);
            assertThat(letter.topic()).isEqualTo("seal.fixes");
            assertThat(letter.reason()).isEqualTo("internal error in trip timeline: java.lang.ArithmeticException: "
                    + "long overflow");
            assertThat(letter.payload()).isEqualTo("{\"imei\":\"356938035643809\"}");
        });
    }

    @Test
    void shouldWriteARecordThatIsNoLineAsJson() throws Exception {
        InternalErrors.guard("ICD gates", "camera.recognitions", java.util.Map.of("icdCode", "ICD-GIALAM"),
                deadLetters::add, () -> {
                    throw new NullPointerException();
                });

        assertThat(deadLetters).singleElement().extracting(DeadLetter::payload).isEqualTo("{\"icdCode\":\"ICD-GIALAM\"}");
    }

    @Test
    void shouldLeaveAFailureOfStateToFlink() {
        assertThatThrownBy(() -> InternalErrors.guard("trip timeline", "seal.fixes", "x", deadLetters::add, () -> {
            throw new IOException("the state backend's disk is full");
        })).isInstanceOf(IOException.class);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void shouldDoNothingMoreWhenTheStepSucceeds() throws Exception {
        List<String> done = new ArrayList<>();
        InternalErrors.guard("trip timeline", "seal.fixes", "x", deadLetters::add, () -> done.add("handled"));

        assertThat(done).containsExactly("handled");
        assertThat(deadLetters).isEmpty();
    }
}
