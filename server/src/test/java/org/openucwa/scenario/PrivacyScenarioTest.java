package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.directory.Credential;
import org.openucwa.directory.Directory;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Privacy relationships over HTTP (decision 0036): alice blocks bob, and bob sees her Offline with
 * no note, location or phone while carol, a colleague by default, still sees them all; a reset
 * gives bob back the colleague's view.
 */
class PrivacyScenarioTest {

  private static final Map<String, String> XML = Map.of("Accept", "application/xml");

  private static TestServer server;
  private static UcwaClient alice;
  private static UcwaClient bob;
  private static UcwaClient carol;

  @BeforeAll
  static void start() {
    server = TestServer.start(b -> b.directory(office()));
    alice = available("alice");
    bob = available("bob");
    carol = available("carol");
    String me = alice.get(alice.link("me/self")).json().at("/_links/note/href").asText();
    assertThat(alice.postJson(me, "{\"message\":\"Heads down\"}").status()).isEqualTo(204);
    String location = me.replace("/me/note", "/me/location");
    assertThat(alice.postJson(location, "{\"location\":\"Building 4\"}").status()).isEqualTo(204);
    String presence = me.replace("/me/note", "/me/presence");
    assertThat(alice.postJson(presence, "{\"availability\":\"Busy\"}").status()).isEqualTo(204);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Directory office() {
    Credential c =
        new Credential(
            PasswordHasher.hash(TestServer.PASSWORD.toCharArray(), new SecureRandom(), 1000));
    return new Directory(
        "contoso.com",
        List.of(
            User.builder("sip:alice@contoso.com", "Alice Example")
                .credential(c)
                .workPhoneNumber("tel:+14255550100")
                .build(),
            User.builder("sip:bob@contoso.com", "Bob Example").credential(c).build(),
            User.builder("sip:carol@contoso.com", "Carol Example").credential(c).build()));
  }

  private static UcwaClient available(String name) {
    UcwaClient c = server.availableUnread(name, "privacy-" + name);
    c.events().await("communication", "updated");
    return c;
  }

  private static JsonNode contact(UcwaClient viewer, String name) {
    JsonNode list = viewer.get(viewer.link("people/myContacts")).json();
    for (JsonNode c : list.at("/_embedded/contact")) {
      if (c.get("uri").asText().equals("sip:" + name + "@contoso.com")) {
        return c;
      }
    }
    throw new AssertionError("no " + name + " in " + list);
  }

  private static JsonNode follow(UcwaClient viewer, String name, String rel) {
    return viewer.get(contact(viewer, name).at("/_links/" + rel + "/href").asText()).json();
  }

  private static void assertSeesAll(UcwaClient viewer) {
    assertThat(follow(viewer, "alice", "contactPresence").get("availability").asText())
        .isEqualTo("Busy");
    assertThat(follow(viewer, "alice", "contactNote").path("message").asText())
        .isEqualTo("Heads down");
    assertThat(follow(viewer, "alice", "contactLocation").path("location").asText())
        .isEqualTo("Building 4");
    assertThat(contact(viewer, "alice").path("workPhoneNumber").asText())
        .isEqualTo("tel:+14255550100");
  }

  private static void assertSeesNothing(UcwaClient viewer) {
    JsonNode presence = follow(viewer, "alice", "contactPresence");
    assertThat(presence.get("availability").asText()).isEqualTo("Offline");
    assertThat(presence.has("lastActive")).isFalse();
    assertThat(follow(viewer, "alice", "contactNote").has("message")).isFalse();
    assertThat(follow(viewer, "alice", "contactLocation").has("location")).isFalse();
    JsonNode card = contact(viewer, "alice");
    assertThat(card.has("workPhoneNumber")).isFalse();
    assertThat(card.get("name").asText()).isEqualTo("Alice Example");
    assertThat(follow(viewer, "alice", "contactSupportedModalities").path("modalities").size())
        .isZero();
  }

  private static String relationshipOf(UcwaClient owner, String name) {
    return contact(owner, name).at("/_links/contactPrivacyRelationship/href").asText();
  }

  @Test
  void blocking_hides_presence_note_location_and_phones_from_that_contact_only_until_reset() {
    String people = alice.link("people/self");
    assertThat(alice.get(people).json().at("/_links/myPrivacyRelationships/href").asText())
        .endsWith("/people/myPrivacyRelationships");
    String rel = relationshipOf(alice, "bob");
    assertThat(rel).endsWith("/people/bob@contoso.com/contactPrivacyRelationship");
    JsonNode before = alice.get(rel).json();
    assertThat(before.get("rel").asText()).isEqualTo("contactPrivacyRelationship");
    assertThat(before.get("relationshipLevel").asText()).isEqualTo("Colleagues");
    String reset = before.at("/_links/resetContactPrivacyRelationship/href").asText();
    assertThat(reset).isEqualTo(rel + "/resetContactPrivacyRelationship");
    assertSeesAll(bob);

    EventStream events = alice.events();
    UcwaClient.Response put =
        alice.put(rel, "application/json", "{\"RelationshipLevel\":\"Blocked\"}", Map.of());
    assertThat(put.status()).as(put.body()).isEqualTo(204);
    EventStream.Event updated = events.await("contactPrivacyRelationship", "updated");
    assertThat(updated.sender()).isEqualTo("people");
    assertThat(updated.href()).isEqualTo(rel);
    assertThat(updated.body().at("/in/rel").asText()).isEqualTo("contact");
    assertThat(updated.body().at("/in/href").asText()).endsWith("/people/bob@contoso.com");
    assertThat(alice.get(rel).json().get("relationshipLevel").asText()).isEqualTo("Blocked");

    assertSeesNothing(bob);
    assertSeesAll(carol);

    JsonNode mine = alice.get(alice.link("people/myPrivacyRelationships")).json();
    JsonNode blocked = mine.at("/_embedded/myPrivacyRelationship/0");
    assertThat(blocked.path("relationshipLevel").asText()).as(mine.toString()).isEqualTo("Blocked");
    assertThat(blocked.at("/_links/contact/0/href").asText()).endsWith("/people/bob@contoso.com");
    assertThat(mine.at("/_embedded/myPrivacyRelationship").size()).isEqualTo(1);
    String level = blocked.at("/_links/self/href").asText();
    assertThat(alice.get(level).json().get("relationshipLevel").asText()).isEqualTo("Blocked");
    String levelXml = alice.get(level, XML).body();
    assertThat(levelXml)
        .contains("rel=\"myPrivacyRelationship\"")
        .contains("<property name=\"relationshipLevel\">Blocked</property>")
        .contains("rel=\"contact\"");

    assertThat(alice.post(reset, null, "", Map.of()).status()).isEqualTo(204);
    events.await("contactPrivacyRelationship", "updated");
    assertThat(alice.get(rel).json().get("relationshipLevel").asText()).isEqualTo("Colleagues");
    assertSeesAll(bob);
    JsonNode none = alice.get(alice.link("people/myPrivacyRelationships")).json();
    assertThat(none.path("_embedded").path("myPrivacyRelationship").size()).isZero();
  }

  @Test
  void the_relationship_is_read_and_set_in_xml_and_bad_input_changes_nothing() {
    String rel = relationshipOf(carol, "bob");
    String xml = carol.get(rel, XML).body();
    assertThat(xml)
        .contains("rel=\"contactPrivacyRelationship\"")
        .contains("<link rel=\"resetContactPrivacyRelationship\"")
        .contains("<property name=\"relationshipLevel\">Colleagues</property>");
    UcwaClient.Response put =
        carol.put(
            rel,
            "application/xml",
            "<input xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">"
                + "<property name=\"relationshipLevel\">FriendsAndFamily</property></input>",
            Map.of());
    assertThat(put.status()).as(put.body()).isEqualTo(204);
    assertThat(carol.get(rel, XML).body())
        .contains("<property name=\"relationshipLevel\">FriendsAndFamily</property>");

    UcwaClient.Response bad =
        carol.put(rel, "application/json", "{\"relationshipLevel\":\"Enemies\"}", Map.of());
    assertJsonError(bad, 400, "BadRequest", "ParameterValidationFailure");
    assertThat(carol.get(rel).json().get("relationshipLevel").asText())
        .isEqualTo("FriendsAndFamily");

    String self = rel.replace("/people/bob@", "/people/carol@");
    UcwaClient.Response own =
        carol.put(self, "application/json", "{\"relationshipLevel\":\"Blocked\"}", Map.of());
    assertThat(own.status()).isEqualTo(403);
    assertThat(carol.post(rel + "/resetContactPrivacyRelationship", null, "", Map.of()).status())
        .isEqualTo(204);
  }

  @Test
  void a_subscriber_is_told_to_fetch_again_when_the_owner_changes_its_level() {
    UcwaClient dave = server.client("bob");
    dave.createApplication("privacy-bob-2");
    dave.makeAvailable();
    EventStream events = dave.events();
    UcwaClient.Response sub =
        dave.postJson(
            dave.link("people/presenceSubscriptions"),
            "{\"duration\":11,\"uris\":[\"sip:alice@contoso.com\"]}");
    assertThat(sub.status()).isEqualTo(201);
    events.await("contactPresence", "updated");
    String rel = relationshipOf(alice, "bob");
    assertThat(
            alice
                .put(rel, "application/json", "{\"relationshipLevel\":\"External\"}", Map.of())
                .status())
        .isEqualTo(204);
    EventStream.Event pushed = events.await("contactPresence", "updated");
    assertThat(pushed.href()).endsWith("/people/alice@contoso.com/presence");
    JsonNode seen = dave.get(pushed.href()).json();
    assertThat(seen.get("availability").asText()).isEqualTo("Busy");
    assertThat(seen.has("lastActive")).isFalse();
    events.await("contactNote", "updated");
    assertThat(follow(dave, "alice", "contactNote").has("message")).isFalse();
    assertThat(alice.post(rel + "/resetContactPrivacyRelationship", null, "", Map.of()).status())
        .isEqualTo(204);
  }
}
