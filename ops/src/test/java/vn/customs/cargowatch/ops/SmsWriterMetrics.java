package vn.customs.cargowatch.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A metric of a running job's SMS sink writer (operator "sms: Writer": {@code sms_pending}, {@code sms_held_back}...),
 * read from Flink's REST API as the web UI reads it, on a MiniCluster or a session cluster alike.
 */
final class SmsWriterMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SmsWriterMetrics() {}

    /** The metric once it is at least {@code expected}, or as it is when {@code within} has passed. */
    static long awaitAtLeast(String restUrl, String job, String metric, long expected, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long value = value(restUrl, job, metric);
        while (value < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            value = value(restUrl, job, metric);
        }
        return value;
    }

    /** The metric of the writer's first subtask; 0 until the job reports it. */
    static long value(String restUrl, String job, String metric) throws Exception {
        String jobUrl = restUrl + "/jobs/" + job;
        for (JsonNode vertex : get(jobUrl).path("vertices")) {
            if (vertex.path("name").asText().contains("sms: Writer")) {
                String metrics = jobUrl + "/vertices/" + vertex.path("id").asText() + "/metrics";
                for (JsonNode known : get(metrics)) {
                    String id = known.path("id").asText();
                    if (id.startsWith("0.") && id.endsWith("." + metric)) {
                        return get(metrics + "?get=" + id).path(0).path("value").asLong(0);
                    }
                }
            }
        }
        return 0;
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
