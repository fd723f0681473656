package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.application.ApplicationSettings;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/** The event channel as a client sees it over HTTP: hold, release, timeout, replace, resync. */
class EventChannelScenarioTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            b ->
                b.applications(
                    new ApplicationSettings(5, Duration.ofSeconds(2), Duration.ofMinutes(5))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static UcwaClient appFor(String user, String endpoint) {
    UcwaClient c = server.client(user);
    c.createApplication(endpoint);
    return c;
  }

  private static CompletableFuture<UcwaClient.Response> pget(
      UcwaClient c, String href, String accept) {
    return CompletableFuture.supplyAsync(() -> c.get(href, Map.of("Accept", accept)));
  }

  private static String with(String href, String params) {
    return href + (href.contains("?") ? "&" : "?") + params;
  }

  @Test
  void a_pending_get_is_held_until_make_me_available_reports_me_and_communication()
      throws Exception {
    UcwaClient alice = appFor("alice", "events-held");
    String events = alice.link("events");
    CompletableFuture<UcwaClient.Response> pending =
        pget(alice, with(events, "medium=1"), "application/json");
    Thread.sleep(300);
    assertThat(pending).as("nothing to report yet").isNotDone();

    assertThat(
            alice
                .postJson(
                    alice.link("me/makeMeAvailable"), "{\"SupportedModalities\":[\"Messaging\"]}")
                .status())
        .isEqualTo(204);

    JsonNode body = pending.get(10, TimeUnit.SECONDS).json();
    assertThat(body.at("/_links/self/href").asText()).isEqualTo(events);
    assertThat(body.at("/_links/next/href").asText()).endsWith("ack=2");
    assertThat(body.at("/sender/0/rel").asText()).isEqualTo("me");
    assertThat(body.at("/sender/0/events/0/type").asText()).isEqualTo("updated");
    assertThat(body.at("/sender/1/rel").asText()).isEqualTo("communication");
    JsonNode comm = body.at("/sender/1/events/0/_embedded/communication");
    assertThat(comm.at("/supportedModalities/0").asText()).isEqualTo("Messaging");
  }

  @Test
  void a_pending_get_with_no_events_is_answered_at_its_timeout_with_only_a_next_link()
      throws Exception {
    UcwaClient bob = appFor("bob", "events-timeout");
    long start = System.nanoTime();

    UcwaClient.Response r =
        bob.get(with(bob.link("events"), "timeout=1"), Map.of("Accept", "application/xml"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/xml");
    assertThat(r.body()).contains("<events").contains("rel=\"next\"").doesNotContain("<sender");
  }

  @Test
  void a_second_pending_get_releases_the_first_with_409_pget_replaced() throws Exception {
    UcwaClient carol = appFor("carol", "events-replaced");
    String events = carol.link("events");
    CompletableFuture<UcwaClient.Response> first = pget(carol, events, "application/json");
    Thread.sleep(300);

    CompletableFuture<UcwaClient.Response> second =
        pget(carol, with(events, "timeout=1"), "application/json");

    UcwaClient.Response replaced = first.get(10, TimeUnit.SECONDS);
    assertThat(replaced.status()).isEqualTo(409);
    assertThat(replaced.json().get("code").asText()).isEqualTo("Conflict");
    assertThat(replaced.json().get("subcode").asText()).isEqualTo("PGetReplaced");
    assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
  }

  @Test
  void repeating_a_request_gets_the_same_batch_and_a_stale_ack_gets_only_resync() {
    UcwaClient dave = appFor("dave", "events-repeat");
    dave.postJson(dave.link("me/makeMeAvailable"), "{}");
    String first = with(dave.link("events"), "medium=1");

    UcwaClient.Response once = dave.get(first);
    UcwaClient.Response again = dave.get(first);
    String next = once.json().at("/_links/next/href").asText();
    dave.get(with(next, "timeout=1"));
    UcwaClient.Response stale = dave.get(first);

    assertThat(again.body()).isEqualTo(once.body());
    JsonNode resync = stale.json();
    assertThat(resync.at("/_links/resync/href").asText())
        .as("batch 2 is not acknowledged yet")
        .endsWith("ack=2");
    assertThat(resync.has("sender")).isFalse();
    assertThat(resync.at("/_links/self").isMissingNode()).isTrue();
  }

  @Test
  void a_batch_asked_for_again_after_its_resources_changed_is_rendered_exactly_as_before() {
    UcwaClient alice = appFor("alice", "events-render-a");
    UcwaClient bob = appFor("bob", "events-render-b");
    alice.makeAvailable();
    bob.makeAvailable();
    String next =
        bob.get(with(bob.link("events"), "medium=1")).json().at("/_links/next/href").asText();
    alice.postJson(
        alice.link("communication/startMessaging"),
        "{\"to\":\"sip:bob@contoso.com\",\"operationId\":\"render-once\"}");

    String batch = with(next, "timeout=10");
    UcwaClient.Response json = bob.get(batch);
    UcwaClient.Response xml = bob.get(batch, Map.of("Accept", "application/xml"));
    String accept = json.json().findValues("accept").getFirst().at("/href").asText();
    assertThat(accept).as(json.body()).isNotEmpty();
    assertThat(bob.post(accept, null, "", Map.of()).status()).isEqualTo(204);
    UcwaClient.Response jsonAgain = bob.get(batch);
    UcwaClient.Response xmlAgain = bob.get(batch, Map.of("Accept", "application/xml"));

    assertThat(json.body()).contains("\"Connecting\"");
    assertThat(jsonAgain.body()).isEqualTo(json.body());
    assertThat(xmlAgain.body()).isEqualTo(xml.body());
  }

  @Test
  void after_a_long_absence_the_next_response_carries_a_resume_link() throws Exception {
    UcwaClient alice = appFor("alice", "events-resume");
    UcwaClient.Response first = alice.get(with(alice.link("events"), "timeout=1"));
    Thread.sleep(2600);

    UcwaClient.Response back =
        alice.get(with(first.json().at("/_links/next/href").asText(), "timeout=1"));

    assertThat(back.json().at("/_links/resume/href").asText()).endsWith("ack=3");
    assertThat(back.json().at("/_links/next").isMissingNode()).isTrue();
  }

  @Test
  void deleting_the_application_releases_its_pending_get_with_404() throws Exception {
    UcwaClient bob = appFor("bob", "events-deleted");
    CompletableFuture<UcwaClient.Response> pending =
        pget(bob, bob.link("events"), "application/json");
    Thread.sleep(300);

    assertThat(bob.delete(bob.link("self")).status()).isEqualTo(204);

    UcwaClient.Response r = pending.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("subcode").asText()).isEqualTo("ApplicationNotFound");
  }
}
