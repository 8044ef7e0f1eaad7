package vn.customs.cargowatch.ops.alerts;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.CustomsOffice;

/**
 * Where the {@code alert} command reads an alert, its history and the customs units, and publishes an action:
 * the replay's folders in embedded mode ({@link AlertFiles}), Kafka and Cassandra in production
 * ({@link AlertKafkaCassandra}).
 */
public interface AlertStore extends AutoCloseable {

    /** The alert as last emitted, with the state the pipeline has given it. */
    Optional<Alert> alert(String alertId);

    /** The actions applied to it, oldest first. */
    List<AlertHistoryEntry> history(String alertId);

    /**
     * Actions already published for it that the pipeline has not applied yet (so a second ACK is refused before the
     * pipeline has seen the first), oldest first: those dated after the newest entry of its {@code history}.
     */
    List<AlertAction> pending(String alertId, List<AlertHistoryEntry> history);

    /** When the newest action of {@code history} happened; {@link Instant#MIN} when none has. */
    static Instant newestApplied(List<AlertHistoryEntry> history) {
        return history.stream().map(AlertHistoryEntry::ts).max(Comparator.naturalOrder()).orElse(Instant.MIN);
    }

    /** The customs units, each as last published. */
    List<CustomsOffice> offices();

    /** Publishes {@code action}; returns where it went, to tell the user. */
    String publish(AlertAction action);

    /** Where alerts are read from, to name in a message. */
    String describe();

    @Override
    void close();
}
