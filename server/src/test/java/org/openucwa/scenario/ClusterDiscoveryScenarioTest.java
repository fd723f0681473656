package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestCluster;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * Homing in a cluster of three nodes: a client that starts its discovery at a node that is not the
 * user's home is sent to the home node by the user resource's redirect (user_ref.md,
 * redirect_ref.md), and ends there; other nodes refuse to make or serve its applications.
 */
class ClusterDiscoveryScenarioTest {

  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(3);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void the_listening_node_names_its_cluster_and_its_size() {
    assertThat(cluster.node(0).cluster().orElseThrow().size()).isEqualTo(3);
  }

  @Test
  void sign_in_through_a_node_that_is_not_home_ends_on_the_home_node() {
    for (String user : java.util.List.of("alice", "bob", "carol", "dave")) {
      int home = cluster.homeOf(user);
      int other = (home + 1) % cluster.size();
      UcwaClient client = cluster.client(user, other);

      JsonNode userResource = client.signIn();

      assertThat(client.base()).isEqualTo(cluster.url(home));
      assertThat(userResource.at("/_links/applications/href").asText())
          .startsWith(cluster.url(home) + "/");
      assertThat(userResource.at("/_links/redirect").isMissingNode()).isTrue();
      // what the non-home node answered: a redirect to the home node's root, no applications
      Response first =
          client.calls().stream()
              .filter(c -> c.uri().startsWith(cluster.url(other)) && c.response().status() == 200)
              .filter(c -> c.uri().endsWith("/oauth/user"))
              .reduce((a, b) -> b)
              .orElseThrow()
              .response();
      assertThat(first.json().get("rel").asText()).isEqualTo("user");
      assertThat(first.json().at("/_links/redirect/href").asText())
          .isEqualTo(cluster.url(home) + "/Autodiscover/AutodiscoverService.svc/root");
      assertThat(first.json().at("/_links/applications").isMissingNode()).isTrue();
      assertThat(first.json().at("/_links/xframe/href").asText()).startsWith(cluster.url(other));

      JsonNode app = client.createApplication("cluster-discovery-" + user);
      assertThat(app.at("/_links/self/href").asText()).isNotEmpty();
      assertThat(cluster.node(home).applications().applicationsOf("sip:" + user + "@contoso.com"))
          .hasSize(1);
    }
  }

  @Test
  void a_user_pinned_to_a_node_in_the_users_file_is_homed_there() {
    int byPartition = cluster.homeOf("u29");
    int pinned = (byPartition + 1) % cluster.size();
    cluster.pin("u29", pinned);

    assertThat(cluster.homeOf("u29")).isEqualTo(pinned);
    UcwaClient client = cluster.client("u29", byPartition);
    client.signIn();
    assertThat(client.base()).isEqualTo(cluster.url(pinned));
    client.createApplication("pinned");
    assertThat(cluster.node(pinned).applications().applicationsOf("sip:u29@contoso.com"))
        .hasSize(1);
  }

  @Test
  void a_node_that_is_not_home_neither_makes_nor_serves_the_users_applications() {
    int home = cluster.homeOf("dave");
    int other = (home + 2) % cluster.size();
    UcwaClient dave = cluster.client("dave", home);
    dave.signIn();
    dave.createApplication("cluster-wrong-node");
    String self = dave.link("self");

    // the same token, the same paths, on another node
    Response app = dave.get(cluster.url(other) + self);
    assertThat(app.status()).isEqualTo(404);
    assertThat(app.json().get("subcode").asText()).isEqualTo("ApplicationNotFound");
    Response made =
        dave.postJson(
            cluster.url(other) + "/ucwa/oauth/v1/applications",
            "{\"UserAgent\":\"t\",\"EndpointId\":\"elsewhere\",\"Culture\":\"en-US\"}");
    assertThat(made.status()).isEqualTo(404);
    assertThat(made.json().get("message").asText()).contains(cluster.url(home));
    assertThat(cluster.node(other).applications().applicationsOf("sip:dave@contoso.com")).isEmpty();
  }
}
