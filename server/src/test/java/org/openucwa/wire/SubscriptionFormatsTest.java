package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openucwa.people.SubscriptionSettings;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Presence subscriptions and the events they bring, served over HTTP after a real exchange and
 * compared in JSON and XML with the expected files taken from
 * SubscribeToThePresenceOfSelectedContacts.md, DeleteAPresenceSubscription.md,
 * ExtendAPresenceSubscription.md and the reference pages of each resource. alice subscribes to bob,
 * bob changes his presence, note and location, alice reads her subscription's resources and deletes
 * it. On a second server whose "minute" is 200 ms, a subscription runs out: alice hears it about to
 * expire, then deleted.
 */
class SubscriptionFormatsTest {

  private static TestServer server;
  private static TestServer quick;
  private static final Recordings recorded = new Recordings();

  @BeforeAll
  static void exchange() {
    server = TestServer.start();
    UcwaClient alice = server.availableUnread("alice", "wire-sub-alice");
    UcwaClient bob = server.availableUnread("bob", "wire-sub-bob");
    EventPhases events = new EventPhases(alice);
    events.readUntil("communication", "updated");

    UcwaClient.Response created =
        alice.postJson(
            alice.link("people/presenceSubscriptions"),
            "{\"duration\":11,\"Uris\":[\"sip:bob@contoso.com\"]}");
    assertThat(created.status()).isEqualTo(201);
    String sub = created.json().at("/_links/self/href").asText();
    recorded.phase(
        "events-subscription-added", events.readUntil("contactPresence", "updated"), alice);

    JsonNode me = bob.get(bob.link("me/self")).json();
    assertThat(
            bob.postJson(me.at("/_links/presence/href").asText(), "{\"availability\":\"Away\"}")
                .status())
        .isEqualTo(204);
    recorded.phase(
        "events-contactPresence-updated", events.readUntil("contactPresence", "updated"), alice);
    assertThat(
            bob.postJson(me.at("/_links/note/href").asText(), "{\"message\":\"Heads down today\"}")
                .status())
        .isEqualTo(204);
    recorded.phase("events-contactNote-updated", events.readUntil("contactNote", "updated"), alice);
    assertThat(
            bob.postJson(
                    me.at("/_links/location/href").asText(), "{\"location\":\"By the beach...\"}")
                .status())
        .isEqualTo(204);
    recorded.phase(
        "events-contactLocation-updated", events.readUntil("contactLocation", "updated"), alice);

    JsonNode subscription = recorded.read(alice, sub, "presenceSubscription");
    recorded.read(alice, alice.link("people/presenceSubscriptions"), "presenceSubscriptions");
    JsonNode memberships =
        recorded.read(
            alice,
            subscription.at("/_links/memberships/href").asText(),
            "presenceSubscriptionMemberships");
    recorded.read(
        alice,
        memberships.at("/_embedded/presenceSubscriptionMembership/0/_links/self/href").asText(),
        "presenceSubscriptionMembership");
    recorded.read(alice, alice.link("people/subscribedContacts"), "subscribedContacts");
    assertThat(alice.delete(sub).status()).isEqualTo(204);
    recorded.phase("events-subscription-deleted", events.readUntil("contact", "deleted"), alice);

    quick =
        TestServer.start(
            b -> b.subscriptions(new SubscriptionSettings(10, Duration.ofMillis(200))));
    UcwaClient carol = quick.availableUnread("carol", "wire-sub-carol");
    EventPhases carolEvents = new EventPhases(carol);
    carolEvents.readUntil("communication", "updated");
    assertThat(
            carol
                .postJson(
                    carol.link("people/presenceSubscriptions"),
                    "{\"duration\":10,\"Uris\":[\"sip:dave@contoso.com\"]}")
                .status())
        .isEqualTo(201);
    carolEvents.readUntil("contactPresence", "updated");
    recorded.phase(
        "events-subscription-expiring", carolEvents.readUntil("contact", "deleted"), carol);
  }

  @AfterAll
  static void stop() {
    server.close();
    if (quick != null) {
      quick.close();
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_new_subscription_is_heard_as_subscribe_to_selected_contacts_shows_it(WireFormat wire) {
    recorded.assertPhase("events-subscription-added", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contacts_presence_change_is_heard_as_contact_presence_ref_shows_it(WireFormat wire) {
    recorded.assertPhase("events-contactPresence-updated", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contacts_note_change_is_heard_as_contact_note_ref_shows_it(WireFormat wire) {
    recorded.assertPhase("events-contactNote-updated", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contacts_location_change_is_heard_as_contact_location_ref_shows_it(WireFormat wire) {
    recorded.assertPhase("events-contactLocation-updated", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_deleted_subscription_is_heard_as_delete_a_presence_subscription_shows_it(WireFormat wire) {
    recorded.assertPhase("events-subscription-deleted", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_subscription_about_to_expire_is_heard_as_extend_a_presence_subscription_shows_it(
      WireFormat wire) {
    recorded.assertPhase("events-subscription-expiring", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_subscription_is_served_as_subscribe_to_selected_contacts_shows_it(WireFormat wire) {
    recorded.assertServed("presenceSubscription", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_subscriptions_are_served_as_presence_subscriptions_ref_shows_them(WireFormat wire) {
    recorded.assertServed("presenceSubscriptions", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void its_memberships_are_served_as_their_reference_page_shows_them(WireFormat wire) {
    recorded.assertServed("presenceSubscriptionMemberships", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void one_membership_is_served_as_its_reference_page_shows_it(WireFormat wire) {
    recorded.assertServed("presenceSubscriptionMembership", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void subscribed_contacts_are_served_as_their_reference_page_shows_them(WireFormat wire) {
    recorded.assertServed("subscribedContacts", wire);
  }
}
