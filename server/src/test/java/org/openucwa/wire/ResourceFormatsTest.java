package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Every resource the server has so far, fetched over HTTP in JSON and in XML and compared with the
 * expected files of {@code src/test/resources/expected/}, each taken from the reference sample of
 * its page. Every GET is made twice, with the generic media type and with the vendor-specific one
 * of PayloadFormat.md, and the answer must carry the media type that was asked for.
 *
 * <p>Each user plays one part so that no test sees another's changes: alice creates (and deletes)
 * applications, bob holds a new application, carol an available one, dave the event channels.
 */
class ResourceFormatsTest {

  /** One of the two formats, with its generic and its vendor-specific media type. */
  private enum Wire {
    JSON("application/json", "application/vnd.microsoft.com.ucwa+json"),
    XML("application/xml", "application/vnd.microsoft.com.ucwa+xml");

    final String generic;
    final String vendor;

    Wire(String generic, String vendor) {
      this.generic = generic;
      this.vendor = vendor;
    }

    List<String> mediaTypes() {
      return List.of(generic, vendor);
    }

    void check(WireAssert wire, String expected, String served) {
      if (this == JSON) {
        wire.assertMatchesJsonFile(expected, served);
      } else {
        wire.assertMatchesXmlFile(expected, served);
      }
    }
  }

  private static TestServer server;
  private static UcwaClient bob;
  private static UcwaClient carol;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    bob = server.client("bob");
    bob.createApplication("wire-formats");
    carol = server.client("carol");
    carol.createApplication("wire-formats");
    assertThat(
            carol
                .postJson(
                    carol.link("me/makeMeAvailable"), "{\"SupportedModalities\":[\"Messaging\"]}")
                .status())
        .isEqualTo(204);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_root_resource_matches_the_reference_sample_in_json() {
    assertRoot(Wire.JSON);
  }

  @Test
  void the_root_resource_matches_the_reference_sample_in_xml() {
    assertRoot(Wire.XML);
  }

  @Test
  void the_user_resource_matches_the_reference_sample_in_json() {
    assertUser(Wire.JSON);
  }

  @Test
  void the_user_resource_matches_the_reference_sample_in_xml() {
    assertUser(Wire.XML);
  }

  @Test
  void the_application_created_by_post_matches_the_reference_sample_in_json() {
    assertCreatedApplication(
        Wire.JSON,
        "application/json",
        """
        {"culture":"en-us","endpointId":"123456","instanceId":"samplevalue",
         "userAgent":"ContosoApp/1.0"}""");
  }

  @Test
  void the_application_created_by_post_matches_the_reference_sample_in_xml() {
    assertCreatedApplication(
        Wire.XML,
        "application/xml",
        """
        <?xml version="1.0" encoding="utf-8"?>
        <input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
          <property name="culture">en-us</property>
          <property name="endpointId">123456</property>
          <property name="instanceId">samplevalue</property>
          <property name="userAgent">ContosoApp/1.0</property>
        </input>""");
  }

  @Test
  void the_me_resource_of_an_available_application_matches_the_reference_sample_in_json() {
    assertServes(carol, carol.link("me/self"), Wire.JSON, "me", ids(carol));
  }

  @Test
  void the_me_resource_of_an_available_application_matches_the_reference_sample_in_xml() {
    assertServes(carol, carol.link("me/self"), Wire.XML, "me", ids(carol));
  }

  @Test
  void the_communication_resource_matches_the_reference_sample_in_json() {
    assertServes(bob, bob.link("communication/self"), Wire.JSON, "communication", ids(bob));
  }

  @Test
  void the_communication_resource_matches_the_reference_sample_in_xml() {
    assertServes(bob, bob.link("communication/self"), Wire.XML, "communication", ids(bob));
  }

  @Test
  void the_policies_resource_matches_the_reference_sample_in_json() {
    assertServes(bob, bob.link("policies"), Wire.JSON, "policies", ids(bob));
  }

  @Test
  void the_policies_resource_matches_the_reference_sample_in_xml() {
    assertServes(bob, bob.link("policies"), Wire.XML, "policies", ids(bob));
  }

  @Test
  void the_people_resource_matches_the_reference_sample_in_json() {
    assertServes(bob, bob.link("people/self"), Wire.JSON, "people", ids(bob));
  }

  @Test
  void the_people_resource_matches_the_reference_sample_in_xml() {
    assertServes(bob, bob.link("people/self"), Wire.XML, "people", ids(bob));
  }

  @Test
  void the_online_meetings_resource_matches_the_reference_sample_in_json() {
    assertServes(bob, bob.link("onlineMeetings/self"), Wire.JSON, "onlineMeetings", ids(bob));
  }

  @Test
  void the_online_meetings_resource_matches_the_reference_sample_in_xml() {
    assertServes(bob, bob.link("onlineMeetings/self"), Wire.XML, "onlineMeetings", ids(bob));
  }

  @Test
  void the_event_channel_response_after_make_me_available_matches_the_reference_sample_in_json() {
    assertEventsAfterMakeMeAvailable(Wire.JSON, "wire-events-json");
  }

