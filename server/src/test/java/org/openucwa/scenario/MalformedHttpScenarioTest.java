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
 * Requests the server library refuses before they reach the API still get a UCWA error body, with
 * its Content-Length.
 */
class MalformedHttpScenarioTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String exchange(String raw) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          out.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        // the server kept the connection; what came is the answer
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        "NONSENSE\r\n\r\n"
      })
  void a_request_that_is_not_readable_http_gets_a_ucwa_bad_request(String raw) throws IOException {
    String answer = exchange(raw);

    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(answer).containsIgnoringCase("Content-Length: ");
    assertThat(answer).contains("\"code\":\"BadRequest\"");
  }
}
