package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * A client that sends its request line, headers or body slowly, or stops halfway, loses its
 * connection once the read timeout (half a second here) has passed since the request's first byte
 * (the body: since its headers), over HTTP/1.1 and HTTP/1.0 alike; a held P-GET, which waits for
 * events and not for the client, is not cut short by it, nor is a kept connection waiting for its
 * next request.
 */
class SlowClientScenarioTest {

  private static final String START = "POST /WebTicket/oauthtoken HTTP/1.1\r\nHost: 127.0.0.1\r\n";

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(b -> b.requestReadTimeout(Duration.ofMillis(500)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Sends {@code head}, then one byte of {@code trickle} every 100 ms, for up to 20 s; whether the
   * server closed the connection meanwhile.
   */
  private boolean closedWhileTrickling(String head, String trickle) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      return closedWhileTrickling(s, head, trickle);
    }
  }

  private static boolean closedWhileTrickling(Socket s, String head, String trickle)
      throws IOException {
    {
      s.setSoTimeout(100);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      for (int i = 0; i < 200; i++) {
        try {
          out.write(trickle.charAt(i % trickle.length()));
          out.flush();
          if (in.read() < 0) {
            return true;
          }
        } catch (SocketTimeoutException e) {
          // still open: the server is waiting for more
        } catch (IOException e) {
          return true; // reset by the server
        }
      }
      return false;
    }
  }

  /** Sends a whole GET / on the socket and reads its response; the connection stays open. */
  private static void getRoot(Socket s, String version) throws IOException {
    s.setSoTimeout(10_000);
    s.getOutputStream()
        .write(
            ("GET / " + version + "\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      assertThat(c).as("the response to the first request").isNotNegative();
      head.append((char) c);
    }
    assertThat(head.toString()).startsWith(version + " 200");
    Matcher length = Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
    assertThat(length.find()).isTrue();
    assertThat(in.readNBytes(Integer.parseInt(length.group(1)))).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET /?a=", "GET /", "POST /WebTicket/oauthtoken HTTP/1.0\r\nX-Slow: a"})
  void aRequestLineSentByteByByteIsCutOff(String start) throws IOException {
    assertThat(closedWhileTrickling(start, "aaaaaaaaaaaaaaaaaaaa")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
  void theNextRequestOnAKeptConnectionSentByteByByteIsCutOff(String version) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      getRoot(s, version);

      assertThat(closedWhileTrickling(s, "GET /?a=", "aaaaaaaaaaaaaaaaaaaa")).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
  void aKeptConnectionWaitsLongerThanTheReadTimeoutForItsNextRequest(String version)
      throws IOException, InterruptedException {
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      getRoot(s, version);
      Thread.sleep(2_000); // four read timeouts: only the idle timeout bounds this wait

      getRoot(s, version);
    }
  }

  @Test
  void theHeadersOfAnHttp10RequestSentByteByByteAreCutOff() throws IOException {
    assertThat(closedWhileTrickling(START.replace("HTTP/1.1", "HTTP/1.0"), "X-Slow: aaaaaa\r\n"))
        .isTrue();
  }

  @Test
  void theBodyOfAnHttp10RequestSentByteByByteIsCutOff() throws IOException {
    String head =
        START.replace("HTTP/1.1", "HTTP/1.0")
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n";
    assertThat(closedWhileTrickling(head, "grant_type=password&")).isTrue();
  }

  @Test
  void headersSentByteByByteAreCutOff() throws IOException {
    assertThat(closedWhileTrickling(START, "X-Slow: aaaaaaaaaaaaaaaaaaaa\r\n")).isTrue();
  }

  @Test
  void aBodySentByteByByteIsCutOff() throws IOException {
    String head =
        START + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n";
    assertThat(closedWhileTrickling(head, "grant_type=password&")).isTrue();
  }

  @Test
  void headersThatStopComingAreCutOff() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write((START + "X-Half: ").getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();

      int read;
      try {
        read = s.getInputStream().read();
      } catch (SocketTimeoutException e) {
        read = -2; // still open after 20 s
      } catch (IOException e) {
        read = -1; // reset by the server
      }

      assertThat(read).as("end of stream").isEqualTo(-1);
    }
  }

  @Test
  void aPGetHeldLongerThanTheReadTimeoutIsAnsweredAndItsConnectionStillServes() {
    UcwaClient alice = server.client("alice");
    alice.createApplication("slow");

    UcwaClient.Response held = alice.get(UcwaClient.withQuery(alice.link("events"), "timeout=2"));
    UcwaClient.Response after = alice.get(alice.link("self"));

    assertThat(held.status()).isEqualTo(200);
    assertThat(held.json().path("_links").has("next")).isTrue();
    assertThat(after.status()).isEqualTo(200);
  }
}
