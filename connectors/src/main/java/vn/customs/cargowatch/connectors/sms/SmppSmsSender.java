package vn.customs.cargowatch.connectors.sms;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alert SMS over SMPP 3.4 to an operator's SMSC (3740 §II.4: an alert is shown on screen and sent by text
 * message to the departure Branch's officer on duty and the phones registered for the trip).
 *
 * <p>Contract: one transceiver bind, made at the first message and again whenever the link turns out dropped
 * (closed or unbound by the SMSC, an I/O error, a submit left unanswered for {@code responseTimeout}); the
 * segment that failed is then sent again on the new link. Throttling answers (ESME_RTHROTTLED, ESME_RMSGQFUL),
 * a system error or a temporary application error are retried on the same link. Between two attempts the wait
 * doubles from {@code initialBackoff} up to {@code maxBackoff}; once a segment has failed {@code maxAttempts}
 * times the message fails as transient. Any other negative answer (an invalid number, say) fails it at once as
 * permanent. Every segment asks for a delivery receipt; receipts go to the listener, on jsmpp's thread, as they
 * arrive. No receipt arrives while no link is up: the SMSC keeps them, and an idle sender gets them at its next
 * message.
 *
 * <p>At least once: a segment whose answer was lost with the link is sent again, so a phone may show a part
 * twice. An alert read twice costs less than an alert missed. One message at a time ({@link #send} holds this
 * sender's lock, {@link #close} waits for it); a caller that needs more throughput uses several senders, as many
 * binds as the operator allows.
 */
public final class SmppSmsSender implements SmsSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmppSmsSender.class);

    private static final DataCoding UCS2 = DataCodings.newInstance(SMPPConstant.DC_UCS2);
    private static final ESMClass PLAIN = new ESMClass();
    private static final ESMClass WITH_HEADER = new ESMClass(SMPPConstant.ESMCLS_UDHI_INDICATOR_SET);
    private static final RegisteredDelivery RECEIPT = new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE);

    /** Answers after which the same segment may pass later: the SMSC is busy, not refusing it. */
    private static final Set<Integer> RETRIED = Set.of(SMPPConstant.STAT_ESME_RTHROTTLED,
            SMPPConstant.STAT_ESME_RMSGQFUL, SMPPConstant.STAT_ESME_RSYSERR, SMPPConstant.STAT_ESME_RX_T_APPN);
    /** The SMSC lost track of our bind: bind again, then retry. */
    private static final int NOT_BOUND = SMPPConstant.STAT_ESME_RINVBNDSTS;
    /** A bind refused for these is a configuration error: waiting does not fix a password. */
    private static final Set<Integer> BAD_CREDENTIALS = Set.of(SMPPConstant.STAT_ESME_RINVPASWD,
            SMPPConstant.STAT_ESME_RINVSYSID, SMPPConstant.STAT_ESME_RINVSYSTYP);

    private final SmppSettings settings;
    private final Consumer<DeliveryReceipt> receipts;
    private final Clock clock;
    private final BindParameter bind;
    private final TypeOfNumber sourceTon;
    private final NumberingPlanIndicator sourceNpi;

    private SMPPSession session;
    private int reference = ThreadLocalRandom.current().nextInt(256);
    private boolean closed;

    /**
     * Binds at the first message, not here: an SMSC that is down when the job starts is not a reason to fail.
     *
     * @param receipts gets each delivery receipt; it must be quick and thread-safe, and what it throws is logged
     */
    public SmppSmsSender(SmppSettings settings, Consumer<DeliveryReceipt> receipts) {
        this.settings = settings;
        this.receipts = receipts;
        this.clock = Clock.systemUTC();
        boolean alphanumeric = !settings.sourceAddress().chars().allMatch(Character::isDigit);
        this.sourceTon = alphanumeric ? TypeOfNumber.ALPHANUMERIC : TypeOfNumber.UNKNOWN;
        this.sourceNpi = alphanumeric ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN;
        this.bind = new BindParameter(BindType.BIND_TRX, settings.systemId(), settings.password(),
                settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null);
    }

    @Override
    public synchronized SmsReceipt send(SmsMessage message) throws SmsException {
        if (closed) {
            throw new IllegalStateException("the SMPP sender is closed");
        }
        List<byte[]> segments;
        try {
            segments = SmsSegments.encode(message.text(), nextReference());
        } catch (IllegalArgumentException e) {
            throw SmsException.permanent(message.key() + ": " + e.getMessage(), 0, e);
        }
        ESMClass esmClass = segments.size() == 1 ? PLAIN : WITH_HEADER;
        List<String> ids = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            String what = "SMS " + message.key() + " to " + message.recipient() + " (part " + (i + 1) + "/"
                    + segments.size() + ")";
            ids.add(submit(message.recipient(), segments.get(i), esmClass, what));
        }
        return new SmsReceipt(ids);
    }

    private String submit(String recipient, byte[] shortMessage, ESMClass esmClass, String what)
            throws SmsException {
        SmsException failure = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(settings.backoff(attempt - 1), what);
            }
            try {
                return bound().submitShortMessage(null,
                        sourceTon, sourceNpi, settings.sourceAddress(),
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, recipient,
                        esmClass, (byte) 0, (byte) 0, null, null, RECEIPT, (byte) 0, UCS2, (byte) 0, shortMessage)
                        .getMessageId();
            } catch (NegativeResponseException e) {
                int status = e.getCommandStatus();
                if (status == NOT_BOUND) {
                    drop();
                } else if (!RETRIED.contains(status)) {
                    throw SmsException.permanent(what + ": the SMSC refused it with " + statusText(status), status,
                            e);
                }
                failure = SmsException.temporary(what + ": the SMSC answered " + statusText(status), status, e);
            } catch (IOException | ResponseTimeoutException | InvalidResponseException e) {
                drop();
                failure = SmsException.temporary(what + ": link to " + settings.host() + ":" + settings.port()
                        + " failed: " + e.getMessage(), 0, e);
            } catch (PDUException e) {
                throw SmsException.permanent(what + " cannot be put in a submit_sm: " + e.getMessage(), 0, e);
            }
            LOG.warn("{} (attempt {} of {})", failure.getMessage(), attempt, settings.maxAttempts());
        }
        throw failure;
    }

    @Override
    public boolean sendsReceipts() {
        return true;
    }

    /** The bound session, binding a new one if there is none or the last one is no longer bound. */
    private SMPPSession bound() throws IOException, SmsException {
        if (session != null && session.getSessionState().isBound()) {
            return session;
        }
        drop();
        SMPPSession fresh = new SMPPSession(this::connect);
        fresh.setTransactionTimer(settings.responseTimeout().toMillis());
        fresh.setEnquireLinkTimer((int) settings.enquireLinkInterval().toMillis());
        fresh.setMessageReceiverListener(new ReceiptListener());
        try {
            fresh.connectAndBind(settings.host(), settings.port(), bind, settings.bindTimeout().toMillis());
        } catch (IOException e) {
            fresh.close();
            if (e.getCause() instanceof NegativeResponseException refused
                    && BAD_CREDENTIALS.contains(refused.getCommandStatus())) {
                throw SmsException.permanent("the SMSC at " + settings.host() + ":" + settings.port()
                        + " refused to bind system id " + settings.systemId() + ": "
                        + statusText(refused.getCommandStatus()), refused.getCommandStatus(), e);
            }
            throw e;
        }
        LOG.info("bound to the SMSC at {}:{} as {}", settings.host(), settings.port(), settings.systemId());
        session = fresh;
        return fresh;
    }

    /** jsmpp's own factory connects without a time-out: an unreachable SMSC would hold a send for minutes. */
    private SocketConnection connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) settings.bindTimeout().toMillis());
            return new SocketConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void drop() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private int nextReference() {
        reference = (reference + 1) & 0xFF;
        return reference;
    }

    private static void pause(Duration wait, String what) throws SmsException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SmsException.temporary(what + ": interrupted while waiting to retry", 0, e);
        }
    }

    static String statusText(int status) {
        String name = switch (status) {
            case SMPPConstant.STAT_ESME_RTHROTTLED -> "ESME_RTHROTTLED";
            case SMPPConstant.STAT_ESME_RMSGQFUL -> "ESME_RMSGQFUL";
            case SMPPConstant.STAT_ESME_RSYSERR -> "ESME_RSYSERR";
            case SMPPConstant.STAT_ESME_RX_T_APPN -> "ESME_RX_T_APPN";
            case SMPPConstant.STAT_ESME_RINVBNDSTS -> "ESME_RINVBNDSTS";
            case SMPPConstant.STAT_ESME_RINVDSTADR -> "ESME_RINVDSTADR (invalid destination)";
            case SMPPConstant.STAT_ESME_RINVSRCADR -> "ESME_RINVSRCADR (invalid source address)";
            case SMPPConstant.STAT_ESME_RINVPASWD -> "ESME_RINVPASWD (wrong password)";
            case SMPPConstant.STAT_ESME_RINVSYSID -> "ESME_RINVSYSID (unknown system id)";
            default -> "status";
        };
        return name + String.format(" 0x%02X", status);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null && session.getSessionState().isBound()) {
            session.unbindAndClose();
            session = null;
        }
        drop();
    }

    /** Delivery receipts to the listener; anything else the SMSC delivers (a reply from a phone) is ignored. */
    private final class ReceiptListener implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) {
            if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
                LOG.info("ignored a message from {}: only delivery receipts are expected", deliverSm.getSourceAddr());
                return;
            }
            DeliveryReceipt receipt;
            try {
                receipt = receiptOf(deliverSm, clock);
            } catch (InvalidDeliveryReceiptException e) {
                LOG.warn("ignored a delivery receipt that cannot be read: {}", e.getMessage());
                return;
            }
            try {
                receipts.accept(receipt);
            } catch (RuntimeException e) {
                LOG.warn("the delivery receipt listener failed on {}", receipt, e);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // A phone became reachable again: nothing to resend, the SMSC retries on its own.
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not accepted", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    /**
     * The receipt in a {@code deliver_sm}: the id from the receipted_message_id TLV where the SMSC sends one (some
     * write the id in the text in another base than the submit answer had it), else from the text.
     */
    static DeliveryReceipt receiptOf(DeliverSm deliverSm, Clock clock) throws InvalidDeliveryReceiptException {
        org.jsmpp.bean.DeliveryReceipt text = deliverSm.getShortMessageAsDeliveryReceipt();
        OptionalParameter.Receipted_message_id receipted =
                deliverSm.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
        String id = receipted != null ? receipted.getValueAsString() : text.getId();
        String state = text.getFinalStatus() == null ? "UNKNOWN" : text.getFinalStatus().name();
        return new DeliveryReceipt(id, state, deliverSm.getSourceAddr(), text.getError(), clock.instant());
    }
}
