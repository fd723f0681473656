package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.directory.UsersFile;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Contact groups and the contact list over HTTP (decision 0051), with a users file that seeds them:
 * alice has the group "Team" (bob), carol as a favorite, dave as her delegate, and bob and carol
 * report to her; erin has nothing seeded. Each test works on its own user's list, starting at the
 * people hub and following links.
 */
class GroupsScenarioTest {

  private static final Map<String, String> XML = Map.of("Accept", "application/xml");

  @TempDir static Path folder;
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    Path users = folder.resolve("users.yaml");
    Files.writeString(
        users,
        """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: Alice Smith
            password: %1$s
            contacts: [sip:bob@contoso.com, sip:carol@contoso.com, sip:dave@contoso.com]
            groups:
              Team: [sip:bob@contoso.com]
            favorites: [sip:carol@contoso.com]
            delegates: [sip:dave@contoso.com]
            distributionGroups: [sales@contoso.com]
          - uri: sip:bob@contoso.com
            name: Bob Jones
            password: %1$s
            manager: sip:alice@contoso.com
          - uri: sip:carol@contoso.com
            name: Carol Lee
            password: %1$s
            manager: sip:alice@contoso.com
          - uri: sip:dave@contoso.com
            name: Dave Kim
            password: %1$s
          - uri: sip:erin@contoso.com
            name: Erin Wu
            password: %1$s
            contacts: [sip:alice@contoso.com]
        distributionGroups:
          - uri: sip:sales@contoso.com
            name: Sales
            emailAddress: sales@contoso.com
            members: [sip:bob@contoso.com, sip:carol@contoso.com]
          - uri: sip:support@contoso.com
            name: Support
            members: [sip:dave@contoso.com]
        """
            .formatted(TestServer.PASSWORD));
    server = TestServer.start(b -> b.directory(UsersFile.load(users)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static UcwaClient app(String user, String endpoint) {
    UcwaClient c = server.client(user);
    c.createApplication(endpoint);
    return c;
  }

  private static String people(UcwaClient c, String rel) {
    return c.get(c.link("people/self")).json().at("/_links/" + rel + "/href").asText();
  }

  private static JsonNode myGroups(UcwaClient c) {
    return c.get(people(c, "myGroups")).json();
  }

  private static JsonNode groupNamed(UcwaClient c, String name) {
    JsonNode groups = myGroups(c);
    for (JsonNode kind : groups.path("_embedded")) {
      for (JsonNode g : kind.isArray() ? kind : List.of(kind)) {
        if (g.path("name").asText().equals(name)) {
          return g;
        }
      }
    }
    throw new AssertionError("no group " + name + " in " + groups);
  }

  private static List<String> contactUris(UcwaClient c, String groupContactsHref) {
    List<String> uris = new ArrayList<>();
    c.get(groupContactsHref)
        .json()
        .at("/_embedded/contact")
        .forEach(n -> uris.add(n.get("uri").asText()));
    return uris;
  }

  private static List<String> myContacts(UcwaClient c) {
    List<String> uris = new ArrayList<>();
    c.get(people(c, "myContacts"))
        .json()
        .at("/_embedded/contact")
        .forEach(n -> uris.add(n.get("uri").asText()));
    return uris;
  }

  @Test
  void the_users_file_seeds_every_kind_of_group() {
    UcwaClient alice = app("alice", "groups-seed");
    JsonNode groups = myGroups(alice);
    assertThat(groups.get("rel").asText()).isEqualTo("myGroups");
    JsonNode embedded = groups.get("_embedded");
    assertThat(embedded.at("/defaultGroup/name").asText()).isEqualTo("Other Contacts");
    assertThat(embedded.at("/pinnedGroup/name").asText()).isEqualTo("Favorites");
    assertThat(embedded.get("group").isArray()).isTrue();
    assertThat(embedded.at("/group/0/name").asText()).isEqualTo("Team");
    assertThat(embedded.at("/distributionGroup/0/name").asText()).isEqualTo("Sales");
    assertThat(embedded.at("/distributionGroup/0/uri").asText()).isEqualTo("sip:sales@contoso.com");
    assertThat(embedded.at("/delegatesGroup/name").asText()).isEqualTo("Delegates");
    assertThat(embedded.at("/myOrganizationGroup/name").asText()).isEqualTo("My Organization");
    assertThat(embedded.has("delegatorsGroup")).isFalse();
    assertThat(groups.at("/_links/group").isArray()).isTrue();

    assertThat(contactUris(alice, embedded.at("/defaultGroup/_links/groupContacts/href").asText()))
        .containsExactly("sip:carol@contoso.com", "sip:dave@contoso.com");
    assertThat(contactUris(alice, embedded.at("/pinnedGroup/_links/groupContacts/href").asText()))
        .containsExactly("sip:carol@contoso.com");
    assertThat(contactUris(alice, embedded.at("/group/0/_links/groupContacts/href").asText()))
        .containsExactly("sip:bob@contoso.com");
    assertThat(
            contactUris(alice, embedded.at("/delegatesGroup/_links/groupContacts/href").asText()))
        .containsExactly("sip:dave@contoso.com");
    assertThat(
            contactUris(
                alice, embedded.at("/myOrganizationGroup/_links/groupContacts/href").asText()))
        .containsExactly("sip:bob@contoso.com", "sip:carol@contoso.com");
    assertThat(myContacts(alice))
        .containsExactlyInAnyOrder(
            "sip:bob@contoso.com", "sip:carol@contoso.com", "sip:dave@contoso.com");

    JsonNode sales =
        alice
            .get(embedded.at("/distributionGroup/0/_links/expandDistributionGroup/href").asText())
            .json();
    assertThat(sales.at("/_embedded/contact/0/uri").asText()).isEqualTo("sip:bob@contoso.com");
    assertThat(sales.at("/_embedded/contact/1/uri").asText()).isEqualTo("sip:carol@contoso.com");

    UcwaClient dave = app("dave", "groups-seed-dave");
    JsonNode delegators = myGroups(dave).at("/_embedded/delegatorsGroup");
    assertThat(contactUris(dave, delegators.at("/_links/groupContacts/href").asText()))
        .containsExactly("sip:alice@contoso.com");
    UcwaClient bob = app("bob", "groups-seed-bob");
    JsonNode org = myGroups(bob).at("/_embedded/myOrganizationGroup");
    assertThat(contactUris(bob, org.at("/_links/groupContacts/href").asText()))
        .containsExactly("sip:alice@contoso.com", "sip:carol@contoso.com");

    String xml = alice.get(people(alice, "myGroups"), XML).body();
    assertThat(xml)
        .contains("rel=\"myGroups\"")
        .contains("<link rel=\"defaultGroup\"")
        .contains("<property name=\"name\">Other Contacts</property>");
    JsonNode links = alice.get(people(alice, "myGroups") + "?expand=false").json();
    assertThat(links.has("_embedded")).isFalse();
    assertThat(links.at("/_links/pinnedGroup/href").asText())
        .endsWith("/people/groups/pinnedGroup");
  }

  @Test
  void groups_are_created_renamed_filled_emptied_and_deleted_and_errors_change_nothing() {
    UcwaClient erin = app("erin", "groups-edit");
    String myGroups = people(erin, "myGroups");
    UcwaClient.Response created = erin.postJson(myGroups, "{\"displayName\":\"Project X\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    String group = erin.resolve(created.header("Location"));
    JsonNode g = erin.get(group).json();
    assertThat(g.get("rel").asText()).isEqualTo("group");
    assertThat(g.get("name").asText()).isEqualTo("Project X");
    assertThat(g.at("/_links/subscribeToGroupPresence/href").asText())
        .contains("/people/presenceSubscriptions?groupId=");

    assertJsonError(
        erin.postJson(myGroups, "{\"displayName\":\"project x\"}"),
        409,
        "Conflict",
        "AlreadyExists");
    assertJsonError(
        erin.postJson(myGroups, "{\"displayName\":\"Other Contacts\"}"),
        409,
        "Conflict",
        "AlreadyExists");
    ErrorBody tooLong =
        assertJsonError(
            erin.postJson(myGroups, "{\"displayName\":\"" + "x".repeat(257) + "\"}"),
            400,
            "BadRequest",
            "ParameterValidationFailure");
    assertThat(tooLong.parameters()).containsKey("displayName");
    assertXmlError(
        erin.post(
            myGroups,
            "application/xml",
            "<input xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">"
                + "<property name=\"displayName\">Project X</property></input>",
            XML),
        409,
        "Conflict",
        "AlreadyExists");
    assertThat(myGroups(erin).at("/_embedded/group").size()).isEqualTo(1);

    String memberships = people(erin, "myGroupMemberships");
    String id = g.get("id").asText();
    UcwaClient.Response added =
        erin.postJson(
            memberships, "{\"contactUri\":\"sip:bob@contoso.com\",\"groupId\":\"" + id + "\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String membership = erin.resolve(added.header("Location"));
    JsonNode m = erin.get(membership).json();
    assertThat(m.get("rel").asText()).isEqualTo("myGroupMembership");
    assertThat(m.at("/_links/contact/href").asText()).endsWith("/people/bob@contoso.com");
    assertThat(m.at("/_links/group/href").asText()).isEqualTo(created.header("Location"));
    assertThat(myContacts(erin)).containsExactly("sip:alice@contoso.com", "sip:bob@contoso.com");

    assertJsonError(
        erin.postJson(
            memberships, "{\"contactUri\":\"sip:bob@contoso.com\",\"groupId\":\"" + id + "\"}"),
        409,
        "Conflict",
        "AlreadyExists");
    assertJsonError(
        erin.postJson(
            memberships, "{\"contactUri\":\"sip:zed@contoso.com\",\"groupId\":\"" + id + "\"}"),
        404,
        "NotFound",
        "ResourceNotFound");
    assertJsonError(
        erin.postJson(
            memberships, "{\"contactUri\":\"sip:carol@contoso.com\",\"groupId\":\"999\"}"),
        404,
        "NotFound",
        "ResourceNotFound");
    assertJsonError(
        erin.postJson(memberships, "{\"groupId\":\"" + id + "\"}"),
        400,
        "BadRequest",
        "ParameterValidationFailure");
    assertThat(myContacts(erin)).containsExactly("sip:alice@contoso.com", "sip:bob@contoso.com");

    // without a groupId the contact goes to Other Contacts
    assertThat(erin.postJson(memberships, "{\"contactUri\":\"carol@contoso.com\"}").status())
        .isEqualTo(201);
    JsonNode all = erin.get(memberships).json();
    assertThat(all.at("/_embedded/myGroupMembership").size()).isEqualTo(3);
    assertThat(all.at("/_links/removeContactFromAllGroups/href").asText())
        .endsWith("/people/groupMemberships/removeContactFromAllGroups");

    UcwaClient.Response renamed =
        erin.put(group, "application/json", "{\"name\":\"Project Y\"}", Map.of());
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(204);
    assertThat(erin.get(group).json().get("name").asText()).isEqualTo("Project Y");
    assertJsonError(
        erin.put(group, "application/json", "{\"name\":\"Favorites\"}", Map.of()),
        409,
        "Conflict",
        "AlreadyExists");

    assertThat(erin.delete(membership).status()).isEqualTo(204);
    assertJsonError(erin.delete(membership), 404, "NotFound", "ResourceNotFound");
    assertThat(myContacts(erin)).containsExactly("sip:alice@contoso.com", "sip:carol@contoso.com");

    String removeAll = all.at("/_links/removeContactFromAllGroups/href").asText();
    assertThat(erin.postJson(removeAll, "{\"contactUri\":\"sip:carol@contoso.com\"}").status())
        .isEqualTo(204);
    assertJsonError(
        erin.postJson(removeAll, "{\"contactUri\":\"sip:carol@contoso.com\"}"),
        404,
        "NotFound",
        "ResourceNotFound");
    assertThat(myContacts(erin)).containsExactly("sip:alice@contoso.com");

    assertThat(erin.delete(group).status()).isEqualTo(204);
    assertJsonError(erin.get(group), 404, "NotFound", "ResourceNotFound");
    String defaultGroup = myGroups(erin).at("/_links/defaultGroup/href").asText();
    assertJsonError(erin.delete(defaultGroup), 403, "Forbidden", "OperationNotSupported");
  }

  @Test
  void distribution_groups_are_added_to_and_removed_from_the_contact_list() {
    UcwaClient carol = app("carol", "groups-dg");
    String add = myGroups(carol).at("/_links/addToContactList/href").asText();
    UcwaClient.Response added =
        carol.postJson(
            add, "{\"displayName\":\"Support team\",\"smtpAddress\":\"sip:support@contoso.com\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(204);
    JsonNode dg = groupNamed(carol, "Support team");
    assertThat(dg.get("rel").asText()).isEqualTo("distributionGroup");
    assertThat(dg.get("uri").asText()).isEqualTo("sip:support@contoso.com");
    JsonNode expanded = carol.get(dg.at("/_links/expandDistributionGroup/href").asText()).json();
    assertThat(expanded.at("/_embedded/contact/0/uri").asText()).isEqualTo("sip:dave@contoso.com");
    assertJsonError(
        carol.postJson(add, "{\"displayName\":\"Again\",\"smtpAddress\":\"support@contoso.com\"}"),
        409,
        "Conflict",
        "AlreadyExists");
    assertJsonError(
        carol.postJson(add, "{\"displayName\":\"Nobody\",\"smtpAddress\":\"nobody@contoso.com\"}"),
        404,
        "NotFound",
        "ResourceNotFound");
    assertJsonError(
        carol.postJson(
            dg.at("/_links/removeFromContactList/href").asText(), "{\"groupId\":\"pinnedGroup\"}"),
        404,
        "NotFound",
        "ResourceNotFound");
    String memberships = people(carol, "myGroupMemberships");
    assertJsonError(
        carol.postJson(
            memberships,
            "{\"contactUri\":\"sip:bob@contoso.com\",\"groupId\":\""
                + dg.get("id").asText()
                + "\"}"),
        403,
        "Forbidden",
        "OperationNotSupported");

    UcwaClient.Response removed =
        carol.postJson(
            dg.at("/_links/removeFromContactList/href").asText(),
            "{\"groupId\":\"" + dg.get("id").asText() + "\"}");
    assertThat(removed.status()).as(removed.body()).isEqualTo(204);
    assertThat(myGroups(carol).at("/_links/distributionGroup").size()).isZero();
  }

  @Test
  void a_change_made_by_one_application_reaches_the_subscribed_applications_of_the_user() {
    UcwaClient phone = app("dave", "groups-sub-phone");
    UcwaClient desk = app("dave", "groups-sub-desk");
    String subscription = people(desk, "myContactsAndGroupsSubscription");
    JsonNode before = desk.get(subscription).json();
    assertThat(before.get("state").asText()).isEqualTo("Disconnected");
    String start = before.at("/_links/startOrRefreshSubscriptionToContactsAndGroups/href").asText();
    assertJsonError(
        desk.postJson(start, "{\"duration\":5}"), 400, "BadRequest", "ParameterValidationFailure");
    UcwaClient.Response started = desk.postJson(start, "{\"duration\":30}");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(started.json().get("state").asText()).isEqualTo("Connected");
    assertThat(desk.get(subscription).json().get("state").asText()).isEqualTo("Connected");
    EventStream events = desk.events();

    UcwaClient.Response created =
        phone.postJson(people(phone, "myGroups"), "{\"displayName\":\"Lunch\"}");
    assertThat(created.status()).isEqualTo(204);
    EventStream.Event added = events.await("group", "added");
    assertThat(added.sender()).isEqualTo("people");
    String id = phone.get(phone.resolve(created.header("Location"))).json().get("id").asText();
    String inDesk = desk.link("people/self") + "/groups/" + id;
    assertThat(added.href()).isEqualTo(inDesk);
    assertThat(added.body().at("/in/rel").asText()).isEqualTo("myGroups");

    phone.postJson(
        people(phone, "myGroupMemberships"),
        "{\"contactUri\":\"sip:erin@contoso.com\",\"groupId\":\"" + id + "\"}");
    // erin is in dave's Other Contacts already (he lists no contacts: everyone else), so she
    // joins the group without joining the contact list
    EventStream.Event member = events.await("contact", "added");
    assertThat(member.href()).endsWith("/people/erin@contoso.com");
    assertThat(member.body().at("/in/rel").asText()).isEqualTo("group");
    assertThat(member.body().at("/in/href").asText()).isEqualTo(inDesk);

    String stop = before.at("/_links/stopSubscriptionToContactsAndGroups/href").asText();
    assertThat(desk.post(stop, null, "", Map.of()).status()).isEqualTo(204);
    assertThat(desk.get(subscription).json().get("state").asText()).isEqualTo("Disconnected");
    phone.put(
        phone.resolve(created.header("Location")),
        "application/json",
        "{\"name\":\"Brunch\"}",
        Map.of());
    assertThat(events.drain()).noneMatch(e -> e.rel().equals("group"));
    // the phone never subscribed and heard nothing of its own changes either
    assertThat(phone.events().drain()).noneMatch(e -> e.rel().equals("group"));
  }

  @Test
  void a_subscription_to_a_group_covers_members_added_later() {
    UcwaClient bob = app("bob", "groups-presence-bob");
    UcwaClient other = app("bob", "groups-presence-other");
    UcwaClient dave = server.client("dave");
    dave.createApplication("groups-presence-dave");
    dave.makeAvailable();
    UcwaClient.Response created =
        bob.postJson(people(bob, "myGroups"), "{\"displayName\":\"Watch\"}");
    JsonNode group = bob.get(bob.resolve(created.header("Location"))).json();
    String subscribe = group.at("/_links/subscribeToGroupPresence/href").asText();
    EventStream events = bob.events();

    UcwaClient.Response sub = bob.post(subscribe + "&duration=11", null, "", Map.of());
    assertThat(sub.status()).as(sub.body()).isEqualTo(201);
    assertThat(sub.json().get("rel").asText()).isEqualTo("presenceSubscription");
    events.await("presenceSubscription", "added");

    other.postJson(
        people(other, "myGroupMemberships"),
        "{\"contactUri\":\"sip:dave@contoso.com\",\"groupId\":\""
            + group.get("id").asText()
            + "\"}");
    EventStream.Event joined =
        events.await(
            e ->
                e.rel().equals("contact")
                    && e.body().at("/in/rel").asText().equals("subscribedContacts"),
            java.time.Duration.ofSeconds(10));
    assertThat(joined.href()).endsWith("/people/dave@contoso.com");
    String memberships = sub.json().at("/_links/memberships/href").asText();
    assertThat(bob.get(memberships).json().at("/_embedded/presenceSubscriptionMembership").size())
        .isEqualTo(1);

    String presence = dave.get(dave.link("me/self")).json().at("/_links/presence/href").asText();
    events.await("contactPresence", "updated");
    assertThat(dave.postJson(presence, "{\"availability\":\"Busy\"}").status()).isEqualTo(204);
    EventStream.Event busy = events.await("contactPresence", "updated");
    assertThat(busy.href()).endsWith("/people/dave@contoso.com/presence");
    assertThat(bob.get(busy.href()).json().get("availability").asText()).isEqualTo("Busy");

    assertJsonError(
        bob.post(
            subscribe.replaceAll("groupId=[^&]*", "groupId=999") + "&duration=11",
            null,
            "",
            Map.of()),
        404,
        "NotFound",
        "ResourceNotFound");
  }
}
