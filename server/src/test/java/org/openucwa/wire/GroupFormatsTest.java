package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openucwa.directory.Directory;
import org.openucwa.directory.DistributionGroup;
import org.openucwa.people.SubscriptionSettings;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Contact groups, their memberships, the contacts-and-groups subscription and its events, served
 * over HTTP after a real exchange and compared in JSON and XML with the expected files taken from
 * the reference pages of each resource (each file's note names its page). alice starts her
 * subscription, creates the group "Team", adds bob to it, takes dave out of her list and adds the
 * distribution group Sales; then reads every resource. On a second server whose "minute" is 200 ms,
 * carol's subscription warns that it is about to expire.
 */
class GroupFormatsTest {

  private static TestServer server;
  private static TestServer quick;
  private static final Recordings recorded = new Recordings();

  @BeforeAll
  static void exchange() {
    Directory base = TestServer.directory();
    Directory directory =
        new Directory(
            "contoso.com",
            base.users(),
            List.of(
                new DistributionGroup(
                    "sip:sales@contoso.com",
                    "Sales",
                    Optional.of("sales@contoso.com"),
                    List.of("sip:bob@contoso.com", "sip:carol@contoso.com"))));
    server = TestServer.start(b -> b.directory(directory));
    UcwaClient alice = server.client("alice");
    alice.createApplication("wire-groups-alice");
    EventPhases events = new EventPhases(alice);
    JsonNode people = alice.get(alice.link("people/self")).json();
    String subscription = people.at("/_links/myContactsAndGroupsSubscription/href").asText();
    String start =
        alice
            .get(subscription)
            .json()
            .at("/_links/startOrRefreshSubscriptionToContactsAndGroups/href")
            .asText();
    assertThat(alice.postJson(start, "{\"duration\":30}").status()).isEqualTo(200);

    String myGroups = people.at("/_links/myGroups/href").asText();
    UcwaClient.Response created = alice.postJson(myGroups, "{\"displayName\":\"Team\"}");
    assertThat(created.status()).isEqualTo(204);
    recorded.phase("events-group-added", events.readUntil("group", "added"), alice);

    String memberships = people.at("/_links/myGroupMemberships/href").asText();
    UcwaClient.Response added =
        alice.postJson(memberships, "{\"contactUri\":\"sip:bob@contoso.com\",\"groupId\":\"1\"}");
    assertThat(added.status()).isEqualTo(201);
    recorded.phase("events-groupContact-added", events.readUntil("contact", "added"), alice);

    String removeAll =
        alice.get(memberships).json().at("/_links/removeContactFromAllGroups/href").asText();
    assertThat(alice.postJson(removeAll, "{\"contactUri\":\"sip:dave@contoso.com\"}").status())
        .isEqualTo(204);
    // two events, high each: the phase ends with the second (the contact list's)
    recorded.phase(
        "events-contact-deleted",
        events.readSettledUntil(
            "contact deleted in myContacts",
            e ->
                e.at("/link/rel").asText().equals("contact")
                    && e.at("/in/rel").asText().equals("myContacts")),
        alice);

    String addToContactList =
        alice.get(myGroups).json().at("/_links/addToContactList/href").asText();
    assertThat(
            alice
                .postJson(
                    addToContactList,
                    "{\"displayName\":\"Sales\",\"smtpAddress\":\"sales@contoso.com\"}")
                .status())
        .isEqualTo(204);
    events.readUntil("distributionGroup", "added");

    JsonNode groups = recorded.read(alice, myGroups, "myGroups");
    JsonNode team = groups.at("/_embedded/group/0");
    recorded.read(alice, team.at("/_links/self/href").asText(), "group");
    recorded.read(alice, groups.at("/_links/defaultGroup/href").asText(), "defaultGroup");
    recorded.read(alice, groups.at("/_links/pinnedGroup/href").asText(), "pinnedGroup");
    JsonNode sales =
        recorded.read(
            alice, groups.at("/_links/distributionGroup/0/href").asText(), "distributionGroup");
    recorded.read(
        alice,
        sales.at("/_links/expandDistributionGroup/href").asText(),
        "expandDistributionGroup");
    recorded.read(alice, team.at("/_links/groupContacts/href").asText(), "groupContacts");
    recorded.read(
        alice, team.at("/_links/self/href").asText() + "/groupMemberships", "groupMemberships");
    JsonNode mine = recorded.read(alice, memberships + "?groupId=1", "myGroupMemberships");
    recorded.read(
        alice,
        mine.at("/_embedded/myGroupMembership/0/_links/self/href").asText(),
        "myGroupMembership");
    recorded.read(alice, subscription, "myContactsAndGroupsSubscription");

    quick =
        TestServer.start(
            b -> b.subscriptions(new SubscriptionSettings(10, Duration.ofMillis(200))));
    UcwaClient carol = quick.client("carol");
    carol.createApplication("wire-groups-carol");
    EventPhases carolEvents = new EventPhases(carol);
    String carolSubscription =
        carol
            .get(carol.link("people/self"))
            .json()
            .at("/_links/myContactsAndGroupsSubscription/href")
            .asText();
    assertThat(
            carol
                .postJson(
                    carolSubscription + "/startOrRefreshSubscriptionToContactsAndGroups",
                    "{\"duration\":10}")
                .status())
        .isEqualTo(200);
    recorded.phase(
        "events-contactsAndGroups-expiring",
        carolEvents.readUntil("myContactsAndGroupsSubscription", "updated"),
        carol);
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
  void a_new_group_is_heard_as_my_groups_ref_shows_it(WireFormat wire) {
    recorded.assertPhase("events-group-added", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contact_added_to_a_group_is_heard_as_group_ref_shows_it(WireFormat wire) {
    recorded.assertPhase("events-groupContact-added", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contact_taken_out_of_the_list_is_heard_as_group_contacts_ref_shows_it(WireFormat wire) {
    recorded.assertPhase("events-contact-deleted", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_subscription_about_to_expire_is_heard_as_its_reference_page_shows_it(WireFormat wire) {
    recorded.assertPhase("events-contactsAndGroups-expiring", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void my_groups_are_served_as_my_groups_ref_shows_them(WireFormat wire) {
    recorded.assertServed("myGroups", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_personal_group_is_served_as_group_ref_shows_it(WireFormat wire) {
    recorded.assertServed("group", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_default_group_is_served_as_default_group_ref_shows_it(WireFormat wire) {
    recorded.assertServed("defaultGroup", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_pinned_group_is_served_as_pinned_group_ref_shows_it(WireFormat wire) {
    recorded.assertServed("pinnedGroup", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_distribution_group_is_served_as_distribution_group_ref_shows_it(WireFormat wire) {
    recorded.assertServed("distributionGroup", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void its_expansion_is_served_as_expand_distribution_group_ref_shows_it(WireFormat wire) {
    recorded.assertServed("expandDistributionGroup", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_groups_contacts_are_served_as_group_contacts_ref_shows_them(WireFormat wire) {
    recorded.assertServed("groupContacts", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_groups_memberships_are_served_as_group_memberships_ref_shows_them(WireFormat wire) {
    recorded.assertServed("groupMemberships", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void my_group_memberships_are_served_as_their_reference_page_shows_them(WireFormat wire) {
    recorded.assertServed("myGroupMemberships", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void one_membership_is_served_as_my_group_membership_ref_shows_it(WireFormat wire) {
    recorded.assertServed("myGroupMembership", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_subscription_is_served_as_its_reference_page_shows_it(WireFormat wire) {
    recorded.assertServed("myContactsAndGroupsSubscription", wire);
  }
}
