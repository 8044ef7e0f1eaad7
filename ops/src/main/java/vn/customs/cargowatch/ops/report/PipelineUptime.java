package vn.customs.cargowatch.ops.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.ops.UserError;

/**
 * Whether the pipeline was running during a period, minute by minute, as the operators' Prometheus saw it: the shift
 * journal's "system state" (3740 Phụ lục I), which the pipeline's own outputs cannot tell (a stopped job writes
 * nothing, and nothing says it stopped). A minute counts as known when Prometheus scraped anything then ({@code
 * count(up)}), and as up when the JobManager reported the job RUNNING ({@code flink_jobmanager_job_runningTime} above
 * 0, the health board's Job tile); a known minute that is not up is down. Minutes Prometheus holds nothing for
 * (before it ran, beyond its retention) are neither: the journal says how many of the shift's minutes it knows.
 */
public final class PipelineUptime {

    static final Duration STEP = Duration.ofMinutes(1);
    static final String RUNNING = "max(flink_jobmanager_job_runningTime) > bool 0";
    static final String SCRAPED = "count(up)";

    /** A stretch of known minutes in which the job was not running. */
    public record Down(Instant from, Instant to) {}

    /** What Prometheus says of the period: minutes known, of them up, and the stretches down. */
    public record Uptime(long knownMinutes, long upMinutes, List<Down> down) {}

    private PipelineUptime() {}

    /** The period's uptime from Prometheus at {@code url} (e.g. {@code http://127.0.0.1:9090}). */
    public static Uptime of(String url, Instant from, Instant to) {
        Map<Long, Double> known = series(url, SCRAPED, from, to);
        Map<Long, Double> running = series(url, RUNNING, from, to);
        long upMinutes = 0;
        List<Down> down = new ArrayList<>();
        Instant downSince = null;
        for (Instant minute = align(from); minute.isBefore(to); minute = minute.plus(STEP)) {
            long at = minute.getEpochSecond();
            boolean isKnown = known.containsKey(at);
            boolean isUp = isKnown && running.getOrDefault(at, 0.0) > 0;
            if (isUp) {
                upMinutes++;
            }
            if (isKnown && !isUp && downSince == null) {
                downSince = minute;
            } else if ((!isKnown || isUp) && downSince != null) {
                down.add(new Down(downSince, minute));
                downSince = null;
            }
        }
        if (downSince != null) {
            down.add(new Down(downSince, to));
        }
        return new Uptime(known.size(), upMinutes, down);
    }

    private static Instant align(Instant from) {
        long step = STEP.getSeconds();
        long second = from.getEpochSecond();
        return Instant.ofEpochSecond(second % step == 0 ? second : second - second % step + step);
    }

    /** One series of a range query, by the step's second; empty when the query returns none. */
    private static Map<Long, Double> series(String url, String query, Instant from, Instant to) {
        Instant end = to.minusSeconds(1).isBefore(align(from)) ? align(from) : to.minusSeconds(1);
        URI uri = URI.create(url.replaceAll("/+$", "") + "/api/v1/query_range?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start=" + align(from).getEpochSecond()
                + "&end=" + end.getEpochSecond() + "&step=" + STEP.getSeconds());
        JsonNode answer;
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
            answer = Json.mapper().readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(answer.path("status").asText())) {
                throw new UserError("Prometheus at " + url + " answered " + response.statusCode() + ": "
                        + answer.path("error").asText(response.body()));
            }
        } catch (IOException e) {
            throw new UserError("cannot reach Prometheus at " + url + " (prometheus.url): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while asking Prometheus at " + url);
        }
        Map<Long, Double> values = new HashMap<>();
        for (JsonNode series : answer.path("data").path("result")) {
            for (JsonNode point : series.path("values")) {
                values.merge(point.get(0).asLong(), Double.parseDouble(point.get(1).asText()), Math::max);
            }
        }
        return values;
    }
}
