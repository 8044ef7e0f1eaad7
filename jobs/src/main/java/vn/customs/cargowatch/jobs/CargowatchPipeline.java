package vn.customs.cargowatch.jobs;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.jobs.alerts.AlertActions;
import vn.customs.cargowatch.jobs.alerts.NearestOfficeEnricher;
import vn.customs.cargowatch.jobs.common.CountedBy;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.common.TopicParsing;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.jobs.gate.GateMatchingJob;
import vn.customs.cargowatch.jobs.gate.ShiftReview;
import vn.customs.cargowatch.jobs.seal.SealInput;
import vn.customs.cargowatch.jobs.seal.SealMonitoringJob;
import vn.customs.cargowatch.jobs.seal.TripClosings;
import vn.customs.cargowatch.jobs.seal.TripStatusCounter;
import vn.customs.cargowatch.jobs.seal.TripTallies;
import vn.customs.cargowatch.jobs.sms.OnDutyNotice;
import vn.customs.cargowatch.jobs.sms.OnDutyOfficers;
import vn.customs.cargowatch.jobs.sms.SmsNotifier;
import vn.customs.cargowatch.jobs.sms.SmsRecipients;
import vn.customs.cargowatch.jobs.sms.SmsRequest;
import vn.customs.cargowatch.connectors.sms.SmsMessage;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DutyRoster;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.TripTally;
import vn.customs.cargowatch.model.Topic;

/**
 * The one deployable cargowatch pipeline: seal monitoring (3740) and gate matching (1572) in one Flink job,
 * because they share what they must — the trips' lifecycle, and the arrivals a gate camera sees, which end a
 * sealed trip as a confirmation does. One job keeps that hand-over inside Flink's checkpoints instead of a
 * topic between two jobs. Sources and sinks come from outside: files, Kafka, or tests.
 *
 * <p>parse every topic once (bad lines → deadletter) → gate matching → seal monitoring (with the gates'
 * arrivals) → alerts of both, with the nearest customs office → the supervisors' actions on them → trip status
 * with alert counts; the closing at the destination, and how each trip counts in the monthly report; the alerts
 * that warrant it as SMS to the officers on duty (by {@code customs.duty-roster}, else {@code sms.onDuty}) and the
 * trip's contacts, at most once per phone and state, rate-limited per phone (to {@link Outputs#sms}).
 */
public final class CargowatchPipeline {

    private final Inputs inputs;
    private final Outputs outputs;
    private final SealSettings sealSettings;
    private final GateSettings gateSettings;
    private final SmsSettings smsSettings;
    private final ActionSignature.Key actionsKey;

    public CargowatchPipeline(Inputs inputs, Outputs outputs, SealSettings sealSettings, GateSettings gateSettings) {
        this(inputs, outputs, sealSettings, gateSettings, SmsSettings.defaults());
    }

    public CargowatchPipeline(Inputs inputs, Outputs outputs, SealSettings sealSettings, GateSettings gateSettings,
            SmsSettings smsSettings) {
        this(inputs, outputs, sealSettings, gateSettings, smsSettings, null);
    }

