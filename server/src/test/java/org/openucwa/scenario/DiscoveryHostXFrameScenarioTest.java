package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.TestServer;

/**
 * The XFrame where the reference's library loads it: {@code frameLoc = _discoveryLocation +
 * "/xframe"} (TransportLibrary.md), the discovery location being {@code https://lyncdiscover.} or
 * {@code https://lyncdiscoverinternal.} plus the domain. The server answers that path on every host
 * name it is reached by (its Host header, or its public URL behind a proxy), with the same page the
 * root's {@code xframe} link names.
 */
class DiscoveryHostXFrameScenarioTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What came back from one request sent as a browser sends it, Host header included. */
  private record Answer(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private static Answer get(TestServer server, String host, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(socket.getInputStream());
    }
  }

  /** Reads one response: the head up to its blank line, then Content-Length bytes of body. */
  private static Answer read(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new AssertionError("the connection closed in the head: " + head);
      }
      head.append((char) c);
    }
    String[] lines = head.toString().strip().split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
  }

  private static void assertIsTheXFrame(Answer frame, Answer linked) {
    assertThat(frame.status()).isEqualTo(200);
    assertThat(frame.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(frame.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(new String(frame.body(), StandardCharsets.UTF_8))
        .contains("window.addEventListener('message'");
    assertThat(frame.body()).isEqualTo(linked.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"lyncdiscover.contoso.com", "lyncdiscoverinternal.contoso.com"})
  void the_discovery_host_serves_the_xframe_at_slash_xframe(String discoveryHost) throws Exception {
    try (TestServer server = TestServer.start(b -> b.allowedOrigins(List.of("*")))) {
      String host = discoveryHost + ":" + server.server().port();
      JsonNode root = get(server, host, "/").json();
      String discoveryLocation = "http://" + host;
      URI linked = URI.create(root.at("/_links/xframe/href").asText());
      assertThat(linked.toString()).startsWith(discoveryLocation + "/");

      Answer frame = get(server, host, URI.create(discoveryLocation + "/xframe").getRawPath());

      assertIsTheXFrame(frame, get(server, host, linked.getRawPath()));
    }
  }

  @Test
  void behind_a_public_url_the_discovery_location_plus_xframe_is_the_xframe() throws Exception {
    try (TestServer server =
        TestServer.start(b -> b.publicUrl("https://lyncdiscover.contoso.com"))) {
      // The test plays the TLS proxy: it forwards the public URL's paths with their Host.
      String host = "lyncdiscover.contoso.com";
      JsonNode root = get(server, host, "/").json();
      URI linked = URI.create(root.at("/_links/xframe/href").asText());
      assertThat(linked.getHost()).isEqualTo(host);
      URI frameLoc = URI.create("https://" + host + "/xframe");

      Answer frame = get(server, host, frameLoc.getRawPath());

      assertIsTheXFrame(frame, get(server, host, linked.getRawPath()));
    }
  }

  @Test
  void the_xframe_path_needs_no_token_and_matches_as_iis_paths_do() throws Exception {
    try (TestServer server = TestServer.start()) {
      String host = "lyncdiscover.contoso.com";
      Answer linked = get(server, host, "/Autodiscover/XFrame/XFrame.html");

      assertIsTheXFrame(get(server, host, "/XFrame"), linked);
      assertIsTheXFrame(get(server, host, "/xframe/"), linked);
      assertThat(get(server, host, "/xframe/more").status()).isEqualTo(404);
    }
  }
}
