package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * A search that finds no one (search_ref.md, SearchForUsersContact.md) answers as a Skype for
 * Business server does: the search resource with its links and properties, and no {@code _embedded}
 * at all, so that a client reading {@code _embedded.contact} takes it as no results rather than
 * tripping on an empty list.
 */
class EmptySearchScenarioTest {

  private static TestServer server;
  private static UcwaClient alice;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("empty-search");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String search(String query) {
    return alice.link("people/search") + "?query=" + query;
  }

  @Test
  void an_empty_json_result_has_links_and_no_embedded() {
    UcwaClient.Response r = alice.get(search("nobody"));

    assertThat(r.status()).isEqualTo(200);
    JsonNode none = r.json();
    assertThat(none.get("rel").asText()).isEqualTo("search");
    assertThat(none.at("/_links/self/href").asText()).startsWith(alice.link("people/search"));
    assertThat(none.get("moreResultsAvailable").asBoolean()).isFalse();
    assertThat(r.body()).doesNotContain("_embedded");
  }

  @Test
  void an_empty_xml_result_has_no_embedded_resource() {
    UcwaClient.Response r = alice.get(search("nobody"), Map.of("Accept", "application/xml"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/xml");
    assertThat(r.body())
        .contains("rel=\"search\"")
        .contains("<property name=\"moreResultsAvailable\">False</property>")
        .doesNotContain("<resource rel=\"contact\"");
    assertThat(r.body().split("<resource", -1)).hasSize(2);
  }

  @Test
  void a_single_hit_is_still_an_array_of_one() {
    JsonNode one = alice.get(search("carol")).json();

    assertThat(one.at("/_embedded/contact").isArray()).isTrue();
    assertThat(one.at("/_embedded/contact")).hasSize(1);
    assertThat(one.at("/_embedded/contact/0/name").asText()).isEqualTo("Carol Test");
  }
}
