package org.openucwa.web.xframe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A stand-in for the UCWA server that the XFrame relays to, until the relay test can run against
 * the real one: it answers the three requests of CreateAnApplication.md that a web client sends
 * first (discovery 200 JSON, user 401 with MsRtcOAuth challenge, token POST 200 JSON) and records
 * every request it receives, so tests can say what reached the server.
 *
 * <p>Runs on the JDK's HTTP server, one thread, on 127.0.0.1 and a random port.
 */
final class RecordingUcwaStub implements AutoCloseable {

  static final String ROOT_PATH = "/autodiscover/autodiscoverservice.svc/root";
  static final String USER_PATH = "/autodiscover/autodiscoverservice.svc/root/oauth/user";
  static final String TOKEN_PATH = "/WebTicket/oauthtoken";

  static final String CHALLENGE =
      "MsRtcOAuth href=\"%s/WebTicket/oauthtoken\",grant_type=\"urn:microsoft.rtc:windows,"
          + "urn:microsoft.rtc:anonmeeting,password\"";

  /** A request as the server saw it; header names lower-case. */
  record Received(String method, String pathAndQuery, Map<String, String> headers, String body) {

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private RecordingUcwaStub(HttpServer server) {
    this.server = server;
  }

  static RecordingUcwaStub start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    RecordingUcwaStub stub = new RecordingUcwaStub(server);
    server.createContext("/", stub::handle);
    server.start();
    return stub;
  }

  /** The origin the stub serves, e.g. {@code http://127.0.0.1:41234}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String challenge() {
    return CHALLENGE.formatted(baseUrl());
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  void forget() {
    received.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers =
          exchange.getRequestHeaders().entrySet().stream()
              .collect(
                  Collectors.toMap(
                      e -> e.getKey().toLowerCase(Locale.ROOT),
                      e -> String.join(", ", e.getValue())));
      String uri =
          exchange.getRequestURI().getRawPath()
              + Optional.ofNullable(exchange.getRequestURI().getRawQuery())
                  .map(q -> "?" + q)
                  .orElse("");
      received.add(new Received(exchange.getRequestMethod(), uri, headers, body));

      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals(ROOT_PATH)) {
        exchange.getResponseHeaders().add("ETag", "\"3140562359\"");
        exchange.getResponseHeaders().add("X-MS-RequiresMinResourceVersion", "2");
        send(exchange, 200, "application/json", discovery());
      } else if (method.equals("GET") && path.equals(USER_PATH)) {
        exchange.getResponseHeaders().add("WWW-Authenticate", challenge());
        send(exchange, 401, "text/html", "<h1>401 - Unauthorized</h1>");
      } else if (method.equals("POST") && path.equals(TOKEN_PATH)) {
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        send(
            exchange,
            200,
            "application/json",
            "{\"access_token\":\"cwt=AAEB\",\"expires_in\":28289,\"token_type\":\"Bearer\"}");
      } else {
        send(exchange, 404, "text/plain", "not found");
      }
    }
  }

  private String discovery() {
    return "{\"_links\":{\"self\":{\"href\":\""
        + baseUrl()
        + ROOT_PATH
        + "\"},"
        + "\"user\":{\"href\":\""
        + baseUrl()
        + USER_PATH
        + "\"}}}";
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
