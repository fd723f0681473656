package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.people.SubscriptionSettings;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Presence subscriptions as SubscribeToThePresenceOfSelectedContacts.md,
 * ExtendAPresenceSubscription.md and DeleteAPresenceSubscription.md walk through them: alice
 * follows bob and carol, who change their availability, note and location; alice hears each change
 * from sender people. A second server with a "minute" of 200 ms shows expiry.
 */
class PresenceSubscriptionScenarioTest {

  private static TestServer server;
  private static TestServer quick;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(b -> b.subscriptions(new SubscriptionSettings(2, Duration.ofMinutes(1))));
    quick =
        TestServer.start(
            b -> b.subscriptions(new SubscriptionSettings(10, Duration.ofMillis(200))));
  }

  @AfterAll
  static void stop() {
    server.close();
    quick.close();
  }

  private static UcwaClient available(TestServer s, String user, String endpoint) {
    UcwaClient c = s.availableUnread(user, endpoint);
    c.events().await("communication", "updated");
    return c;
  }

  private static String subscribe(UcwaClient c, int duration, String... uris) {
    UcwaClient.Response r =
        c.postJson(
            c.link("people/presenceSubscriptions"),
            "{\"duration\":" + duration + ",\"Uris\":" + json(uris) + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo(r.json().at("/_links/self/href").asText());
    assertThat(r.json().get("rel").asText()).isEqualTo("presenceSubscription");
    return r.json().at("/_links/self/href").asText();
  }

  private static String json(String... uris) {
    List<String> quoted = new ArrayList<>();
    for (String u : uris) {
      quoted.add("\"" + u + "\"");
    }
    return "[" + String.join(",", quoted) + "]";
  }

  private static EventStream.Event awaitFromPeople(EventStream events, String rel, String type) {
    EventStream.Event e = events.await(rel, type);
    assertThat(e.sender()).as("sender of %s", e).isEqualTo("people");
    return e;
  }

  private static String postNote(UcwaClient c, String text) {
    String note = c.get(c.link("me/self")).json().at("/_links/note/href").asText();
    assertThat(c.postJson(note, "{\"message\":\"" + text + "\"}").status()).isEqualTo(204);
    return note;
  }

  @Test
  void a_subscriber_hears_a_contacts_availability_note_and_location_change() {
    UcwaClient alice = available(server, "alice", "sub-alice");
    UcwaClient bob = available(server, "bob", "sub-bob");
    EventStream events = alice.events();
    String sub = subscribe(alice, 11, "sip:bob@contoso.com");

    EventStream.Event added = awaitFromPeople(events, "contact", "added");
    assertThat(added.href()).endsWith("/people/bob@contoso.com");
    assertThat(added.body().at("/in/rel").asText()).isEqualTo("subscribedContacts");
    assertThat(awaitFromPeople(events, "presenceSubscription", "added").href()).isEqualTo(sub);
    awaitFromPeople(events, "contactPresence", "updated");

    String presence = bob.get(bob.link("me/self")).json().at("/_links/presence/href").asText();
    assertThat(bob.postJson(presence, "{\"availability\":\"Busy\"}").status()).isEqualTo(204);
    EventStream.Event p = awaitFromPeople(events, "contactPresence", "updated");
    assertThat(p.href()).endsWith("/people/bob@contoso.com/presence");
    assertThat(p.body().at("/in/href").asText()).endsWith("/people/bob@contoso.com");
    assertThat(alice.get(p.href()).json().get("availability").asText()).isEqualTo("Busy");

    postNote(bob, "In the lab");
    EventStream.Event n = awaitFromPeople(events, "contactNote", "updated");
    assertThat(alice.get(n.href()).json().get("message").asText()).isEqualTo("In the lab");

    String location = bob.get(bob.link("me/self")).json().at("/_links/location/href").asText();
    assertThat(bob.postJson(location, "{\"location\":\"Lab 2\"}").status()).isEqualTo(204);
    EventStream.Event l = awaitFromPeople(events, "contactLocation", "updated");
    assertThat(alice.get(l.href()).json().get("location").asText()).isEqualTo("Lab 2");

    JsonNode got = alice.get(sub).json();
    assertThat(got.get("rel").asText()).isEqualTo("presenceSubscription");
    assertThat(alice.delete(sub).status()).isEqualTo(204);
    awaitFromPeople(events, "presenceSubscription", "deleted");
    awaitFromPeople(events, "contact", "deleted");

    postNote(bob, "Nobody follows this");
    postNote(alice, "marker");
    List<EventStream.Event> after = new ArrayList<>();
    after.add(events.await("note", "updated"));
    assertThat(events.all().stream().filter(e -> e.rel().equals("contactNote")).count())
        .as("no contactNote after the subscription ended")
        .isEqualTo(1);
    assertJsonError(alice.get(sub), 404, "NotFound", "ResourceNotFound");
  }

  @Test
  void members_are_added_listed_and_removed_and_subscribed_contacts_follow() {
    UcwaClient carol = available(server, "carol", "sub-carol");
    UcwaClient dave = available(server, "dave", "sub-dave");
    EventStream events = carol.events();
    String sub = subscribe(carol, 10, "sip:dave@contoso.com");
    JsonNode subscription = carol.get(sub).json();
    String memberships = subscription.at("/_links/memberships/href").asText();
    String add = subscription.at("/_links/addToPresenceSubscription/href").asText();

    assertThat(carol.postJson(add, "{\"contactUris\":[\"sip:bob@contoso.com\"]}").status())
        .isEqualTo(204);
    EventStream.Event added =
        events.await(
            e ->
                e.rel().equals("contact")
                    && e.type().equals("added")
                    && e.href().endsWith("/bob@contoso.com"),
            Duration.ofSeconds(15));
    assertThat(added.sender()).isEqualTo("people");

    JsonNode list = carol.get(memberships).json();
    assertThat(list.get("rel").asText()).isEqualTo("presenceSubscriptionMemberships");
    JsonNode members = list.at("/_embedded/presenceSubscriptionMembership");
    assertThat(members).hasSize(2);
    assertThat(members.get(0).at("/_links/contact/href").asText())
        .endsWith("/people/dave@contoso.com");
    assertThat(members.get(0).at("/_links/presenceSubscription/href").asText()).isEqualTo(sub);
    String daveMembership = members.get(0).at("/_links/self/href").asText();
    assertThat(carol.get(daveMembership).json().get("rel").asText())
        .isEqualTo("presenceSubscriptionMembership");

    JsonNode subscribed = carol.get(carol.link("people/subscribedContacts")).json();
    assertThat(subscribed.at("/_links/contact")).hasSize(2);

    assertThat(carol.delete(daveMembership).status()).isEqualTo(204);
    EventStream.Event gone =
        events.await(
            e -> e.rel().equals("contact") && e.type().equals("deleted"), Duration.ofSeconds(15));
    assertThat(gone.href()).endsWith("/people/dave@contoso.com");
    assertThat(carol.get(memberships).json().at("/_embedded/presenceSubscriptionMembership"))
        .hasSize(1);
    subscribed = carol.get(carol.link("people/subscribedContacts")).json();
    assertThat(subscribed.at("/_links/contact")).hasSize(1);
    assertThat(subscribed.at("/_links/contact/0/href").asText())
        .endsWith("/people/bob@contoso.com");

    JsonNode extended = carol.postJson(UcwaClient.withQuery(sub, "duration=11"), "").json();
    assertThat(extended.get("id").asText()).isEqualTo(subscription.get("id").asText());
    assertThat(dave).isNotNull();
  }

  @Test
  void bad_input_is_refused_and_creates_nothing() {
    UcwaClient bob = server.client("bob");
    bob.createApplication("sub-bob-bad");
    String subs = bob.link("people/presenceSubscriptions");
    ErrorBody e =
        assertJsonError(
            bob.postJson(subs, "{\"duration\":9,\"uris\":[\"sip:alice@contoso.com\"]}"),
            400,
            "BadRequest",
            "ParameterValidationFailure");
    assertThat(e.parameters()).containsKey("duration");
    assertJsonError(
        bob.postJson(subs, "{\"duration\":10}"), 400, "BadRequest", "ParameterValidationFailure");
    assertJsonError(
        bob.postJson(subs, "{\"duration\":10,\"uris\":[\"sip:nobody@contoso.com\"]}"),
        404,
        "NotFound",
        "ResourceNotFound");
    assertJsonError(
        bob.postJson(
            subs,
            "{\"duration\":10,\"uris\":[\"sip:alice@contoso.com\",\"sip:carol@contoso.com\","
                + "\"sip:dave@contoso.com\"]}"),
        403,
        "Forbidden",
        "LimitExceeded");
    JsonNode none = bob.get(bob.link("people/subscribedContacts")).json();
    assertThat(none.at("/_links/contact").isMissingNode() || none.at("/_links/contact").isEmpty())
        .isTrue();
  }

  @Test
  void adding_members_beyond_the_limit_is_refused_as_the_memberships_page_says_and_adds_none() {
    UcwaClient carol = server.client("carol");
    carol.createApplication("sub-carol-limit");
    String sub = subscribe(carol, 10, "sip:alice@contoso.com");
    String memberships =
        carol.get(sub).json().at("/_links/addToPresenceSubscription/href").asText();
    // presenceSubscriptionMemberships_ref.md: "Forbidden 403 LimitExceeded: The subscription
    // limit was exceeded" (the limit here is 2 contacts)
    assertJsonError(
        carol.postJson(
            memberships, "{\"contactUris\":[\"sip:bob@contoso.com\",\"sip:dave@contoso.com\"]}"),
        403,
        "Forbidden",
        "LimitExceeded");
    assertThat(carol.get(memberships).json().at("/_embedded/presenceSubscriptionMembership").size())
        .isEqualTo(1);
    assertThat(carol.postJson(memberships, "{\"contactUris\":[\"sip:bob@contoso.com\"]}").status())
        .isEqualTo(204);
    assertThat(carol.get(memberships).json().at("/_embedded/presenceSubscriptionMembership").size())
        .isEqualTo(2);
  }

  @Test
  void a_subscription_warns_before_it_expires_and_is_deleted_when_it_does() {
    UcwaClient alice = available(quick, "alice", "quick-alice");
    EventStream events = alice.events();
    String sub = subscribe(alice, 10, "sip:bob@contoso.com");
    EventStream.Event warned = awaitFromPeople(events, "presenceSubscription", "updated");
    assertThat(warned.href()).isEqualTo(sub);
    assertThat(warned.embedded().get("id").asText()).isNotBlank();
    awaitFromPeople(events, "presenceSubscription", "deleted");
    awaitFromPeople(events, "contact", "deleted");
    assertJsonError(alice.get(sub), 404, "NotFound", "ResourceNotFound");
  }
}
