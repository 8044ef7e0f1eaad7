package vn.customs.cargowatch.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.gate.GateFixtures.*;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Declaration.Risk;
import vn.customs.cargowatch.model.Declaration.Status;

/** Each version of a declaration reaches every container it concerns, and the versions end with their retention. */
class DeclarationVersionsTest {

    private static final String OTHER_ICD = "ICD-TIENSON";

    private KeyedOneInputStreamOperatorTestHarness<String, Declaration, GateInput> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeclarationVersions(GateSettings.defaults())),
                Declaration::declarationNo, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void feed(Declaration declaration) throws Exception {
        harness.processElement(declaration, declaration.ts().toEpochMilli());
    }

    private List<GateInput> handedOut() {
        return harness.extractOutputValues();
    }

    @Test
    void shouldTellAContainerAnAmendmentDropsThatItIsNoLongerListed() throws Exception {
        feed(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER, CONTAINER_2));
        feed(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(5), CONTAINER));

        assertThat(handedOut()).extracting(GateInput::key, input -> input.declaration().ts(), GateInput::counted)
                .containsExactly(
                        tuple(ICD + "/" + CONTAINER, minutes(0), true),
                        tuple(ICD + "/" + CONTAINER_2, minutes(0), false),
                        tuple(ICD + "/" + CONTAINER, minutes(5), true),
                        tuple(ICD + "/" + CONTAINER_2, minutes(5), false));
    }

    @Test
    void shouldGiveAContainerListedLateEveryVersionKnownBefore() throws Exception {
        feed(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(5), CONTAINER));
        feed(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER, CONTAINER_2));

        assertThat(handedOut()).filteredOn(input -> input.key().endsWith(CONTAINER_2))
                .extracting(input -> input.declaration().ts())
                .as("the newer version, which drops it, reaches it too: event time applies both in order")
                .containsExactly(minutes(5), minutes(0));
        assertThat(handedOut()).filteredOn(GateInput::counted).as("each version counted once")
                .extracting(input -> input.declaration().ts()).containsExactly(minutes(5), minutes(0));
    }

    @Test
    void shouldFollowADeclarationMovedToAnotherIcd() throws Exception {
        feed(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER));
        feed(new Declaration("D1", Declaration.Kind.IMPORT, OTHER_ICD, List.of(CONTAINER), null, Status.CLEARED,
                Risk.GREEN, minutes(5)));

        assertThat(handedOut()).extracting(GateInput::key, input -> input.declaration().icdCode()).containsExactly(
                tuple(ICD + "/" + CONTAINER, ICD),
                tuple(ICD + "/" + CONTAINER, OTHER_ICD),
                tuple(OTHER_ICD + "/" + CONTAINER, ICD),
                tuple(OTHER_ICD + "/" + CONTAINER, OTHER_ICD));
    }

    @Test
    void shouldHandOutNothingForADeclarationThatListsNoContainer() throws Exception {
        feed(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0)));

        assertThat(handedOut()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldForgetEveryVersionOnceTheRetentionAfterTheNewestIsOver() throws Exception {
        var retention = GateSettings.defaults().declarationRetention();
        feed(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER));
        feed(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(5), CONTAINER));

        harness.processWatermark(minutes(0).plus(retention).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).as("the newer version still stands").isEqualTo(1);
        harness.processWatermark(minutes(5).plus(retention).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
