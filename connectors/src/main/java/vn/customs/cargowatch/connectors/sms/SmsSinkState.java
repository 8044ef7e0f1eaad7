package vn.customs.cargowatch.connectors.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import vn.customs.cargowatch.model.Json;

/**
 * What an {@link SmsSink} writer keeps in each checkpoint, so that a restore on any TaskManager — whose disk may
 * have no ledger file — neither loses an SMS that was waiting nor texts again one the checkpoint knew was sent.
 *
 * @param pending the SMS accepted by the writer and not sent yet, in the order they are to be sent: the one being
 *     sent first, then the queue
 * @param sent the SMS sent recently, oldest first, as long as the writer remembers them ({@link SmsSink})
 */
public record SmsSinkState(List<SmsMessage> pending, List<Sent> sent) {

    public SmsSinkState {
        pending = pending == null ? List.of() : List.copyOf(pending);
        sent = sent == null ? List.of() : List.copyOf(sent);
    }

    /** The key of an SMS the SMSC accepted ({@link SmsMessage#key()}), and when. */
    public record Sent(String key, Instant sentAt) {

        public Sent {
            if (key == null || key.isBlank() || sentAt == null) {
                throw new IllegalArgumentException("a sent SMS needs its key and when it was sent, not " + key + " at "
                        + sentAt);
            }
        }
    }

    /**
     * The state as one JSON object of the project's codec ({@link Json}), UTF-8. Version 1 is the only one so far;
     * a later change of the fields that an older build cannot read gets a new version, and this one keeps reading
     * version 1, so that a savepoint survives the upgrade.
     */
    static final class Serializer implements SimpleVersionedSerializer<SmsSinkState> {

        static final int VERSION = 1;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(SmsSinkState state) {
            return Json.write(state).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public SmsSinkState deserialize(int version, byte[] serialized) throws IOException {
            if (version != VERSION) {
                throw new IOException("the SMS sink's state in this checkpoint is of version " + version
                        + ", this build reads version " + VERSION + " only: restore it with the build that wrote it,"
                        + " or start without this checkpoint (its pending SMS are then not sent)");
            }
            try {
                return Json.read(new String(serialized, StandardCharsets.UTF_8), SmsSinkState.class);
            } catch (Json.Rejected e) {
                throw new IOException("the SMS sink's state in this checkpoint cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
