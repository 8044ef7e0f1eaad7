package vn.customs.cargowatch.jobs.seal;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import vn.customs.cargowatch.jobs.seal.rules.SealRule;
import vn.customs.cargowatch.jobs.seal.rules.SealRules;
import vn.customs.cargowatch.model.Alert;

/** Test harnesses for the seal rules, keyed by IMEI as in the job. */
public final class Harnesses {

    private Harnesses() {}

    public static KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> keyed(
            KeyedProcessFunction<String, TripSignal, Alert> rule) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(rule), TripSignal::imei, Types.STRING);
        harness.open();
        return harness;
    }

    /** A seal rule as the job runs it: in {@link SealRules}, here alone. */
    public static KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> keyed(SealRule rule)
            throws Exception {
        return keyed(new SealRules(List.of(rule)));
    }

    public static KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> cep(
            Pattern<TripSignal, TripSignal> pattern, PatternProcessFunction<TripSignal, Alert> toAlert)
            throws Exception {
        var operator = new CepOperator<TripSignal, String, Alert>(
                TypeInformation.of(TripSignal.class).createSerializer(new SerializerConfigImpl()),
                false, NFACompiler.compileFactory(pattern, false), null, pattern.getAfterMatchSkipStrategy(),
                toAlert, null);
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, TripSignal::imei, Types.STRING);
        harness.open();
        return harness;
    }

    /** Feeds signals at their event time. */
    public static void feed(KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> harness,
            TripSignal... signals) throws Exception {
        for (TripSignal signal : signals) {
            harness.processElement(signal, signal.millis());
        }
    }

    public static List<Alert> alerts(KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> harness) {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(record -> (Alert) ((StreamRecord<?>) record).getValue())
                .toList();
    }

}
