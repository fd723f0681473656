package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * The batch resource over HTTP (BatchingRequests.md): parts run as if sent alone and come back in
 * order, each an {@code application/http; msgtype=response}; the events resource is refused part by
 * part; a body that is not {@code multipart/batching} is refused whole.
 */
class BatchScenarioTest {

  private static final String BOUNDARY = "77f2569d-c005-442b-b856-782305305e5f";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestServer server;
  private UcwaClient alice;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("batching");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void twoGetsComeBackAsTwoResponsePartsInOrder() throws IOException {
    Response r = batch(get(alice.link("me/self")), get(alice.link("policies")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("multipart/batching");
    List<Part> parts = parts(r);
    assertThat(parts).hasSize(2);
    assertThat(parts)
        .extracting(Part::contentType)
        .containsOnly("application/http; msgtype=response");
    assertThat(parts).extracting(Part::status).containsExactly(200, 200);
    JsonNode me = JSON.readTree(parts.get(0).body());
    JsonNode policies = JSON.readTree(parts.get(1).body());
    assertThat(me.path("rel").asText()).isEqualTo("me");
    assertThat(me.path("uri").asText()).isEqualTo("sip:alice@contoso.com");
    assertThat(policies.path("rel").asText()).isEqualTo("policies");
  }

  @Test
  void anEventsPartIsRefusedWithBadRequestInsideTheBatch() throws IOException {
    Response r = batch(get(alice.link("me/self")), get(alice.link("events")));

    assertThat(r.status()).isEqualTo(200);
    List<Part> parts = parts(r);
    assertThat(parts).extracting(Part::status).containsExactly(200, 400);
    assertThat(parts.get(1).headers().get("content-type")).startsWith("application/json");
    assertThat(JSON.readTree(parts.get(1).body()).path("code").asText()).isEqualTo("BadRequest");
  }

  @Test
  void aNestedBatchPartIsRefusedWithBadRequest() {
    Response r =
        batch(
            get(alice.link("policies")),
            "POST "
                + alice.link("batch")
                + " HTTP/1.1\r\nContent-Type: multipart/batching;boundary=inner\r\n"
                + "Content-Length: 9\r\n\r\n--inner--");

    assertThat(parts(r)).extracting(Part::status).containsExactly(200, 400);
  }

  @Test
  void aPartThatFailsCarriesItsOwnUcwaError() {
    Response r =
        batch(
            get(alice.link("self") + "/noSuchResource"),
            "POST "
                + alice.link("me/makeMeAvailable")
                + " HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nAccept: application/json\r\n\r\n"
                + "{\"signInAs\":\"Sleepy\"}");

    List<Part> parts = parts(r);
    assertThat(parts).extracting(Part::status).containsExactly(404, 400);
    assertThat(parts.get(1).body()).contains("ParameterValidationFailure", "signInAs");
  }

  @Test
  void aBatchOfAnotherContentTypeIsUnsupported() {
    String body = multipart(get(alice.link("me/self")));

    assertJsonError(
        alice.post(alice.link("batch"), "multipart/mixed;boundary=" + BOUNDARY, body, Map.of()),
        415,
        "UnsupportedMediaType",
        "UnsupportedMediaType");
    assertXmlError(
        alice.post(
            alice.link("batch"), "application/json", "{}", Map.of("Accept", "application/xml")),
        415,
        "UnsupportedMediaType",
        "UnsupportedMediaType");
  }

  private Response batch(String... requests) {
    return alice.post(
        alice.link("batch"),
        "multipart/batching;boundary=" + BOUNDARY,
        multipart(requests),
        Map.of("Accept", "multipart/batching"));
  }

  private static String get(String href) {
    return "GET " + href + " HTTP/1.1\r\nAccept: application/json\r\n";
  }

  private static String multipart(String... requests) {
    StringBuilder b = new StringBuilder();
    for (String request : requests) {
      b.append("--")
          .append(BOUNDARY)
          .append("\r\n")
          .append("Content-Type: application/http; msgtype=request\r\n\r\n")
          .append(request)
          .append("\r\n"); // ends a GET's headers, or precedes the delimiter
    }
    return b.append("--").append(BOUNDARY).append("--\r\n").toString();
  }

  /** One part of a batch response: its MIME type, and the HTTP response it carries. */
  private record Part(String contentType, int status, Map<String, String> headers, String body) {}

  private static List<Part> parts(Response r) {
    Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(r.header("Content-Type"));
    assertThat(m.find()).as(r.header("Content-Type")).isTrue();
    String delimiter = "--" + m.group(1);
    String body = r.body();
    assertThat(body).as("closing delimiter").contains(delimiter + "--");
    String[] chunks =
        body.substring(0, body.indexOf(delimiter + "--")).split(Pattern.quote(delimiter + "\r\n"));
    List<Part> parts = new ArrayList<>();
    for (int i = 1; i < chunks.length; i++) {
      parts.add(part(chunks[i]));
    }
    return parts;
  }

  private static Part part(String chunk) {
    String[] mimeAndHttp = chunk.split("\r\n\r\n", 2);
    Map<String, String> mime = headers(mimeAndHttp[0]);
    String[] headAndBody = mimeAndHttp[1].split("\r\n\r\n", 2);
    String[] head = headAndBody[0].split("\r\n", 2);
    Matcher status = Pattern.compile("HTTP/1\\.1 (\\d{3}) .*").matcher(head[0]);
    assertThat(status.matches()).as(head[0]).isTrue();
    Map<String, String> headers = headers(head.length > 1 ? head[1] : "");
    int length = Integer.parseInt(headers.get("content-length"));
    return new Part(
        mime.get("content-type"),
        Integer.parseInt(status.group(1)),
        headers,
        headAndBody[1].substring(0, length));
  }

  private static Map<String, String> headers(String block) {
    Map<String, String> h = new LinkedHashMap<>();
    for (String line : block.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        h.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return h;
  }
}
