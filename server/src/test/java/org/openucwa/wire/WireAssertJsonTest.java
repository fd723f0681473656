package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON side of {@link WireAssert}: what it lets through and what it catches, and where. */
class WireAssertJsonTest {

  private static final String ME =
      """
      {"rel":"me","name":"Alice","emailAddresses":["alice@contoso.com"],
       "_links":{"self":{"href":"/ucwa/oauth/v1/applications/{app}/me"},
                 "makeMeAvailable":{"href":"/ucwa/oauth/v1/applications/{app}/me/makeMeAvailable"}}}
      """;

  private static List<String> differences(String expected, String actual) {
    return WireAssert.wire().jsonDifferences(expected, actual).stream()
        .map(Mismatch::toString)
        .toList();
  }

  @Test
  void the_same_document_with_its_keys_in_another_order_matches() {
    String served =
        """
        {"_links":{"makeMeAvailable":{"href":"/ucwa/oauth/v1/applications/42/me/makeMeAvailable"},
                   "self":{"href":"/ucwa/oauth/v1/applications/42/me"}},
         "emailAddresses":["alice@contoso.com"],"name":"Alice","rel":"me"}
        """;

    assertThat(differences(ME, served)).isEmpty();
  }

  @Test
  void a_missing_key_is_reported_with_its_path() {
    String served =
        """
        {"rel":"me","name":"Alice","emailAddresses":["alice@contoso.com"],
         "_links":{"self":{"href":"/ucwa/oauth/v1/applications/42/me"}}}
        """;

    assertThat(differences(ME, served)).containsExactly("$._links.makeMeAvailable: missing");
  }

  @Test
  void a_missing_link_of_an_embedded_resource_is_reported_with_its_full_path() {
    String expected =
        "{\"_embedded\":{\"me\":{\"_links\":{\"self\":{\"href\":\"/me\"},"
            + "\"makeMeAvailable\":{\"href\":\"/me/makeMeAvailable\"}}}}}";
    String served = "{\"_embedded\":{\"me\":{\"_links\":{\"self\":{\"href\":\"/me\"}}}}}";

    assertThat(differences(expected, served))
        .containsExactly("$._embedded.me._links.makeMeAvailable: missing");
  }

  @Test
  void an_extra_key_is_reported_with_its_path() {
    String served =
        """
        {"rel":"me","name":"Alice","emailAddresses":["alice@contoso.com"],"title":"Boss",
         "_links":{"self":{"href":"/ucwa/oauth/v1/applications/42/me"},
                   "makeMeAvailable":{"href":"/ucwa/oauth/v1/applications/42/me/makeMeAvailable"},
                   "presence":{"href":"/ucwa/oauth/v1/applications/42/me/presence"}}}
        """;

    assertThat(differences(ME, served))
        .containsExactlyInAnyOrder(
            "$.title: unexpected key, holding \"Boss\"",
            "$._links.presence: unexpected key, holding "
                + "{\"href\":\"/ucwa/oauth/v1/applications/42/me/presence\"}");
  }

  @Test
  void a_value_of_another_type_is_reported() {
    assertThat(
            differences(
                "{\"publishEndpointLocation\":false,\"etag\":\"1\"}",
                "{\"publishEndpointLocation\":\"False\",\"etag\":1}"))
        .containsExactly(
            "$.publishEndpointLocation: expected a boolean false but was a string \"False\"",
            "$.etag: expected a string \"1\" but was a number 1");
  }

  @Test
  void an_array_that_became_an_object_is_reported_even_with_one_element() {
    String expected = "{\"_embedded\":{\"participant\":[{\"rel\":\"participant\"}]}}";
    String served = "{\"_embedded\":{\"participant\":{\"rel\":\"participant\"}}}";

    assertThat(differences(expected, served))
        .singleElement()
        .asString()
        .startsWith(
            "$._embedded.participant: expected an array [{\"rel\":\"participant\"}] but "
                + "was an object");
  }

  @Test
  void an_object_that_became_an_array_is_reported() {
    assertThat(
            differences(
                "{\"_links\":{\"self\":{\"href\":\"/a\"}}}",
                "{\"_links\":{\"self\":[{\"href\":\"/a\"}]}}"))
        .singleElement()
        .asString()
        .startsWith("$._links.self: expected an object");
  }

  @Test
  void arrays_keep_their_order_and_length() {
    assertThat(differences("{\"f\":[\"Plain\",\"Html\"]}", "{\"f\":[\"Html\",\"Plain\",\"X\"]}"))
        .containsExactly(
            "$.f[0]: expected \"Plain\" but was \"Html\"",
            "$.f[1]: expected \"Html\" but was \"Plain\"",
            "$.f[2]: unexpected element \"X\"");
  }

