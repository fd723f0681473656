package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openucwa.directory.Credential;
import org.openucwa.directory.Directory;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The privacy relationships and the groups the directory makes, as a client reads them: fetched
 * over HTTP after a real exchange and compared in JSON and XML with the expected files taken from
 * their reference pages. alice's delegate is bob (so bob has alice as delegator) and her manager is
 * carol; alice blocks dave, and hears her change as contactPrivacyRelationship updated.
 */
class PeopleGroupsAndPrivacyFormatsTest {

  private static TestServer server;
  private static final Recordings recorded = new Recordings();

  private static Directory directory() {
    Credential c =
        new Credential(
            PasswordHasher.hash(TestServer.PASSWORD.toCharArray(), new SecureRandom(), 1000));
    return new Directory(
        "contoso.com",
        List.of(
            User.builder("sip:alice@contoso.com", "Alice Test")
                .credential(c)
                .delegates(List.of("sip:bob@contoso.com"))
                .manager("sip:carol@contoso.com")
                .build(),
            User.builder("sip:bob@contoso.com", "Bob Test").credential(c).build(),
            User.builder("sip:carol@contoso.com", "Carol Test").credential(c).build(),
            User.builder("sip:dave@contoso.com", "Dave Test").credential(c).build()));
  }

  @BeforeAll
  static void exchange() {
    server = TestServer.start(b -> b.directory(directory()));
    UcwaClient alice = server.client("alice");
    alice.createApplication("wire-privacy-alice");
    alice.makeAvailable();
    EventPhases events = new EventPhases(alice);
    events.readUntil("communication", "updated");
    JsonNode people = alice.get(alice.link("people/self")).json();
    String contact = people.at("/_links/self/href").asText() + "/dave@contoso.com";
    String rel = contact + "/contactPrivacyRelationship";
    UcwaClient.Response put =
        alice.put(rel, "application/json", "{\"relationshipLevel\":\"Blocked\"}", Map.of());
    assertThat(put.status()).as(put.body()).isEqualTo(204);
    recorded.phase(
        "events-contactPrivacyRelationship-updated",
        events.readUntil("contactPrivacyRelationship", "updated"),
        alice);
    recorded.read(alice, rel, "contactPrivacyRelationship");
    JsonNode mine =
        recorded.read(
            alice,
            people.at("/_links/myPrivacyRelationships/href").asText(),
            "myPrivacyRelationships");
    recorded.read(
        alice,
        mine.at("/_embedded/myPrivacyRelationship/0/_links/self/href").asText(),
        "myPrivacyRelationship");

    JsonNode groups = alice.get(people.at("/_links/myGroups/href").asText()).json();
    recorded.read(alice, groups.at("/_links/delegatesGroup/href").asText(), "delegatesGroup");
    recorded.read(
        alice, groups.at("/_links/myOrganizationGroup/href").asText(), "myOrganizationGroup");
    UcwaClient bob = server.client("bob");
    bob.createApplication("wire-privacy-bob");
    JsonNode bobsGroups =
        bob.get(bob.get(bob.link("people/self")).json().at("/_links/myGroups/href").asText())
            .json();
    recorded.read(bob, bobsGroups.at("/_links/delegatorsGroup/href").asText(), "delegatorsGroup");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contacts_relationship_is_served_as_contact_privacy_relationship_ref_shows_it(
      WireFormat wire) {
    recorded.assertServed("contactPrivacyRelationship", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void changing_it_is_heard_as_contact_privacy_relationship_ref_shows_it(WireFormat wire) {
    recorded.assertPhase("events-contactPrivacyRelationship-updated", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void my_relationships_are_served_as_my_privacy_relationships_ref_shows_them(WireFormat wire) {
    recorded.assertServed("myPrivacyRelationships", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void one_level_is_served_as_my_privacy_relationship_ref_shows_it(WireFormat wire) {
    recorded.assertServed("myPrivacyRelationship", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_delegates_are_served_as_delegates_group_ref_shows_them(WireFormat wire) {
    recorded.assertServed("delegatesGroup", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_delegators_are_served_as_delegators_group_ref_shows_them(WireFormat wire) {
    recorded.assertServed("delegatorsGroup", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_organization_is_served_as_my_organization_group_ref_shows_it(WireFormat wire) {
    recorded.assertServed("myOrganizationGroup", wire);
  }
}
