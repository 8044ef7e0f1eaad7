package vn.customs.cargowatch.ops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.ops.UserError;

/**
 * The pipeline's uptime in a shift as Prometheus answers it (a fake Prometheus here; BoardsIT asks a real one): a
 * minute the job was not RUNNING while Prometheus scraped is down, a minute Prometheus knows nothing of is neither, a
 * stretch down is reported with its bounds; a Prometheus that refuses the query is one plain message.
 */
class PipelineUptimeTest {

    private static final Instant FROM = Instant.parse("2026-11-22T11:00:00Z");
    /** Prometheus scraped minutes 0 to 9 of 12; the job ran in 0–3 and 7–9, not in 4–6. */
    private static final String SCRAPED = series(0, 9, minute -> "2");
    private static final String RUNNING = series(0, 9, minute -> minute >= 4 && minute <= 6 ? "0" : "1");

    private HttpServer prometheus;
    private final List<String> asked = new ArrayList<>();
    private int status = 200;

    @BeforeEach
    void startFakePrometheus() throws Exception {
        prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        prometheus.createContext("/api/v1/query_range", exchange -> {
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            asked.add(query);
            String body = status != 200 ? "{\"status\":\"error\",\"error\":\"parse error\"}"
                    : query.contains(PipelineUptime.SCRAPED) ? SCRAPED : RUNNING;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        prometheus.start();
    }

    @AfterEach
    void stop() {
        prometheus.stop(0);
    }

    @Test
    void shouldCountTheMinutesUpAndTheStretchDownAmongTheMinutesPrometheusKnows() {
        PipelineUptime.Uptime uptime = PipelineUptime.of(url(), FROM, FROM.plusSeconds(12 * 60));

        assertThat(uptime.knownMinutes()).isEqualTo(10);
        assertThat(uptime.upMinutes()).isEqualTo(7);
        assertThat(uptime.down()).containsExactly(
                new PipelineUptime.Down(FROM.plusSeconds(4 * 60), FROM.plusSeconds(7 * 60)));
        assertThat(asked).hasSize(2).allSatisfy(query -> assertThat(query)
                .contains("start=" + FROM.getEpochSecond(), "step=60"));
    }

    @Test
    void shouldSayInOneLineThatPrometheusRefusedTheQuery() {
        status = 400;

        assertThatThrownBy(() -> PipelineUptime.of(url(), FROM, FROM.plusSeconds(600)))
                .isInstanceOf(UserError.class).hasMessageContaining("answered 400: parse error");
    }

    private String url() {
        return "http://127.0.0.1:" + prometheus.getAddress().getPort() + "/";
    }

    /** A range query's answer: one series, a value at each minute from {@code first} to {@code last}. */
    private static String series(int first, int last, java.util.function.IntFunction<String> value) {
        StringBuilder values = new StringBuilder();
        for (int minute = first; minute <= last; minute++) {
            values.append(minute == first ? "" : ",").append("[").append(FROM.getEpochSecond() + minute * 60L)
                    .append(",\"").append(value.apply(minute)).append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":["
                + values + "]}]}}";
    }
}