  @Test
  void the_event_channel_response_after_make_me_available_matches_the_reference_sample_in_xml() {
    assertEventsAfterMakeMeAvailable(Wire.XML, "wire-events-xml");
  }

  @Test
  void the_application_not_found_error_matches_the_reference_sample_in_json() {
    assertApplicationNotFound(Wire.JSON);
  }

  @Test
  void the_application_not_found_error_matches_the_reference_sample_in_xml() {
    assertApplicationNotFound(Wire.XML);
  }

  @Test
  void the_parameter_validation_error_matches_the_reference_sample_in_json() {
    assertParameterValidationFailure(
        Wire.JSON, "application/json", "{\"culture\":\"en-us\",\"endpointId\":\"wire-invalid\"}");
  }

  @Test
  void the_parameter_validation_error_matches_the_reference_sample_in_xml() {
    assertParameterValidationFailure(
        Wire.XML,
        "application/xml",
        "<input xmlns=\""
            + WireAssert.UCWA_NAMESPACE
            + "\">"
            + "<property name=\"culture\">en-us</property>"
            + "<property name=\"endpointId\">wire-invalid</property></input>");
  }

  private void assertRoot(Wire wire) {
    UcwaClient anonymous = server.client("alice");
    assertServes(
        anonymous, server.url() + "/", wire, "root", WireAssert.wire().with("host", server.url()));
  }

  private void assertUser(Wire wire) {
    assertServes(bob, userHref(bob), wire, "user", WireAssert.wire().with("host", server.url()));
  }

  /** POSTs applications in one format, compares the 201, then GETs the new application. */
  private void assertCreatedApplication(Wire wire, String contentType, String input) {
    UcwaClient alice = server.client("alice");
    alice.signIn();
    String applications = applicationsHref(alice);
    UcwaClient.Response created =
        alice.post(applications, contentType, input, Map.of("Accept", wire.generic));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(mediaType(created)).isEqualTo(wire.generic);
    String self = created.header("Location");
    try {
      WireAssert ids = WireAssert.wire().with("app", self.substring(self.lastIndexOf('/') + 1));
      wire.check(ids, "application", created.body());
      assertServes(alice, self, wire, "application", ids);
    } finally {
      assertThat(alice.delete(self).status()).isEqualTo(204);
    }
  }

  /**
   * After makeMeAvailable, the first P-GET with {@code medium=1} is released once the medium
   * aggregation interval has passed; asking again for the same batch (a lost response) answers it
   * again, which lets the vendor-specific media type be checked on the same document.
   */
  private void assertEventsAfterMakeMeAvailable(Wire wire, String endpointId) {
    UcwaClient dave = server.client("dave");
    dave.createApplication(endpointId);
    assertThat(
            dave.postJson(
                    dave.link("me/makeMeAvailable"), "{\"SupportedModalities\":[\"Messaging\"]}")
                .status())
        .isEqualTo(204);
    assertServes(dave, dave.link("events") + "&medium=1", wire, "events", ids(dave));
  }

  private void assertApplicationNotFound(Wire wire) {
    String applications = applicationsHref(bob);
    for (String mediaType : wire.mediaTypes()) {
      UcwaClient.Response r =
          bob.get(applications + "/no-such-application", Map.of("Accept", mediaType));
      assertThat(r.status()).isEqualTo(404);
      assertThat(mediaType(r)).isEqualTo(mediaType);
      wire.check(WireAssert.wire(), "error-application-not-found", r.body());
    }
  }

  private void assertParameterValidationFailure(Wire wire, String contentType, String input) {
    String applications = applicationsHref(bob);
    for (String mediaType : wire.mediaTypes()) {
      UcwaClient.Response r =
          bob.post(applications, contentType, input, Map.of("Accept", mediaType));
      assertThat(r.status()).isEqualTo(400);
      assertThat(mediaType(r)).isEqualTo(mediaType);
      wire.check(WireAssert.wire(), "error-parameter-validation-failure", r.body());
    }
  }

  /** GETs with the generic and the vendor media type; both answers must match the file. */
  private static void assertServes(
      UcwaClient client, String href, Wire wire, String expected, WireAssert ids) {
    for (String mediaType : wire.mediaTypes()) {
      UcwaClient.Response r = client.get(href, Map.of("Accept", mediaType));
      assertThat(r.status()).as("GET %s as %s: %s", href, mediaType, r.body()).isEqualTo(200);
      assertThat(mediaType(r)).as("Content-Type of GET %s", href).isEqualTo(mediaType);
      wire.check(ids, expected, r.body());
    }
  }

  /** Discovery as a signed-in client follows it: the root, its user link, then applications. */
  private static String userHref(UcwaClient client) {
    return client.get(server.url() + "/").json().at("/_links/user/href").asText();
  }

  private static String applicationsHref(UcwaClient client) {
    return client.get(userHref(client)).json().at("/_links/applications/href").asText();
  }

  private static WireAssert ids(UcwaClient client) {
    return WireAssert.wire().with("app", client.application().get("id").asText());
  }

  private static String mediaType(UcwaClient.Response r) {
    String contentType = r.header("Content-Type");
    assertThat(contentType).as("Content-Type").isNotNull();
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
