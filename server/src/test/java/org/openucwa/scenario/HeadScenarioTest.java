package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * HEAD on every resource that answers GET (RFC 9110, 9.3.2): the status and headers of the GET,
 * Content-Length the length of the GET's body, and no body; on the event channel without waiting,
 * acknowledging or taking the events a P-GET will get.
 */
class HeadScenarioTest {

  private static TestServer server;
  private static UcwaClient alice;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("head");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The GET resources a client reaches by following links, from the root on. */
  private static List<String> getResources() {
    String people = alice.link("people/self");
    JsonNode contacts = alice.get(alice.link("people/myContacts")).json();
    String contact = contacts.at("/_embedded/contact/0/_links/self/href").asText();
    List<String> all = new ArrayList<>();
    all.add(server.url() + "/");
    all.add(alice.userHref());
    all.add(alice.applicationsHref());
    all.add(alice.link("self"));
    all.add(alice.link("me/self"));
    all.add(alice.link("me/photo"));
    all.add(alice.link("policies"));
    all.add(alice.link("communication/self"));
    all.add(alice.link("communication/conversations"));
    all.add(alice.link("onlineMeetings/self"));
    all.add(people);
    all.add(alice.link("people/myContacts"));
    all.add(contact);
    all.add(alice.link("people/search") + "?query=bob");
    all.add(server.url() + "/Autodiscover/XFrame/XFrame.html");
    return all;
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/xml"})
  void head_answers_the_headers_of_get_with_no_body(String accept) {
    for (String href : getResources()) {
      UcwaClient.Response get = alice.get(href, Map.of("Accept", accept));
      UcwaClient.Response head = alice.send("HEAD", href, Map.of("Accept", accept), null);

      assertThat(get.status()).as("GET " + href).isEqualTo(200);
      assertThat(head.status()).as("HEAD " + href).isEqualTo(200);
      assertThat(head.body()).as("HEAD " + href).isEmpty();
      assertThat(head.header("Content-Length"))
          .as("HEAD " + href)
          .isNotNull()
          .isEqualTo(get.header("Content-Length"));
      if (!get.header("Content-Type").startsWith("image/")) {
        assertThat(get.header("Content-Length"))
            .isEqualTo(Integer.toString(get.body().getBytes(StandardCharsets.UTF_8).length));
      }
      for (String name : List.of("Content-Type", "ETag", "Cache-Control")) {
        assertThat(head.header(name)).as(name + " of HEAD " + href).isEqualTo(get.header(name));
      }
    }
  }

  @Test
  void head_answers_errors_as_get_does() {
    String missing = alice.link("self") + "/noSuchResource";
    UcwaClient.Response get = alice.get(missing);
    UcwaClient.Response head =
        alice.send("HEAD", missing, Map.of("Accept", "application/json"), null);

    assertThat(head.status()).isEqualTo(404).isEqualTo(get.status());
    assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
    assertThat(head.body()).isEmpty();

    UcwaClient anonymous = server.client("bob");
    UcwaClient.Response challenge = anonymous.send("HEAD", alice.userHref(), Map.of(), null);
    assertThat(challenge.status()).isEqualTo(401);
    assertThat(challenge.header("WWW-Authenticate")).startsWith("MsRtcOAuth href=");
  }

  @Test
  void a_photo_answers_head_with_the_application_cookie_alone() {
    UcwaClient browser = server.client("carol");
    UcwaClient.Response created =
        browser.postJson(
            browser.applicationsHref(),
            "{\"UserAgent\":\"img\",\"EndpointId\":\"head-cookie\",\"Culture\":\"en-US\"}");
    String setCookie = created.header("Set-Cookie");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String photo = created.json().at("/_embedded/me/_links/photo/href").asText();
    UcwaClient.Response get = browser.get(photo);
    browser.useToken(null);

    UcwaClient.Response head = browser.send("HEAD", photo, Map.of("Cookie", cookie), null);

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Type")).startsWith("image/");
    assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
    assertThat(head.body()).isEmpty();
  }

  @Test
  void a_method_not_allowed_names_head_wherever_get_is_allowed() {
    UcwaClient.Response r = alice.method("PUT", alice.link("me/self"));

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void head_on_the_event_channel_neither_waits_nor_takes_the_events() {
    UcwaClient bob = server.client("bob");
    bob.createApplication("head-events");
    bob.makeAvailable();
    String events = UcwaClient.withQuery(bob.link("events"), "timeout=1");

    UcwaClient.Response head = bob.send("HEAD", events, Map.of("Accept", "application/json"), null);
    UcwaClient.Response get = bob.get(events);

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(get.json().path("sender").findValuesAsText("rel")).contains("me", "communication");
    assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
  }
}
