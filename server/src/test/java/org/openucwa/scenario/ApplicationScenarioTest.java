package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.application.ApplicationSettings;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * The life of an application (applications_ref.md, application_ref.md): creation, the same endpoint
 * id twice, the per-user limit, reading and deleting, other users' applications and applications
 * that expire because nobody polls their event channel.
 */
class ApplicationScenarioTest {

  private static final String CREATE =
      "{\"userAgent\":\"scenario-test\",\"endpointId\":\"%s\",\"culture\":\"en-US\"}";

  private TestServer server;
  private UcwaClient alice;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.client("alice");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void creatingAnApplicationAnswers201WithItsLocationAndTheFourEmbeddedResources() {
    Response created = alice.postJson(alice.applicationsHref(), CREATE.formatted("e1"));

    assertThat(created.status()).isEqualTo(201);
    JsonNode app = created.json();
    assertThat(created.header("Location")).isEqualTo(app.at("/_links/self/href").asText());
    assertThat(app.path("rel").asText()).isEqualTo("application");
    assertThat(app.path("_embedded").has("me")).isTrue();
    assertThat(app.path("_embedded").has("people")).isTrue();
    assertThat(app.path("_embedded").has("onlineMeetings")).isTrue();
    assertThat(app.path("_embedded").has("communication")).isTrue();
    assertThat(app.at("/_embedded/me/uri").asText()).isEqualTo("sip:alice@contoso.com");
  }

  @Test
  void theSameEndpointIdAgainAnswersTheSameApplication() {
    String applications = alice.applicationsHref();
    Response first = alice.postJson(applications, CREATE.formatted("same"));

    Response second = alice.postJson(applications, CREATE.formatted("same"));

    assertThat(second.status()).isIn(200, 201);
    assertThat(second.header("Location")).isEqualTo(first.header("Location"));
    assertThat(server.applicationIds("alice")).hasSize(1);
  }

  @Test
  void aSixthApplicationIsRefusedWithTooManyApplicationsAndNotCreated() {
    String applications = alice.applicationsHref();
    for (int i = 1; i <= 5; i++) {
      assertThat(alice.postJson(applications, CREATE.formatted("e" + i)).status()).isEqualTo(201);
    }
    List<String> five = server.applicationIds("alice");

    assertJsonError(
        alice.postJson(applications, CREATE.formatted("e6")),
        409,
        "Conflict",
        "TooManyApplications");
    assertXmlError(
        alice.post(
            applications,
            "application/json",
            CREATE.formatted("e7"),
            Map.of("Accept", "application/xml")),
        409,
        "Conflict",
        "TooManyApplications");

    assertThat(server.applicationIds("alice")).isEqualTo(five);
    assertThat(alice.postJson(applications, CREATE.formatted("e3")).status())
        .as("an existing endpoint id is still found")
        .isIn(200, 201);
  }

  @Test
  void theLimitIsPerUser() {
    String applications = alice.applicationsHref();
    for (int i = 1; i <= 5; i++) {
      alice.postJson(applications, CREATE.formatted("e" + i));
    }

    assertThat(server.client("bob").createApplication("e1").path("rel").asText())
        .isEqualTo("application");
  }

  @Test
  void anApplicationCanBeReadAndDeletedAndIsThenNotFound() {
    alice.createApplication("short-lived");
    String self = alice.link("self");

    Response read = alice.get(self);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().at("/_links/self/href").asText()).isEqualTo(self);

    assertThat(alice.delete(self).status()).isEqualTo(204);

    assertJsonError(alice.get(self), 404, "NotFound", "ApplicationNotFound");
    assertJsonError(alice.get(alice.link("me/self")), 404, "NotFound", "ApplicationNotFound");
    assertXmlError(
        alice.get(self, Map.of("Accept", "application/xml")),
        404,
        "NotFound",
        "ApplicationNotFound");
    assertJsonError(alice.delete(self), 404, "NotFound", "ApplicationNotFound");
    assertThat(server.applicationIds("alice")).isEmpty();
  }

  @Test
  void aDeletedApplicationFreesItsPlaceUnderTheLimit() {
    String applications = alice.applicationsHref();
    for (int i = 1; i <= 5; i++) {
      alice.postJson(applications, CREATE.formatted("e" + i));
    }
    alice.createApplication("e1");
    alice.delete(alice.link("self"));

    assertThat(alice.postJson(applications, CREATE.formatted("e6")).status()).isEqualTo(201);
  }

  @Test
  void anotherUsersApplicationIsNotFoundAndNothingOfItLeaks() {
    alice.createApplication("alices");
    String self = alice.link("self");
    String appId = self.substring(self.lastIndexOf('/') + 1);
    UcwaClient bob = server.client("bob");
    bob.signIn();

    for (Response r :
        List.of(
            bob.get(self),
            bob.get(alice.link("me/self")),
            bob.get(alice.link("communication/self")),
            bob.get(alice.link("policies")),
            bob.get(alice.link("events")),
            bob.delete(self))) {
      assertJsonError(r, 404, "NotFound", "ApplicationNotFound");
      assertThat(r.body()).doesNotContain("alice", "Alice", "scenario-test", appId);
    }

    assertThat(alice.get(self).status()).isEqualTo(200);
    assertThat(server.applicationIds("alice")).containsExactly(appId);
  }

  @Test
  void anUnknownApplicationIdIsNotFound() {
    alice.createApplication("mine");
    String self = alice.link("self");
    String unknown = self.substring(0, self.lastIndexOf('/') + 1) + "999999999999";

    assertJsonError(alice.get(unknown), 404, "NotFound", "ApplicationNotFound");
    assertJsonError(alice.get(unknown + "/me"), 404, "NotFound", "ApplicationNotFound");
    assertXmlError(
        alice.get(unknown, Map.of("Accept", "application/xml")),
        404,
        "NotFound",
        "ApplicationNotFound");
  }

  @Test
  void anApplicationWhoseEventChannelGoesUnpolledExpires() throws InterruptedException {
    try (TestServer expiring =
        TestServer.start(
            b ->
                b.applications(
                    new ApplicationSettings(5, Duration.ofSeconds(1), Duration.ofSeconds(2))))) {
      UcwaClient carol = expiring.client("carol");
      carol.createApplication("forgetful");
      String self = carol.link("self");

      Response r = carol.get(self);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (r.status() == 200 && System.nanoTime() < deadline) {
        Thread.sleep(250);
        r = carol.get(self);
      }

      assertJsonError(r, 404, "NotFound", "InactiveApplicationExpired");
      assertXmlError(
          carol.get(carol.link("me/self"), Map.of("Accept", "application/xml")),
          404,
          "NotFound",
          "InactiveApplicationExpired");
      assertThat(expiring.applicationIds("carol")).isEmpty();
    }
  }

  @Test
  void anApplicationWhoseEventChannelIsPolledStaysAlive() {
    try (TestServer expiring =
        TestServer.start(
            b ->
                b.applications(
                    new ApplicationSettings(5, Duration.ofSeconds(1), Duration.ofSeconds(2))))) {
      UcwaClient carol = expiring.client("carol");
      carol.createApplication("attentive");
      String events = carol.link("events");

      long until = System.nanoTime() + Duration.ofMillis(3_500).toNanos();
      while (System.nanoTime() < until) {
        Response batch = carol.get(UcwaClient.withQuery(events, "timeout=1"));
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        events = batch.json().at("/_links/next/href").asText();
      }

      assertThat(carol.get(carol.link("self")).status()).isEqualTo(200);
    }
  }
}
