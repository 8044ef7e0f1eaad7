package vn.customs.cargowatch.ops.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.ops.desk.DeskFolders.PASSWORD;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import vn.customs.cargowatch.model.Json;

/** The desk's tests' HTTP client ({@link HttpClient}, no redirect followed): signing in, GETs, JSON and form POSTs. */
public final class DeskHttp {

    /** A signed-in user: the session cookie and the CSRF token. */
    public record Signed(String cookie, String csrf) {}

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final DeskServer desk;

    public DeskHttp(DeskServer desk) {
        this.desk = desk;
    }

    /** {@code user} signed in through the API with {@link DeskFolders#PASSWORD}. */
    Signed signIn(String user) throws Exception {
        return signIn(user, PASSWORD);
    }

    /** {@code user} signed in through the API with {@code password}. */
    public Signed signIn(String user, String password) throws Exception {
        HttpResponse<String> response = login(user, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new Signed(cookieOf(response), Json.mapper().readTree(response.body()).path("csrfToken").asText());
    }

    public HttpResponse<String> login(String user, String password) throws Exception {
        return postJson("/api/login", Json.mapper().createObjectNode().put("username", user).put("password", password)
                .toString(), null, null);
    }

    static String cookieOf(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private HttpRequest.Builder request(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + desk.port() + path));
        return cookie == null ? request : request.header("Cookie", cookie);
    }

    public HttpResponse<String> get(String path, String cookie) throws Exception {
        return http.send(request(path, cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String cookie) throws Exception {
        return http.send(request(path, cookie).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> postJson(String path, String body, String cookie, String csrf) throws Exception {
        HttpRequest.Builder request = request(path, cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields, String cookie) throws Exception {
        String body = fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(request(path, cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
