package vn.customs.cargowatch.servers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import vn.customs.cargowatch.model.Json;

/**
 * A small SMSC on 127.0.0.1 (SMPP 3.4, jsmpp's server side) that keeps what it receives, so that the alert SMS of
 * 3740 §II.4 can be tested, and watched in the local stack, without an operator's SMSC.
 *
 * <p>Contract: accepts every bind, or only those with the configured system id and password; answers each
 * {@code submit_sm} with a new message id; puts the parts of a concatenated message (UDH IEI 0x00 or 0x08) back
 * together and appends each complete message as one {@link ReceivedSms} JSON line to the messages file before
 * answering its last part, so a client that has the answer finds the line; for each accepted submit that asked
 * for one, sends a delivery receipt ({@code deliver_sm}, {@code DELIVRD}, with {@code receipted_message_id})
 * after {@link Behaviour#receiptDelay()}. {@link Behaviour} makes it misbehave the way real SMSCs do: answer the
 * first submits {@code ESME_RTHROTTLED}, the next ones {@code ESME_RMSGQFUL} (a refused submit is not kept), and
 * drop the link (close the socket, no unbind) right after answering the K-th accepted submit, or take a while
 * to answer each submit. Counts run over the server's life, across links.
 *
 * <p>{@link SmppServer} starts it as a child JVM: {@code SmppTestServer --port P --messages FILE [knobs]}, the
 * knobs as {@link Behaviour#toArgs()} writes them. It logs one line per event to standard output.
 */
public final class SmppTestServer implements AutoCloseable {

    private static final long LINK_DROP_DELAY_MILLIS = 200;

    /** What the server says it is in its bind answers. */
    static final String SYSTEM_ID = "cargowatch-smsc";

    private static final int BIND_WAIT_MILLIS = 5_000;
    private static final int SUBMITTED_AND_DELIVERED = 1;
    private static final byte MESSAGE_STATE_DELIVERED = 2;
    private static final int IEI_CONCATENATED_8BIT = 0x00;
    private static final int IEI_CONCATENATED_16BIT = 0x08;

    /**
     * How the server behaves.
     *
     * @param systemId the only system id it binds, or {@code null} for any
     * @param password the password that goes with it
     * @param throttle how many submits, from the first, it answers {@code ESME_RTHROTTLED}
     * @param queueFull how many submits after those it answers {@code ESME_RMSGQFUL}
     * @param dropAfter after answering this accepted submit (counted from 1) it closes the link; 0 never
     * @param receiptDelay how long after accepting a submit its delivery receipt is sent
     * @param answerDelay how long it takes to answer a submit, as a loaded SMSC does: what keeps a sender busy for
     *     a known time
     */
    public record Behaviour(String systemId, String password, int throttle, int queueFull, int dropAfter,
            Duration receiptDelay, Duration answerDelay) {

        /** Binds anyone, accepts everything at once, receipts after 50 ms. */
        public static final Behaviour DEFAULT = new Behaviour(null, null, 0, 0, 0, Duration.ofMillis(50),
                Duration.ZERO);

        public Behaviour {
            if (throttle < 0 || queueFull < 0 || dropAfter < 0 || receiptDelay.isNegative()
                    || answerDelay.isNegative()) {
                throw new IllegalArgumentException("counts and delays cannot be negative");
            }
            if (systemId != null && password == null) {
                throw new IllegalArgumentException("a system id without a password");
            }
        }

        public Behaviour withCredentials(String systemId, String password) {
            return new Behaviour(systemId, password, throttle, queueFull, dropAfter, receiptDelay, answerDelay);
        }

        public Behaviour throttling(int submits) {
            return new Behaviour(systemId, password, submits, queueFull, dropAfter, receiptDelay, answerDelay);
        }

        public Behaviour queueFullFor(int submits) {
            return new Behaviour(systemId, password, throttle, submits, dropAfter, receiptDelay, answerDelay);
        }

        public Behaviour droppingLinkAfter(int acceptedSubmits) {
            return new Behaviour(systemId, password, throttle, queueFull, acceptedSubmits, receiptDelay, answerDelay);
        }

        public Behaviour answeringAfter(Duration delay) {
            return new Behaviour(systemId, password, throttle, queueFull, dropAfter, receiptDelay, delay);
        }

        /** The command line options that give this behaviour. */
        public List<String> toArgs() {
            List<String> args = new ArrayList<>();
            if (systemId != null) {
                args.addAll(List.of("--system-id", systemId, "--password", password));
            }
            args.addAll(List.of("--throttle", Integer.toString(throttle), "--queue-full", Integer.toString(queueFull),
                    "--drop-after", Integer.toString(dropAfter), "--receipt-delay-ms",
                    Long.toString(receiptDelay.toMillis()), "--answer-delay-ms",
                    Long.toString(answerDelay.toMillis())));
            return args;
        }

        /** Never prints the password. */
        @Override
        public String toString() {
            return "binds " + (systemId == null ? "anyone" : systemId + " with its password") + ", throttles "
                    + throttle + ", queue full for " + queueFull + ", drops the link after "
                    + (dropAfter == 0 ? "never" : "accepted submit " + dropAfter) + ", receipts after "
                    + receiptDelay.toMillis() + " ms" + (answerDelay.isZero() ? "" : ", answers after "
                    + answerDelay.toMillis() + " ms");
        }

        static Behaviour of(Map<String, String> options) {
            return new Behaviour(options.get("--system-id"), options.get("--password"),
                    Integer.parseInt(options.getOrDefault("--throttle", "0")),
                    Integer.parseInt(options.getOrDefault("--queue-full", "0")),
                    Integer.parseInt(options.getOrDefault("--drop-after", "0")),
                    Duration.ofMillis(Long.parseLong(options.getOrDefault("--receipt-delay-ms",
                            Long.toString(DEFAULT.receiptDelay().toMillis())))),
                    Duration.ofMillis(Long.parseLong(options.getOrDefault("--answer-delay-ms", "0"))));
        }
    }

