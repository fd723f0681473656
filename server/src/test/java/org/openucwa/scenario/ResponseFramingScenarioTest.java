package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Call;

/**
 * Framing every client relies on, checked over a tour of successes and failures of every kind: each
 * response states its Content-Length (IIS-era clients and the XFrame relay need it), and each 201
 * Created says where the new resource is.
 */
class ResponseFramingScenarioTest {

  private TestServer server;
  private UcwaClient alice;

  @BeforeEach
  void start() {
    server = TestServer.start(b -> b.maxBodyBytes(2048));
    alice = server.client("alice");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyResponseHasAContentLengthAndEvery201ALocation() {
    tour();

    assertThat(alice.calls()).hasSizeGreaterThan(20);
    assertThat(alice.calls())
        .extracting(c -> c.response().status())
        .contains(200, 201, 204, 400, 401, 403, 404, 405, 409, 412, 413, 415, 428);
    for (Call call : alice.calls()) {
      String length = call.response().header("Content-Length");
      assertThat(length)
          .as("Content-Length of %s %s (%d)", call.method(), call.uri(), call.response().status())
          .isNotNull();
      assertThat(Integer.parseInt(length))
          .as("Content-Length of %s %s", call.method(), call.uri())
          .isEqualTo(call.response().body().getBytes(StandardCharsets.UTF_8).length);
      if (call.response().status() == 201) {
        assertThat(call.response().header("Location"))
            .as("Location of %s %s", call.method(), call.uri())
            .isNotBlank();
      }
    }
  }

  /** Requests of every outcome, as a client following links meets them. */
  private void tour() {
    String userHref = alice.userHref();
    alice.get(userHref);
    alice.post(
        alice.tokenUrl(),
        "application/x-www-form-urlencoded",
        "grant_type=password" + "&username=alice@contoso.com&password=wrong",
        Map.of());
    alice.createApplication("tour");
    alice.get(alice.link("self"), Map.of("Accept", "application/xml"));
    alice.postJson(
        alice.applicationsHref(),
        "{\"userAgent\":\"tour\",\"endpointId\":\"tour2\"," + "\"culture\":\"en-US\"}");
    alice.postJson(alice.applicationsHref(), "{\"userAgent\":");
    alice.post(alice.applicationsHref(), "text/plain", "hello", Map.of());
    alice.postJson(alice.applicationsHref(), "{\"userAgent\":\"" + "a".repeat(4096) + "\"}");
    alice.method("PUT", alice.applicationsHref());
    alice.get(alice.link("self") + "/noSuchResource");
    String communication = alice.link("communication/self");
    String etag = alice.get(communication).header("ETag");
    alice.put(communication, "application/json", "{}", Map.of());
    alice.put(communication, "application/json", "{}", Map.of("If-Match", "stale"));
    alice.put(communication, "application/json", "{}", Map.of("If-Match", etag));
    alice.postJson(alice.link("me/makeMeAvailable"), "{\"supportedModalities\":[\"Video\"]}");
    alice.postJson(alice.link("me/makeMeAvailable"), "{}");
    alice.postJson(alice.link("me/makeMeAvailable"), "{}");
    alice.get(UcwaClient.withQuery(alice.link("events"), "timeout=1"));
    alice.post(
        alice.link("batch"),
        "multipart/batching;boundary=b",
        "--b\r\n"
            + "Content-Type: application/http; msgtype=request\r\n\r\n"
            + "GET "
            + alice.link("policies")
            + " HTTP/1.1\r\n\r\n--b--\r\n",
        Map.of());
    String self = alice.link("self");
    alice.delete(self);
    alice.get(self);
    UcwaClient limited = server.client("bob");
    limited.signIn(Map.of("scope", "Contacts.ReadWrite"));
    limited.createApplication("limited");
    alice.useToken(limited.token());
    alice.get(limited.link("me/self"));
    alice.useToken("garbage");
    alice.get(userHref);
  }
}
