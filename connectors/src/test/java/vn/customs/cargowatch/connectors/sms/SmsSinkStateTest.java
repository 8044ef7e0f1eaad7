package vn.customs.cargowatch.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsSinkStateTest {

    static final String PHONE = "84912345678";
    static final Instant SENT = Instant.parse("2026-11-22T00:30:00.123Z");

    private final SmsSinkState.Serializer serializer = new SmsSinkState.Serializer();

    @Test
    void shouldReadBackWhatItWrote() throws IOException {
        SmsSinkState state = new SmsSinkState(List.of(
                new SmsMessage(PHONE, "CẢNH BÁO Sai lộ trình: container TGHU1234567 …", "a-2", "a-2/OPEN/" + PHONE),
                new SmsMessage(PHONE, "2 cảnh báo mới trong 60 phút", null, "digest/" + PHONE + "/1700000000000")),
                List.of(new SmsSinkState.Sent("a-1/ESCALATED/" + PHONE, SENT)));

        SmsSinkState read = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(read).isEqualTo(state);
        assertThat(read.pending().get(1).alertId()).as("a digest has no alert").isNull();
    }

    @Test
    void shouldReadAnEmptyState() throws IOException {
        SmsSinkState empty = new SmsSinkState(List.of(), List.of());

        assertThat(serializer.deserialize(1, serializer.serialize(empty))).isEqualTo(empty);
    }

    @Test
    void shouldRefuseAVersionItDoesNotKnow() {
        byte[] bytes = serializer.serialize(new SmsSinkState(List.of(), List.of()));

        assertThatThrownBy(() -> serializer.deserialize(2, bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 2").hasMessageContaining("reads version 1 only");
    }

    @Test
    void shouldNameTheStateItCannotRead() {
        byte[] bytes = "{\"pending\":[{\"recipient\":\"0912\",\"text\":\"x\",\"key\":\"k\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serializer.deserialize(1, bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("SMS sink's state").hasMessageContaining("'0912' is not a phone number");
    }
}
