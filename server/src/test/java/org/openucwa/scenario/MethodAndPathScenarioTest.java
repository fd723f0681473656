package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * Requests the server has no resource or no method for: 405 MethodNotAllowed with the methods the
 * resource does support, and 404 for a path that names no resource. Neither changes anything.
 */
class MethodAndPathScenarioTest {

  private TestServer server;
  private UcwaClient alice;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("methods");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void putOnTheApplicationsResourceIsNotAllowed() {
    Response r =
        alice.put(
            alice.applicationsHref(),
            "application/json",
            "{\"userAgent\":\"ua\",\"endpointId\":\"put\",\"culture\":\"en-US\"}",
            Map.of());

    assertJsonError(r, 405, "MethodNotAllowed", "MethodNotAllowed");
    assertThat(allowed(r)).containsExactly("GET", "HEAD", "POST");
    assertThat(server.applicationIds("alice")).hasSize(1);
  }

  @Test
  void patchOnAnApplicationIsNotAllowed() {
    String self = alice.link("self");

    Response r =
        alice.send(
            "PATCH",
            self,
            Map.of("Content-Type", "application/json", "Accept", "application/xml"),
            "{\"userAgent\":\"patched\"}".getBytes());

    assertXmlError(r, 405, "MethodNotAllowed", "MethodNotAllowed");
    assertThat(allowed(r)).containsExactlyInAnyOrder("GET", "HEAD", "DELETE");
    assertThat(alice.get(self).json().path("userAgent").asText()).isEqualTo("scenario-test");
  }

  @Test
  void deleteOnMeIsNotAllowed() {
    Response r = alice.delete(alice.link("me/self"));

    assertJsonError(r, 405, "MethodNotAllowed", "MethodNotAllowed");
    assertThat(alice.get(alice.link("me/self")).status()).isEqualTo(200);
  }

  @Test
  void anUnknownPathIsNotFound() {
    String self = alice.link("self");

    assertJsonError(alice.get(self + "/noSuchResource"), 404, "NotFound", "ResourceNotFound");
    assertXmlError(
        alice.get(self + "/noSuchResource", Map.of("Accept", "application/xml")),
        404,
        "NotFound",
        "ResourceNotFound");
    assertJsonError(alice.get(server.url() + "/no/such/path"), 404, "NotFound", "ResourceNotFound");
    assertJsonError(
        alice.postJson(self + "/noSuchResource", "{}"), 404, "NotFound", "ResourceNotFound");
  }

  private static List<String> allowed(Response r) {
    String allow = r.header("Allow");
    assertThat(allow).as("Allow header of a 405").isNotNull();
    return List.of(allow.split("\\s*,\\s*"));
  }
}
