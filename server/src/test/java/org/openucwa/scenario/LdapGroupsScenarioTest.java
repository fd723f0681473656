package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.ldap.ActiveDirectoryFixture;
import org.openucwa.testing.LdapTestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Groups from an Active Directory (decision 0045): the mail-enabled groups a user is a member of
 * are her distribution groups in myGroups, expanded from the directory's {@code member}s; her
 * {@code manager} and direct reports make her organization group. alice and bob of the fixture are
 * in the Sales group; bob's manager is alice.
 */
class LdapGroupsScenarioTest {

  private static List<String> uris(UcwaClient c, String href) {
    List<String> uris = new ArrayList<>();
    c.get(href).json().at("/_embedded/contact").forEach(n -> uris.add(n.get("uri").asText()));
    return uris;
  }

  private static JsonNode myGroups(UcwaClient c) {
    String href = c.get(c.link("people/self")).json().at("/_links/myGroups/href").asText();
    return c.get(href).json();
  }

  @Test
  void directory_groups_are_listed_expanded_and_may_be_removed_and_added_back(@TempDir Path data)
      throws Exception {
    try (LdapTestServer server = LdapTestServer.start(data)) {
      UcwaClient alice = server.client("alice@contoso.com", ActiveDirectoryFixture.ALICE_PASSWORD);
      alice.createApplication("ldap-groups-alice");
      UcwaClient bob = server.client("CONTOSO\\bob", ActiveDirectoryFixture.BOB_PASSWORD);
      bob.createApplication("ldap-groups-bob");

      JsonNode groups = myGroups(alice).get("_embedded");
      JsonNode sales = groups.at("/distributionGroup/0");
      assertThat(groups.get("distributionGroup").size()).as("Admins has no mail").isEqualTo(1);
      assertThat(sales.get("name").asText()).isEqualTo("Sales Team");
      assertThat(sales.get("uri").asText()).isEqualTo("sip:sales@contoso.com");
      assertThat(uris(alice, sales.at("/_links/expandDistributionGroup/href").asText()))
          .containsExactly("sip:alice@contoso.com", "sip:bob@contoso.com");
      assertThat(uris(alice, groups.at("/myOrganizationGroup/_links/groupContacts/href").asText()))
          .containsExactly("sip:bob@contoso.com");
      JsonNode bobs = myGroups(bob).get("_embedded");
      assertThat(bobs.at("/distributionGroup/0/uri").asText()).isEqualTo("sip:sales@contoso.com");
      assertThat(uris(bob, bobs.at("/myOrganizationGroup/_links/groupContacts/href").asText()))
          .containsExactly("sip:alice@contoso.com");

      UcwaClient.Response removed =
          alice.postJson(
              sales.at("/_links/removeFromContactList/href").asText(),
              "{\"groupId\":\"" + sales.get("id").asText() + "\"}");
      assertThat(removed.status()).as(removed.body()).isEqualTo(204);
      assertThat(myGroups(alice).at("/_embedded/distributionGroup").size()).isZero();

      String add = myGroups(alice).at("/_links/addToContactList/href").asText();
      UcwaClient.Response added =
          alice.postJson(add, "{\"displayName\":\"Sales\",\"smtpAddress\":\"sales@contoso.com\"}");
      assertThat(added.status()).as(added.body()).isEqualTo(204);
      JsonNode back = myGroups(alice).at("/_embedded/distributionGroup/0");
      assertThat(back.get("name").asText()).isEqualTo("Sales");
      assertThat(uris(alice, back.at("/_links/expandDistributionGroup/href").asText()))
          .containsExactly("sip:alice@contoso.com", "sip:bob@contoso.com");
    }
  }
}