    /**
     * With {@code actionsKey}, the key every {@code alerts.actions} record must be signed with (issue 13); null: the
     * actions are applied unsigned, as before signatures.
     */
    public CargowatchPipeline(Inputs inputs, Outputs outputs, SealSettings sealSettings, GateSettings gateSettings,
            SmsSettings smsSettings, ActionSignature.Key actionsKey) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.sealSettings = sealSettings;
        this.gateSettings = gateSettings;
        this.smsSettings = smsSettings;
        this.actionsKey = actionsKey;
    }

    public void build(StreamExecutionEnvironment env) {
        // Every record type is immutable (Java records) and no operator keeps a reference to what it is handed but in
        // its own state: chained operators may share a record instead of copying it.
        env.getConfig().enableObjectReuse();
        // No record goes through Kryo: every type the job moves or keeps is serialized field by field (Alert.details is
        // typed for it). A type Flink could only hand to Kryo fails the job (its graph, or its state as it opens)
        // instead of slowing it down (PipelineTypesTest).
        Configuration serialization = new Configuration();
        serialization.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(serialization);
        TopicParsing topics = new TopicParsing(env, inputs, sealSettings);
        SingleOutputStreamOperator<SealInput> tripInputs =
                topics.eventTimedKeepingLines(Topic.SEAL_TRIPS, SealInput::of, SealInput.class);

        // chained to the source: a trip's events leave in the order they were read, whatever the job's parallelism
        DataStream<TripEvent> trips = tripInputs.map(SealInput::trip).name("trip event").uid("trip-event")
                .setParallelism(tripInputs.getParallelism());

        // ---- gate matching (1572) ----
        // live (Kafka), the barrier decides as a truck arrives; a replay decides everything in event time
        Duration onArrival = inputs.liveQuietAfter().map(live -> sealSettings.outOfOrderness()).orElse(null);
        BroadcastStream<CustomsOffice> offices =
                topics.reference(Topic.CUSTOMS_OFFICES).broadcast(NearestOfficeEnricher.OFFICES);
        GateMatchingJob.Outputs gates = new GateMatchingJob(gateSettings, onArrival, actionsKey).build(
                topics.eventTimed(Topic.CAMERA_RECOGNITIONS), topics.eventTimed(Topic.CUSTOMS_DECLARATIONS), trips,
                topics.eventTimedKeepingLines(Topic.GATE_REVIEW_ACTIONS, ShiftReview.Input::of,
                        ShiftReview.Input.class),
                offices);

        // ---- seal monitoring (3740), with the arrivals the gates saw; live, a door opened raises at once ----
        SealMonitoringJob.Outputs seals = new SealMonitoringJob(sealSettings, onArrival).build(
                topics.eventTimed(Topic.SEAL_FIXES), topics.eventTimed(Topic.SEAL_EVENTS),
                tripInputs.union(gates.arrivals().map(SealInput::arrivalSeenByGateCamera)
                        .name("arrival seen by gate camera").uid("camera-arrival")),
                topics.reference(Topic.IGNORE_ZONES));
        topics.addDeadLetters(seals.deadLetters());
        topics.addDeadLetters(gates.deadLetters());

        // ---- alerts of both, with the customs unit nearest to them (3740 §II.4) and a gate alert's units ----
        SingleOutputStreamOperator<Alert> alerts = seals.alerts().union(gates.alerts())
                .keyBy(Alert::alertId)
                .connect(offices)
                .process(new NearestOfficeEnricher())
                .name("nearest customs office").uid("nearest-office");
        // raised as their event arrived (live): named at once, straight to the outputs; event time raises them again
        DataStream<Alert> raisedOnArrival = seals.raisedOnArrival()
                .keyBy(Alert::alertId)
                .connect(offices)
                .process(NearestOfficeEnricher.atOnce())
                .name("nearest customs office, at once").uid("nearest-office-at-once");

        // ---- the supervisors' actions on the alerts (3740 §II.4) ----
        // counted here, before the actions re-emit them: an alert acted on is not raised again
        DataStream<AlertActions.Input> counted = CountedBy.count(alerts, "alerts_raised", List.of("type"),
                        alert -> alert.endTs() == null ? List.of(String.valueOf(alert.type())) : null,
                        "count-alerts-raised")
                .map(AlertActions.Input::of).returns(AlertActions.Input.class)
                .name("alert to act on").uid("alert-to-act-on");
        DataStream<AlertActions.Input> actions =
                topics.eventTimedKeepingLines(Topic.ALERTS_ACTIONS, AlertActions.Input::of, AlertActions.Input.class);
        SingleOutputStreamOperator<Alert> handled = counted.union(actions)
                .keyBy(AlertActions.Input::alertId)
                .connect(offices)
                .process(new AlertActions(AlertActions.DEFAULT_RETENTION, actionsKey))
                .name("alert actions").uid("alert-actions");
        topics.addDeadLetters(handled.getSideOutput(AlertActions.REFUSED));
        topics.addDeadLetters(handled.getSideOutput(InternalErrors.DEAD_LETTERS));

        // ---- trip status with alert counts ----
        DataStream<TripStatus> statuses = seals.statusUpdates()
                .keyBy(TripStatus::tripId)
                .connect(alerts.filter(alert -> alert.tripId() != null).name("trip alerts").uid("trip-alerts")
                        .keyBy(Alert::tripId))
                .process(new TripStatusCounter())
                .name("trip status").uid("trip-status");

        // ---- closing at the destination: the arrived trip waits for the destination officer's inspection (3740 §II.3) ----
        SingleOutputStreamOperator<TripClosing> closings = trips
                .map(TripClosings.Input::of).returns(TripClosings.Input.class)
                .name("trip event to close").uid("closing-trip-event")
                .union(statuses.filter(TripStatus::ended).name("trips ended").uid("trips-ended")
                                .map(TripClosings.Input::of).returns(TripClosings.Input.class)
                                .name("trip end to close").uid("closing-trip-end"),
                        topics.eventTimedKeepingLines(Topic.TRIPS_INSPECTIONS, TripClosings.Input::of,
                                TripClosings.Input.class))
                .keyBy(TripClosings.Input::tripId)
                .process(new TripClosings(sealSettings.closingDue())).name("trip closings").uid("trip-closings");
        topics.addDeadLetters(closings.getSideOutput(TripClosings.REFUSED));
        topics.addDeadLetters(closings.getSideOutput(InternalErrors.DEAD_LETTERS));

        // ---- how each sealed trip counts in the monthly report (3740 Phụ lục IV) ----
        SingleOutputStreamOperator<TripTally> tallies = statuses.filter(TripTallies::counts)
                .name("trips activated").uid("tally-statuses")
                .map(TripTallies.Input::of).returns(TripTallies.Input.class)
                .name("status to count").uid("tally-status")
                .union(closings.map(TripTallies.Input::of).returns(TripTallies.Input.class)
                                .name("closing to count").uid("tally-closing"),
                        alerts.filter(TripTallies::counts).name("seal alerts").uid("tally-seal-alerts")
                                .map(TripTallies.Input::of).returns(TripTallies.Input.class)
                                .name("seal alert to count").uid("tally-alert"),
                        handled.getSideOutput(AlertActions.FINDINGS).map(TripTallies.Input::of)
                                .returns(TripTallies.Input.class).name("finding to count").uid("tally-finding"))
                .keyBy(TripTallies.Input::tripId)
                .connect(offices)
                .process(new TripTallies()).name("trip tallies").uid("trip-tallies");
        topics.addDeadLetters(tallies.getSideOutput(InternalErrors.DEAD_LETTERS));

        // ---- the camera incident log (1572 §II.1.8): each CAMERA_SILENT and CAMERA_DEGRADED episode, opened, ended ----
        DataStream<CameraIncident> incidents = alerts.filter(alert -> CameraIncident.logs(alert.type()))
                .name("camera alerts").uid("camera-alerts")
                .map(CameraIncident::of).returns(CameraIncident.class).name("camera incidents").uid("camera-incidents");

        // ---- SMS to the officers on duty and the trip's contacts (3740 §II.4) ----
        DataStream<Alert> toText = handled.filter(SmsRecipients::warrants).name("alerts to text").uid("sms-warranted");
        SingleOutputStreamOperator<SmsRequest> contacts = toText
                .keyBy(SmsRecipients::keyOf)
                .connect(trips.keyBy(TripEvent::tripId))
                .process(new SmsRecipients(smsSettings, AlertActions.DEFAULT_RETENTION))
                .name("sms recipients").uid("sms-recipients");
        topics.addDeadLetters(contacts.getSideOutput(InternalErrors.DEAD_LETTERS));
        // the officers on duty at the alert's Branch, and at the unit an escalation asks to verify on site
        DataStream<OnDutyNotice> branchOnDuty = toText.flatMap(SmsRecipients.ofBranch()).returns(OnDutyNotice.class)
                .name("sms to the branch on duty").uid("sms-branch-on-duty");
        DataStream<OnDutyNotice> escalatedTo = handled.getSideOutput(AlertActions.ESCALATIONS)
                .map(escalation -> new OnDutyNotice(escalation.alert(), escalation.unitCode()))
                .returns(OnDutyNotice.class)
                .name("sms to the unit escalated to").uid("sms-escalated-to");
        BroadcastStream<DutyRoster> roster =
                topics.eventTimed(Topic.CUSTOMS_DUTY_ROSTER).broadcast(OnDutyOfficers.ROSTER);
        SingleOutputStreamOperator<SmsRequest> officers = branchOnDuty.union(escalatedTo)
                .keyBy(OnDutyNotice::unitCode)
                .connect(roster)
                .process(new OnDutyOfficers(smsSettings))
                .name("sms to the officers on duty").uid("sms-on-duty");
        topics.addDeadLetters(officers.getSideOutput(InternalErrors.DEAD_LETTERS));
        DataStream<SmsMessage> sms = contacts
                .union(officers)
                .keyBy(request -> request.recipient())
                .process(new SmsNotifier(smsSettings.maxPerWindow(), smsSettings.window(),
                        AlertActions.DEFAULT_RETENTION))
                .name("sms once and rate-limited").uid("sms-notifier");
        outputs.sms(sms);

        outputs.write(handled.union(raisedOnArrival), Topic.ALERTS);
        outputs.write(handled.getSideOutput(AlertActions.HISTORY), Topic.ALERTS_HISTORY);
        outputs.write(statuses, Topic.TRIPS_STATUS);
        outputs.write(seals.registrations(), Topic.TRIPS_REGISTRATIONS);
        outputs.write(seals.track(), Topic.TRIPS_TRACK);
        // a truck counted once: a correction is the same truck decided again
        outputs.write(CountedBy.count(gates.matches(), "gate_matches", List.of("icd", "result"),
                match -> match.correction() != null ? null
                        : List.of(String.valueOf(match.icdCode()), String.valueOf(match.result())),
                "count-gate-matches"), Topic.GATE_MATCHES);
        outputs.write(gates.yard(), Topic.YARD_INVENTORY);
        outputs.write(gates.review(), Topic.GATE_REVIEW);
        outputs.write(closings, Topic.TRIPS_CLOSINGS);
        outputs.write(tallies, Topic.TRIPS_TALLY);
        outputs.write(incidents, Topic.CAMERAS_INCIDENTS);
        outputs.write(CountedBy.count(topics.deadLetters(), "dead_letters", List.of("topic", "kind"),
                letter -> List.of(String.valueOf(letter.topic()), String.valueOf(letter.kind())),
                "count-dead-letters"), Topic.DEADLETTER);
    }
}