  @Test
  void a_different_string_is_reported() {
    assertThat(differences("{\"type\":\"Browser\"}", "{\"type\":\"Phone\"}"))
        .containsExactly("$.type: expected \"Browser\" but was \"Phone\"");
  }

  @Test
  void the_any_placeholder_matches_any_string_but_not_another_type() {
    assertThat(differences("{\"etag\":\"{*}\"}", "{\"etag\":\"3140562359\"}")).isEmpty();
    assertThat(differences("{\"etag\":\"{*}\"}", "{\"etag\":3140562359}")).hasSize(1);
  }

  @Test
  void the_any_placeholder_inside_a_string_matches_any_run_of_characters() {
    assertThat(differences("{\"u\":\"sip:{*};gruu\"}", "{\"u\":\"sip:a@b;opaque=x;gruu\"}"))
        .isEmpty();
    assertThat(differences("{\"u\":\"sip:{*};gruu\"}", "{\"u\":\"tel:+1;gruu\"}")).hasSize(1);
  }

  @Test
  void the_app_placeholder_must_stand_for_the_same_id_everywhere() {
    String expected = "{\"id\":\"{app}\",\"_links\":{\"self\":{\"href\":\"/applications/{app}\"}}}";

    assertThat(
            differences(
                expected,
                "{\"id\":\"105\",\"_links\":{\"self\":{\"href\":" + "\"/applications/105\"}}}"))
        .isEmpty();
    assertThat(
            differences(
                expected,
                "{\"id\":\"105\",\"_links\":{\"self\":{\"href\":" + "\"/applications/106\"}}}"))
        .containsExactly(
            "$._links.self.href: expected \"/applications/{app}\" but was \"/applications/106\"");
  }

  @Test
  void a_placeholder_bound_beforehand_accepts_only_that_value() {
    WireAssert wire = WireAssert.wire().with("app", "105").with("host", "https://fe1:443");
    String expected = "{\"href\":\"{host}/ucwa/oauth/v1/applications/{app}\"}";

    assertThat(
            wire.jsonDifferences(
                expected, "{\"href\":\"https://fe1:443/ucwa/oauth/v1/applications/105\"}"))
        .isEmpty();
    assertThat(
            wire.jsonDifferences(
                expected, "{\"href\":\"https://fe2:443/ucwa/oauth/v1/applications/105\"}"))
        .hasSize(1);
    assertThat(
            wire.jsonDifferences(
                expected, "{\"href\":\"https://fe1:443/ucwa/oauth/v1/applications/7\"}"))
        .hasSize(1);
  }

  @Test
  void the_host_placeholder_wants_a_scheme_and_an_authority() {
    assertThat(
            differences("{\"href\":\"{host}/root\"}", "{\"href\":\"http://127.0.0.1:8080/root\"}"))
        .isEmpty();
    assertThat(differences("{\"href\":\"{host}/root\"}", "{\"href\":\"/root\"}")).hasSize(1);
  }

  @Test
  void the_date_placeholder_matches_an_ajax_date_only() {
    assertThat(differences("{\"d\":\"{*date}\"}", "{\"d\":\"/Date(1358302745000)/\"}")).isEmpty();
    assertThat(differences("{\"d\":\"{*date}\"}", "{\"d\":\"2013-01-16T02:19:05Z\"}")).hasSize(1);
  }

  @Test
  void a_placeholder_key_stands_for_exactly_one_key_not_otherwise_named() {
    String expected = "{\"rel\":\"communication\",\"{*}\":\"please pass this in a PUT request\"}";

    assertThat(
            differences(
                expected,
                "{\"rel\":\"communication\","
                    + "\"4d221db7-4af0-476b-9443-8bc874283085\":\"please pass this in a PUT request\"}"))
        .isEmpty();
    assertThat(differences(expected, "{\"rel\":\"communication\"}"))
        .containsExactly("$['{*}']: missing (no key left for the placeholder)");
    assertThat(differences(expected, "{\"rel\":\"communication\",\"a\":\"x\"}"))
        .containsExactly(
            "$['{*}']: no key among [a] has a matching value",
            "$.a: unexpected key, holding \"x\"");
  }

  @Test
  void keys_that_are_not_identifiers_are_quoted_in_the_path() {
    assertThat(differences("{\"a-b\":{\"c.d\":1}}", "{\"a-b\":{\"c.d\":2}}"))
        .containsExactly("$['a-b']['c.d']: expected 1 but was 2");
  }

  @Test
  void a_failed_assertion_lists_every_path_and_the_served_document() {
    assertThatThrownBy(() -> WireAssert.wire().assertJson(ME, "{\"rel\":\"me\"}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("$.name: missing")
        .hasMessageContaining("$._links: missing")
        .hasMessageContaining("Served:\n{\"rel\":\"me\"}");
  }
}
