package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * HTTP/1.0 requests, as probes, load balancers and older clients send them, over a raw socket: each
 * is answered with an HTTP/1.0 status line and its Content-Length, and the connection closes after
 * the response unless the request asked to keep it alive. They go through the same checks as
 * HTTP/1.1 requests: framing, the client address behind a trusted proxy, and graceful shutdown.
 */
class Http10ScenarioTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** One response read off the socket: status line, headers (names lower-cased), body. */
  record Answer(String statusLine, Map<String, String> headers, String body) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", server.server().port());
    s.setSoTimeout(10_000);
    return s;
  }

  private static void send(Socket s, String raw) throws IOException {
    s.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
  }

  private static Answer read(InputStream in, boolean head) throws IOException {
    String status = line(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.put(
          l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed in a response: " + b);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  private static String path(String href) {
    URI u = URI.create(href);
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  @Test
  void a_get_is_answered_in_http_1_0_and_the_connection_closes() throws IOException {
    try (Socket s = connect()) {
      send(s, "GET / HTTP/1.0\r\nAccept: application/json\r\n\r\n");
      Answer a = read(s.getInputStream(), false);

      assertThat(a.statusLine()).isEqualTo("HTTP/1.0 200 OK");
      assertThat(a.headers()).containsEntry("connection", "close");
      assertThat(a.headers().get("content-type")).startsWith("application/json");
      assertThat(Integer.parseInt(a.headers().get("content-length")))
          .isEqualTo(a.body().getBytes(StandardCharsets.UTF_8).length);
      assertThat(JSON.readTree(a.body()).at("/_links/user/href").asText()).isNotEmpty();
      assertThat(s.getInputStream().read()).as("closed after the response").isEqualTo(-1);
    }
  }

  @Test
  void keep_alive_serves_a_signed_in_client_in_json_and_xml_until_a_request_without_it()
      throws IOException {
    UcwaClient alice = server.client("alice");
    alice.createApplication("http10");
    String auth = "Authorization: Bearer " + alice.token() + "\r\n";
    String me = path(alice.link("me/self"));
    String xmlBody =
        "<input xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">"
            + "<propertyList name=\"supportedModalities\"><item>Messaging</item></propertyList>"
            + "</input>";
    int xmlLength = xmlBody.getBytes(StandardCharsets.UTF_8).length;

    try (Socket s = connect()) {
      InputStream in = s.getInputStream();
      send(s, "GET " + me + " HTTP/1.0\r\n" + auth + "Connection: keep-alive\r\n\r\n");
      Answer json = read(in, false);
      send(
          s,
          "HEAD "
              + me
              + " HTTP/1.0\r\n"
              + auth
              + "Accept: application/xml\r\n"
              + "Connection: Keep-Alive\r\n\r\n");
      Answer head = read(in, true);
      send(
          s,
          "POST "
              + path(alice.link("me/makeMeAvailable"))
              + " HTTP/1.0\r\n"
              + auth
              + "Content-Type: application/xml\r\nContent-Length: "
              + xmlLength
              + "\r\nConnection: keep-alive\r\n\r\n"
              + xmlBody);
      Answer posted = read(in, false);
      send(s, "GET " + me + " HTTP/1.0\r\n" + auth + "Accept: application/xml\r\n\r\n");
      Answer xml = read(in, false);

      assertThat(json.statusLine()).isEqualTo("HTTP/1.0 200 OK");
      assertThat(json.headers()).containsEntry("connection", "keep-alive");
      assertThat(JSON.readTree(json.body()).get("rel").asText()).isEqualTo("me");
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers()).containsEntry("connection", "keep-alive");
      assertThat(head.headers().get("content-type")).startsWith("application/xml");
      assertThat(posted.status()).as(posted.body()).isEqualTo(204);
      assertThat(posted.headers()).containsEntry("content-length", "0");
      assertThat(xml.status()).isEqualTo(200);
      assertThat(xml.headers()).containsEntry("connection", "close");
      assertThat(xml.body()).contains("<link rel=\"reportMyActivity\"");
      assertThat(head.headers().get("content-length"))
          .as("HEAD before makeMeAvailable had the length of me then")
          .isNotEqualTo(xml.headers().get("content-length"));
      assertThat(in.read()).as("closed after the request without keep-alive").isEqualTo(-1);
    }
  }

  @Test
  void an_unreadable_http_1_0_request_gets_a_ucwa_bad_request_and_the_connection_closes()
      throws IOException {
    try (Socket s = connect()) {
      send(s, "GET / HTTP/1.0\r\nAccept: application/xml\r\nno colon here\r\n\r\n");
      Answer a = read(s.getInputStream(), false);

      assertThat(a.statusLine()).isEqualTo("HTTP/1.0 400 Bad Request");
      assertThat(a.body()).contains("<code>BadRequest</code>");
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void a_first_request_line_split_across_packets_is_served_as_http_1_0()
      throws IOException, InterruptedException {
    try (Socket s = connect()) {
      s.setTcpNoDelay(true);
      send(s, "GET / HT");
      Thread.sleep(300);
      send(s, "TP/1.0\r\nAccept: application/json\r\n\r\n");
      Answer a = read(s.getInputStream(), false);

      assertThat(a.statusLine()).isEqualTo("HTTP/1.0 200 OK");
    }
  }

  @Test
  void another_http_version_is_505_with_a_ucwa_body() throws IOException {
    try (Socket s = connect()) {
      send(s, "GET / HTTP/3.0\r\n\r\n");
      Answer a = read(s.getInputStream(), false);

      assertThat(a.status()).isEqualTo(505);
      assertThat(JSON.readTree(a.body()).get("code").asText()).isEqualTo("ServiceFailure");
    }
  }

  private static String tokenRequest(String tokenPath, String extraHeaders, String password) {
    String form =
        UcwaClient.form(
            Map.of(
                "grant_type", "password", "username", "alice@contoso.com", "password", password));
    return "POST "
        + tokenPath
        + " HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + extraHeaders
        + "Content-Length: "
        + form.length()
        + "\r\n\r\n"
        + form;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Length: 4\r\nContent-Length: 5\r\n",
        "Content-Length: 4, 5\r\n",
        "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
        "Content-Length: -4\r\n"
      })
  void ambiguous_framing_in_http_1_0_is_400_and_the_connection_closes(String framing)
      throws IOException {
    try (Socket s = connect()) {
      send(
          s,
          "POST /WebTicket/oauthtoken HTTP/1.0\r\nConnection: keep-alive\r\n"
              + framing
              + "\r\nabcd"
              + "GET / HTTP/1.0\r\n\r\n");
      Answer a = read(s.getInputStream(), false);

      assertThat(a.statusLine()).isEqualTo("HTTP/1.0 400 Bad Request");
      assertThat(a.headers()).containsEntry("connection", "close");
      assertThat(JSON.readTree(a.body()).get("code").asText()).isEqualTo("BadRequest");
      assertThat(JSON.readTree(a.body()).get("message").asText()).contains("Content-Length");
      assertThat(s.getInputStream().read()).as("nothing more is served").isEqualTo(-1);
    }
  }

  @Test
  void failed_http_1_0_sign_ins_count_against_the_client_address_a_trusted_proxy_names()
      throws IOException {
    try (TestServer proxied = TestServer.start(b -> b.trustedProxies(List.of("127.0.0.1")))) {
      String tokenPath = path(proxied.client("alice").tokenUrl());
      String attacker = "X-Forwarded-For: 198.51.100.66\r\n";
      List<Answer> guesses = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        try (Socket s = connect(proxied)) {
          send(s, tokenRequest(tokenPath, attacker, "guess"));
          guesses.add(read(s.getInputStream(), false));
        }
      }
      Answer owner;
      try (Socket s = connect(proxied)) {
        send(s, tokenRequest(tokenPath, "X-Forwarded-For: 192.0.2.10\r\n", TestServer.PASSWORD));
        owner = read(s.getInputStream(), false);
      }

      assertThat(guesses.subList(0, 5)).allSatisfy(a -> assertThat(a.status()).isEqualTo(400));
      assertThat(guesses.get(5).status()).as("the sixth guess").isEqualTo(429);
      assertThat(owner.status()).as(owner.body()).isEqualTo(200);
      assertThat(JSON.readTree(owner.body()).path("access_token").asText()).isNotEmpty();
    }
  }

  @Test
  void graceful_shutdown_waits_for_an_http_1_0_request_in_flight() throws Exception {
    TestServer stopping = TestServer.start();
    String tokenPath = path(stopping.client("alice").tokenUrl());
    String request = tokenRequest(tokenPath, "", TestServer.PASSWORD);
    int split = request.length() - 5;
    try (Socket s = connect(stopping)) {
      send(s, request.substring(0, split));
      awaitTrue(() -> stopping.server().requestsInFlight() == 1, "the request is in flight");

      CompletableFuture<Void> shutdown =
          CompletableFuture.runAsync(() -> stopping.server().shutdown(Duration.ofSeconds(60)));
      awaitTrue(() -> shutdown.isDone() || !ready(stopping), "the shutdown has begun or is over");
      send(s, request.substring(split));
      Answer a = read(s.getInputStream(), false);
      shutdown.get(60, TimeUnit.SECONDS);

      assertThat(a.statusLine()).as(a.body()).isEqualTo("HTTP/1.0 200 OK");
      assertThat(JSON.readTree(a.body()).path("access_token").asText()).isNotEmpty();
    }
  }

  private static Socket connect(TestServer to) throws IOException {
    Socket s = new Socket("127.0.0.1", to.server().port());
    s.setSoTimeout(30_000);
    return s;
  }

  private static boolean ready(TestServer server) {
    try (Socket s = connect(server)) {
      send(s, "GET /health/ready HTTP/1.0\r\n\r\n");
      return read(s.getInputStream(), false).status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("never true: " + what);
  }
}
