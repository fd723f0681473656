package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.TestServer;

/**
 * Requests whose body framing is ambiguous or broken, sent over a raw socket: each is answered 400
 * BadRequest (a client error, not a 500 ServiceFailure) and its connection is closed, so a request
 * smuggled behind it is never served (RFC 9112 §6.1, §6.3).
 */
class RequestFramingScenarioTest {

  private static final String TOKEN = "POST /WebTicket/oauthtoken HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  private static final String SMUGGLED = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** What the server answers until it closes the connection; null if it kept it open. */
  static String untilClosed(int port, String raw, boolean halfClose) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          out.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        return null;
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Length: 5\r\nContent-Length: 40\r\n",
        "Content-Length: 5, 40\r\n",
        "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
        "Transfer-Encoding: gzip, chunked\r\n",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"
      })
  void a_request_with_ambiguous_framing_is_refused_and_what_follows_it_is_never_served(
      String framing) throws IOException {
    String answer =
        untilClosed(
            server.server().port(),
            TOKEN
                + framing
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                + "0\r\n\r\n"
                + SMUGGLED,
            false);

    assertThat(answer).as("the connection is closed").isNotNull();
    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(answer).contains("\"code\":\"BadRequest\"");
    assertThat(answer.split("HTTP/1.1 ", -1)).as("one response only").hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Transfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n",
        "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n",
        "Content-Length: -1\r\n\r\nabc",
        "Content-Length: 100\r\n\r\nabc"
      })
  void a_body_that_cannot_be_read_as_framed_is_a_bad_request(String rest) throws IOException {
    String answer =
        untilClosed(
            server.server().port(),
            TOKEN + "Content-Type: application/x-www-form-urlencoded\r\n" + rest,
            true);

    assertThat(answer).as("the connection is closed").isNotNull();
    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(answer).contains("\"code\":\"BadRequest\"").doesNotContain("ServiceFailure");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET /\0 HTTP/1.1\r\n", "GET / HTTP/1.1\0\r\n", "GET /a\0b HTTP/1.1\r\n"})
  void a_nul_in_the_request_line_is_a_bad_request(String requestLine) throws IOException {
    String answer =
        untilClosed(server.server().port(), requestLine + "Host: 127.0.0.1\r\n\r\n", false);

    assertThat(answer).as("the connection is closed").isNotNull();
    assertThat(answer).startsWith("HTTP/1.1 400");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Content-Length: 12\r\nContent-Length: 12\r\n", "Content-Length: 12\r\n"})
  void a_request_framed_once_is_served(String framing) throws IOException {
    String answer =
        untilClosed(
            server.server().port(),
            TOKEN
                + framing
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                + "grant_type=x",
            true);

    assertThat(answer).startsWith("HTTP/1.1 400").contains("unsupported_grant_type");
  }
}