    /** One segment of a message, as far as putting the message together goes. */
    private record Part(String sender, String recipient, int reference, int total, int sequence, int dataCoding,
            String text, String messageId) {

        String messageKey() {
            return sender + "|" + recipient + "|" + reference + "|" + total;
        }
    }

    private final Behaviour behaviour;
    private final Path messages;
    private final SMPPServerSessionListener listener;
    private final ExecutorService binds = Executors.newCachedThreadPool(daemon("bind"));
    private final ScheduledExecutorService receipts = Executors.newSingleThreadScheduledExecutor(daemon("receipt"));
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 32));
    /** Accepted submits whose answer is on its way: what to do once it is sent. */
    private final Map<String, Answered> answered = new ConcurrentHashMap<>();
    /** Parts of concatenated messages still missing some, by message. */
    private final Map<String, TreeMap<Integer, Part>> incomplete = new HashMap<>();
    private final BufferedWriter out;
    private volatile boolean closed;

    private record Answered(SubmitSm submit, boolean dropLink) {}

    /** Listens on 127.0.0.1:{@code port} (jsmpp's own factory would listen on every interface). */
    public SmppTestServer(int port, Path messages, Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.messages = messages.toAbsolutePath();
        Files.createDirectories(this.messages.getParent());
        this.out = Files.newBufferedWriter(this.messages, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        this.listener = new SMPPServerSessionListener(port, new LoopbackConnections());
        Receiver receiver = new Receiver();
        listener.setMessageReceiverListener(receiver);
        listener.setResponseDeliveryListener(receiver);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.containsKey("--port") || !options.containsKey("--messages")) {
            System.err.println("usage: SmppTestServer --port P --messages FILE [--system-id S --password W] "
                    + "[--throttle N] [--queue-full N] [--drop-after K] [--receipt-delay-ms D] [--answer-delay-ms D]; "
                    + "got " + Arrays.toString(args));
            System.exit(2);
        }
        SmppTestServer server = new SmppTestServer(Integer.parseInt(options.get("--port")),
                Path.of(options.get("--messages")), Behaviour.of(options));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop smpp"));
        say("listening on " + Ports.HOST + ":" + server.listener.getPort() + ", " + server.behaviour
                + ", messages to " + server.messages);
        server.serve();
    }

    /** Accepts links until closed. */
    public void serve() {
        while (!closed) {
            try {
                SMPPServerSession session = listener.accept();
                binds.execute(() -> awaitBind(session));
            } catch (IOException e) {
                if (!closed) {
                    say("accept failed: " + e);
                    pauseAfterFailedAccept();
                }
            }
        }
    }

    /** The SMSC's time to answer: on jsmpp's PDU thread, as a busy SMSC's is. */
    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A socket that fails every accept (no file descriptors left) must not spin a core. */
    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(BIND_WAIT_MILLIS);
            if (behaviour.systemId() != null && !behaviour.systemId().equals(request.getSystemId())) {
                say("refused bind of system id " + request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
            } else if (behaviour.systemId() != null && !behaviour.password().equals(request.getPassword())) {
                say("refused bind of " + request.getSystemId() + ": wrong password");
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
            } else {
                request.accept(SYSTEM_ID, InterfaceVersion.IF_34);
                say("bound " + request.getBindType() + " " + request.getSystemId() + " from port " + session.getPort());
            }
        } catch (TimeoutException e) {
            session.close(); // a probe that only asked whether we are up, or a client that never binds
        } catch (IOException | PDUStringException | IllegalStateException e) {
            say("bind failed: " + e);
            session.close();
        }
    }

    private SubmitSmResult onSubmit(SubmitSm submit) throws ProcessRequestException {
        pause(behaviour.answerDelay());
        int number = submits.incrementAndGet();
        if (number <= behaviour.throttle()) {
            say("submit " + number + " to " + submit.getDestAddress() + ": ESME_RTHROTTLED");
            throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
        }
        if (number <= behaviour.throttle() + behaviour.queueFull()) {
            say("submit " + number + " to " + submit.getDestAddress() + ": ESME_RMSGQFUL");
            throw new ProcessRequestException("message queue full", SMPPConstant.STAT_ESME_RMSGQFUL);
        }
        String id = String.format("%010x", nextId.incrementAndGet() & 0xFF_FFFF_FFFFL);
        Part part = partOf(submit, id);
        keep(part);
        boolean drop = accepted.incrementAndGet() == behaviour.dropAfter();
        answered.put(id, new Answered(submit, drop));
        say("submit " + number + " to " + part.recipient() + " part " + part.sequence() + "/" + part.total()
                + ": accepted as " + id);
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new IllegalStateException("message id " + id, e);
        }
    }

    private void onAnswered(SubmitSmResult result, SMPPServerSession session) {
        Answered done = answered.remove(result.getMessageId());
        if (done == null) {
            return;
        }
        if (done.dropLink()) {
            // Closed a moment later: closing at once can discard the answer still in the socket, and the sender
            // would then rightly resend an accepted message — the test would see a duplicate it did not ask for.
            receipts.schedule(() -> {
                say("dropping the link after accepted submit " + behaviour.dropAfter());
                session.close();
            }, LINK_DROP_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        byte registered = done.submit().getRegisteredDelivery();
        if (SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(registered)
                || SMSCDeliveryReceipt.SUCCESS.containedIn(registered)) {
            receipts.schedule(() -> sendReceipt(session, done.submit(), result.getMessageId()),
                    behaviour.receiptDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The receipt of SMPP 3.4 Appendix B; the phone at the submit's destination sends it, to its source. */
    private void sendReceipt(SMPPServerSession session, SubmitSm submit, String messageId) {
        if (!session.getSessionState().isReceivable()) {
            say("no receipt for " + messageId + ": the link is " + session.getSessionState());
            return;
        }
        Date now = new Date();
        DeliveryReceipt receipt = new DeliveryReceipt(messageId, SUBMITTED_AND_DELIVERED, SUBMITTED_AND_DELIVERED,
                now, now, DeliveryReceiptState.DELIVRD, "000", "");
        try {
            session.deliverShortMessage("",
                    TypeOfNumber.valueOf(submit.getDestAddrTon()),
                    NumberingPlanIndicator.valueOf(submit.getDestAddrNpi()), submit.getDestAddress(),
                    TypeOfNumber.valueOf(submit.getSourceAddrTon()),
                    NumberingPlanIndicator.valueOf(submit.getSourceAddrNpi()), submit.getSourceAddr(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    receipt.toString().getBytes(StandardCharsets.US_ASCII),
                    new OptionalParameter.Receipted_message_id(messageId),
                    new OptionalParameter.Message_state(MESSAGE_STATE_DELIVERED));
            say("receipt DELIVRD for " + messageId);
        } catch (Exception e) {
            say("receipt for " + messageId + " failed: " + e);
        }
    }

    /** The segment's concatenation header, if any, and its text. */
    private static Part partOf(SubmitSm submit, String messageId) {
        byte[] message = submit.getShortMessage() == null ? new byte[0] : submit.getShortMessage();
        int reference = 0;
        int total = 1;
        int sequence = 1;
        int bodyStart = 0;
        if (submit.isUdhi() && message.length > 0) {
            int headerLength = message[0] & 0xFF;
            bodyStart = Math.min(message.length, 1 + headerLength);
            for (int i = 1; i + 1 < bodyStart; ) {
                int iei = message[i] & 0xFF;
                int length = message[i + 1] & 0xFF;
                int value = i + 2;
                if (iei == IEI_CONCATENATED_8BIT && length == 3 && value + 3 <= bodyStart) {
                    reference = message[value] & 0xFF;
                    total = message[value + 1] & 0xFF;
                    sequence = message[value + 2] & 0xFF;
                } else if (iei == IEI_CONCATENATED_16BIT && length == 4 && value + 4 <= bodyStart) {
                    reference = ((message[value] & 0xFF) << 8) | (message[value + 1] & 0xFF);
                    total = message[value + 2] & 0xFF;
                    sequence = message[value + 3] & 0xFF;
                }
                i = value + length;
            }
        }
        String text = new String(message, bodyStart, message.length - bodyStart, charsetOf(submit.getDataCoding()));
        return new Part(submit.getSourceAddr(), submit.getDestAddress(), reference, Math.max(total, 1), sequence,
                submit.getDataCoding() & 0xFF, text, messageId);
    }

    /** UCS-2 for 0x08; anything else read as Latin-1, which is right for ASCII and close enough for a test. */
    private static Charset charsetOf(byte dataCoding) {
        try {
            return Alphabet.parseDataCoding(dataCoding) == Alphabet.ALPHA_UCS2 ? StandardCharsets.UTF_16BE
                    : StandardCharsets.ISO_8859_1;
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** Writes the message once its last missing part came; a part sent again replaces itself. */
    private synchronized void keep(Part part) {
        TreeMap<Integer, Part> parts = incomplete.computeIfAbsent(part.messageKey(), key -> new TreeMap<>());
        parts.put(part.sequence(), part);
        if (parts.size() < part.total()) {
            return;
        }
        incomplete.remove(part.messageKey());
        StringBuilder text = new StringBuilder();
        List<String> ids = new ArrayList<>();
        parts.values().forEach(each -> {
            text.append(each.text());
            ids.add(each.messageId());
        });
        ReceivedSms sms = new ReceivedSms(part.recipient(), part.sender(), text.toString(), parts.size(),
                part.dataCoding(), ids, Instant.now());
        try {
            out.write(Json.write(sms));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            say("cannot write " + messages + ": " + e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // Closing: nothing left to tell.
        }
        receipts.shutdownNow();
        binds.shutdownNow();
        synchronized (this) {
            try {
                out.close();
            } catch (IOException e) {
                // The lines already written were flushed one by one.
            }
        }
    }

    private static void say(String line) {
        System.out.println(Instant.now() + " " + line);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "smpp-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Server sockets on 127.0.0.1 only. */
    private static final class LoopbackConnections implements ServerConnectionFactory {

        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket(port, backlog, Ports.LOOPBACK);
            socket.setSoTimeout(timeout);
            return new ServerSocketConnection(socket);
        }
    }

    /** What the SMSC does with each request; only submit_sm is served, the rest is refused. */
    private final class Receiver extends ServerResponseDeliveryAdapter implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source)
                throws ProcessRequestException {
            return onSubmit(submit);
        }

        @Override
        public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
            onAnswered(result, source);
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw notServed("submit_multi");
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw notServed("query_sm");
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw notServed("replace_sm");
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw notServed("cancel_sm");
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw notServed("broadcast_sm");
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw notServed("cancel_broadcast_sm");
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                SMPPServerSession source) throws ProcessRequestException {
            throw notServed("query_broadcast_sm");
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw notServed("data_sm");
        }

        private ProcessRequestException notServed(String command) {
            say(command + " refused: only submit_sm is served");
            return new ProcessRequestException(command + " is not served", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
