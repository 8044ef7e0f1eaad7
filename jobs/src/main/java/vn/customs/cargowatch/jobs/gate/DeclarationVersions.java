package vn.customs.cargowatch.jobs.gate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.common.UnusedInputs;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Topic;

/**
 * Hands each version of a customs declaration to every container it concerns, keyed by declaration number: the
 * containers (at their ICD) this version lists, and those any earlier version listed — a later record for the same
 * declaration replaces the earlier one (contract, {@code customs.declarations}), so a container an amendment drops,
 * or an ICD it moves away from, must learn that it is no longer listed (1572 §II.1.2: a container is matched against
 * the declaration as it stands). A container listed for the first time also gets the versions known before, so it
 * sees the same history whatever order the versions arrive in; {@link GateMatcher} applies them in event time.
 *
 * <p>Versions are handled as they arrive (no event-time wait: ordering them is the matcher's work). State: the
 * versions of one declaration, until {@code gate.declarationRetention} after the newest one's time, when the matchers
 * forget it too. A declaration that lists no container concerns no gate decision: it is counted as unused.
 */
public class DeclarationVersions extends KeyedProcessFunction<String, Declaration, GateInput> {

    private final GateSettings settings;

    private transient ListState<Declaration> versions;
    private transient UnusedInputs unused;

    public DeclarationVersions(GateSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        versions = getRuntimeContext().getListState(new ListStateDescriptor<>("declaration-versions",
                TypeInformation.of(Declaration.class)));
        unused = new UnusedInputs(getRuntimeContext());
    }

    @Override
    public void processElement(Declaration declaration, Context ctx, Collector<GateInput> out) throws Exception {
        InternalErrors.guard("declaration versions", Topic.CUSTOMS_DECLARATIONS.name(), declaration,
                letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> handOut(declaration, ctx, out));
    }

    private void handOut(Declaration declaration, Context ctx, Collector<GateInput> out) throws Exception {
        List<Declaration> known = new ArrayList<>();
        versions.get().forEach(known::add);
        Set<String> listedBefore = containersListed(known);
        Set<String> listedNow = GateInput.keysListedBy(declaration);
        if (listedNow.isEmpty() && listedBefore.isEmpty()) {
            unused.count(Topic.CUSTOMS_DECLARATIONS, UnusedInputs.Reason.NO_RULE_READS_IT);
            return;
        }
        String countedAt = listedNow.isEmpty() ? listedBefore.iterator().next() : listedNow.iterator().next();
        for (String key : listedBefore) {
            out.collect(GateInput.of(key, declaration, key.equals(countedAt)));
        }
        for (String key : listedNow) {
            if (!listedBefore.contains(key)) {
                for (Declaration earlier : known) {
                    out.collect(GateInput.of(key, earlier, false));
                }
                out.collect(GateInput.of(key, declaration, key.equals(countedAt)));
            }
        }
        if (!known.contains(declaration)) {
            versions.add(declaration); // an exact duplicate is kept once
        }
        long newest = Math.max(newest(known), declaration.ts().toEpochMilli());
        ctx.timerService().registerEventTimeTimer(newest + settings.declarationRetention().toMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GateInput> out) throws Exception {
        if (newest(versions.get()) + settings.declarationRetention().toMillis() <= timestamp) {
            versions.clear();
        }
    }

    /** The keys of the containers (at their ICD) the versions list, in the order listed. */
    private static Set<String> containersListed(List<Declaration> versions) {
        Set<String> keys = new LinkedHashSet<>();
        versions.forEach(version -> keys.addAll(GateInput.keysListedBy(version)));
        return keys;
    }

    /** The time of the newest of the versions, in epoch milliseconds. */
    private static long newest(Iterable<Declaration> versions) {
        long newest = Long.MIN_VALUE;
        for (Declaration version : versions) {
            newest = Math.max(newest, version.ts().toEpochMilli());
        }
        return newest;
    }
}
