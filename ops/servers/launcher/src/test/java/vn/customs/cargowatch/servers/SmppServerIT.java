package vn.customs.cargowatch.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test SMSC in its own JVM, started once for the class: it binds a plain jsmpp client and keeps what it gets. */
class SmppServerIT {

    @TempDir
    static Path dataDir;

    static SmppServer smpp;

    @BeforeAll
    static void start() throws Exception {
        smpp = ServerChecks.timed("smpp", () -> SmppServer.start(dataDir));
    }

    @AfterAll
    static void stopShouldLeaveNoProcessBehind() {
        if (smpp != null) {
            ServerChecks.assertStopLeavesNothingBehind(smpp.process(), smpp.port(), smpp::stop);
        }
    }

    @Test
    void shouldPutTheTwoPartsOfAConcatenatedUcs2MessageTogether() throws Exception {
        SMPPSession client = new SMPPSession();
        try {
            client.connectAndBind(smpp.host(), smpp.port(), new BindParameter(BindType.BIND_TX, "test", "test", "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
            // The second part first: the server must wait for the whole message, whatever the order.
            String second = submit(client, part(0x2A, 2, 2, "Bắc Ninh"));
            String first = submit(client, part(0x2A, 2, 1, "Hải quan "));

            assertThat(smpp.messages()).singleElement().satisfies(sms -> {
                assertThat(sms.text()).isEqualTo("Hải quan Bắc Ninh");
                assertThat(sms.recipient()).isEqualTo("84912345678");
                assertThat(sms.sender()).isEqualTo("HaiQuan");
                assertThat(sms.segments()).isEqualTo(2);
                assertThat(sms.dataCoding()).isEqualTo(8);
                assertThat(sms.messageIds()).containsExactly(first, second);
            });
        } finally {
            client.unbindAndClose();
        }
    }

    @Test
    void shouldListenOnLoopbackOnly() throws Exception {
        Optional<InetAddress> other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        assumeThat(other).as("a non-loopback address to try").isPresent();

        assertThat(Ports.isOpen(smpp.port())).isTrue();
        assertThat(connects(new InetSocketAddress(other.get(), smpp.port()))).isFalse();
    }

    private static String submit(SMPPSession client, byte[] shortMessage) throws Exception {
        return client.submitShortMessage(null, TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "HaiQuan",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "84912345678",
                new ESMClass(SMPPConstant.ESMCLS_UDHI_INDICATOR_SET), (byte) 0, (byte) 0, null, null,
                new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance(SMPPConstant.DC_UCS2), (byte) 0,
                shortMessage).getMessageId();
    }

    private static byte[] part(int reference, int total, int sequence, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16BE);
        return ByteBuffer.allocate(6 + body.length)
                .put(new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence}).put(body).array();
    }

    private static boolean connects(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
