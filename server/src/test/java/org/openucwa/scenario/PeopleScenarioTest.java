package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.directory.Credential;
import org.openucwa.directory.Directory;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.people.PresenceSettings;
import org.openucwa.testing.SteppingClock;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The people hub as a client sees it over HTTP: the contact list, contacts, photos, presence and
 * search, reached by following links from the discovery root. Two servers: the test directory
 * (alice, bob, carol, dave) with the default presence timers, and a small office (erin, whose
 * contact list is just frank; frank, with a photo file; gina) with presence timers of seconds.
 */
class PeopleScenarioTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration INACTIVE = Duration.ofSeconds(2);
  private static final Duration AWAY = Duration.ofSeconds(3);

  /** The small office's clock, stepped rather than waited for. */
  private static final SteppingClock OFFICE_CLOCK = new SteppingClock();

  private static TestServer server;
  private static TestServer office;
  private static Path photoFile;
  private static UcwaClient alice;

  @BeforeAll
  static void start() throws IOException {
    photoFile = Files.createTempFile("frank", ".jpg");
    BufferedImage square = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(square, "jpg", photoFile.toFile());
    server = TestServer.start();
    office =
        TestServer.start(
            b ->
                b.directory(smallOffice())
                    .presence(new PresenceSettings(INACTIVE, AWAY))
                    .clock(OFFICE_CLOCK));
    alice = appFor(server, "alice", "people-alice");
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    office.close();
    Files.deleteIfExists(photoFile);
  }

  private static Directory smallOffice() {
    Credential credential =
        new Credential(
            PasswordHasher.hash(TestServer.PASSWORD.toCharArray(), new SecureRandom(), 1000));
    return new Directory(
        "contoso.com",
        List.of(
            User.builder("sip:erin@contoso.com", "Erin Example")
                .credential(credential)
                .emailAddresses(List.of("erin@contoso.com"))
                .contacts(List.of("sip:frank@contoso.com"))
                .build(),
            User.builder("sip:frank@contoso.com", "Frank Doe")
                .credential(credential)
                .title("Engineer 2")
                .department("Engineering")
                .company("Contoso Corp.")
                .office("20/2107")
                .workPhoneNumber("tel:+1425554321;ext=54321")
                .otherPhoneNumber("tel:+19195558194")
                .mobilePhoneNumber("tel:4255551212;phone-context=defaultprofile")
                .homePhoneNumber("tel:+19185550107")
                .emailAddresses(List.of("Frank.Doe@contoso.com"))
                .photo(photoFile)
                .build(),
            User.builder("sip:gina@contoso.com", "Gina Lee").credential(credential).build()));
  }

  private static UcwaClient appFor(TestServer on, String user, String endpointId) {
    UcwaClient c = on.client(user);
    c.createApplication(endpointId);
    return c;
  }

  private static String with(String href, String params) {
    return params.isEmpty() ? href : href + (href.contains("?") ? "&" : "?") + params;
  }

  private static JsonNode ok(UcwaClient c, String href) {
    UcwaClient.Response r = c.get(href);
    assertThat(r.status()).as("GET " + href + ": " + r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<JsonNode> contactsOf(UcwaClient c) {
    JsonNode array = ok(c, c.link("people/myContacts")).at("/_embedded/contact");
    assertThat(array.isArray()).as("contact is an array").isTrue();
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  private static JsonNode contact(UcwaClient c, String user) {
    return contactsOf(c).stream()
        .filter(n -> n.get("uri").asText().equals("sip:" + user + "@contoso.com"))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode presenceOf(UcwaClient watcher, String user) {
    return ok(watcher, contact(watcher, user).at("/_links/contactPresence/href").asText());
  }

  private static HttpResponse<byte[]> bytes(UcwaClient c, String href, Map<String, String> h)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(c.resolve(href)))
            .header("Authorization", "Bearer " + c.token())
            .header("Accept", "image/*");
    h.forEach(b::header);
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertError(UcwaClient.Response r, int status, String subcode) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("subcode").asText()).isEqualTo(subcode);
  }

  // --- contacts ------------------------------------------------------------------------------

  @Test
  void the_people_hub_links_my_contacts_and_search() {
    JsonNode people = ok(alice, alice.link("people/self"));

    assertThat(people.at("/_links/myContacts/href").asText()).endsWith("/people/contacts");
    assertThat(people.at("/_links/search/href").asText()).endsWith("/people/search");
  }

  @Test
  void my_contacts_are_everyone_else_in_the_directory_by_default() {
    List<JsonNode> contacts = contactsOf(alice);

    assertThat(contacts)
        .extracting(n -> n.get("uri").asText())
        .containsExactly("sip:bob@contoso.com", "sip:carol@contoso.com", "sip:dave@contoso.com");
    JsonNode bob = contacts.get(0);
    assertThat(bob.get("rel").asText()).isEqualTo("contact");
    assertThat(bob.get("name").asText()).isEqualTo("Bob Test");
    assertThat(bob.get("sourceNetwork").asText()).isEqualTo("SameEnterprise");
    assertThat(bob.get("type").asText()).isEqualTo("User");
    assertThat(bob.at("/emailAddresses/0").asText()).isEqualTo("bob@contoso.com");
    assertThat(bob.get("title").asText()).isEqualTo("Engineer");
    assertThat(bob.get("department").asText()).isEqualTo("R&D");
    assertThat(bob.get("company").asText()).isEqualTo("Contoso");
    assertThat(bob.get("office").asText()).isEqualTo("1/3");
    assertThat(bob.get("workPhoneNumber").asText()).startsWith("tel:+1425555010");
    assertThat(bob.has("mobilePhoneNumber")).as("the directory has none").isFalse();
    assertThat(bob.get("etag").asText()).matches("\\d+");
    assertThat(bob.at("/_links/self/href").asText()).endsWith("/people/bob@contoso.com");
    assertThat(bob.at("/_links/contactPhoto/href").asText()).endsWith("/photos/bob@contoso.com");
    assertThat(bob.at("/_links/contactPresence/href").asText())
        .endsWith("/people/bob@contoso.com/presence");
    assertThat(bob.at("/_links/contactNote/href").asText())
        .endsWith("/people/bob@contoso.com/note");
    assertThat(bob.at("/_links/contactLocation/href").asText())
        .endsWith("/people/bob@contoso.com/location");
  }

  @Test
  void a_contact_list_in_the_users_file_is_honoured() {
    UcwaClient erin = appFor(office, "erin", "people-erin-list");
    UcwaClient frank = appFor(office, "frank", "people-frank-list");

    assertThat(contactsOf(erin))
        .extracting(n -> n.get("name").asText())
        .containsExactly("Frank Doe");
    List<JsonNode> franks = contactsOf(frank);
    assertThat(franks)
        .extracting(n -> n.get("name").asText())
        .containsExactly("Erin Example", "Gina Lee");
    assertThat(franks.get(1).has("title")).as("Gina has no title in the directory").isFalse();
    assertThat(franks.get(1).has("emailAddresses")).isFalse();
  }

  @Test
  void a_contact_is_the_resource_its_self_link_names_with_its_etag() {
    JsonNode embedded = contact(alice, "carol");
    String self = embedded.at("/_links/self/href").asText();

    UcwaClient.Response r = alice.get(self);
    UcwaClient.Response unchanged = alice.get(self, Map.of("If-None-Match", r.header("ETag")));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json()).isEqualTo(embedded);
    assertThat(r.header("ETag")).isEqualTo(embedded.get("etag").asText());
    assertThat(unchanged.status()).isEqualTo(304);
  }

  @Test
  void an_unknown_contact_is_404_with_a_ucwa_error() throws Exception {
    JsonNode bob = contact(alice, "bob");
    List<String> hrefs = new ArrayList<>();
    for (String rel : List.of("self", "contactPresence", "contactPhoto")) {
      hrefs.add(
          bob.at("/_links/" + rel + "/href")
              .asText()
              .replace("bob@contoso.com", "nobody@contoso.com"));
    }

    for (String href : hrefs) {
      UcwaClient.Response r = alice.get(href);
      assertError(r, 404, "ResourceNotFound");
      assertThat(r.json().get("code").asText()).isEqualTo("NotFound");
    }
    UcwaClient.Response xml = alice.get(hrefs.get(0), Map.of("Accept", "application/xml"));
    assertThat(xml.status()).isEqualTo(404);
    assertThat(xml.body()).contains("<reason").contains("<code>NotFound</code>");
  }

  @Test
  void my_contacts_and_a_contact_look_like_the_reference_in_json_and_xml() {
    UcwaClient erin = appFor(office, "erin", "people-erin-wire");
    String myContacts = erin.link("people/myContacts");
    Map<String, String> json = Map.of("Accept", "application/json");
    Map<String, String> xml = Map.of("Accept", "application/xml");

    UcwaClient.Response list = erin.get(myContacts, json);
    String self = list.json().at("/_embedded/contact/0/_links/self/href").asText();

    PeopleWire.assertJsonMatches("myContacts.json", list.body());
    PeopleWire.assertXmlMatches("myContacts.xml", erin.get(myContacts, xml).body());
    PeopleWire.assertJsonMatches("contact.json", erin.get(self, json).body());
    PeopleWire.assertXmlMatches("contact.xml", erin.get(self, xml).body());
  }

  // --- photos --------------------------------------------------------------------------------

  @Test
  void a_contact_without_a_photo_file_gets_a_generated_png_that_caches() throws Exception {
    String href = contact(alice, "dave").at("/_links/contactPhoto/href").asText();

    HttpResponse<byte[]> r = bytes(alice, href, Map.of());
    String etag = r.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again = bytes(alice, href, Map.of("If-None-Match", etag));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(r.headers().firstValue("Cache-Control")).contains("private, max-age=3600");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertThat(image.getWidth()).isEqualTo(96);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void a_photo_file_from_the_users_file_is_served_as_it_is() throws Exception {
    UcwaClient erin = appFor(office, "erin", "people-erin-photo");
    String href = contact(erin, "frank").at("/_links/contactPhoto/href").asText();

    HttpResponse<byte[]> r = bytes(erin, href, Map.of());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("image/jpeg");
    assertThat(r.body()).isEqualTo(Files.readAllBytes(photoFile));
  }

  @Test
  void me_links_my_own_photo() throws Exception {
    HttpResponse<byte[]> mine = bytes(alice, alice.link("me/photo"), Map.of());

    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(ImageIO.read(new ByteArrayInputStream(mine.body()))).isNotNull();
  }

  // --- presence ------------------------------------------------------------------------------

  @Test
  void presence_appears_with_make_me_available_and_others_see_it() {
    UcwaClient bob = appFor(server, "bob", "people-bob");
    assertThat(bob.application().at("/_embedded/me/_links/presence").isMissingNode()).isTrue();
    String presence = bob.link("me/self") + "/presence"; // not linked yet: the guard is tested

    assertError(bob.get(presence), 409, "MakeMeAvailableRequired");
    assertError(
        bob.postJson(presence, "{\"availability\":\"Busy\"}"), 409, "MakeMeAvailableRequired");
    JsonNode before = presenceOf(alice, "bob");
    assertThat(before.get("availability").asText()).isEqualTo("Offline");
    assertThat(before.has("lastActive")).isFalse();
    assertThat(before.get("deviceType").asText()).isEqualTo("Unknown");

    assertThat(bob.postJson(bob.link("me/makeMeAvailable"), "{}").status()).isEqualTo(204);
    appFor(server, "bob", "people-bob-lurker");

    JsonNode me = ok(bob, bob.link("me/self"));
    assertThat(me.at("/_links/presence/href").asText()).isEqualTo(presence);
    JsonNode mine = ok(bob, presence);
    assertThat(mine.get("rel").asText()).isEqualTo("presence");
    assertThat(mine.get("availability").asText()).isEqualTo("Online");
    assertThat(mine.get("activity").asText()).isEqualTo("Available");
    JsonNode seen = presenceOf(alice, "bob");
    assertThat(seen.get("rel").asText()).isEqualTo("contactPresence");
    assertThat(seen.get("deviceType").asText()).isEqualTo("Web");
    assertThat(seen.get("availability").asText())
        .as("a second application that is not available changes nothing")
        .isEqualTo("Online");
    assertThat(seen.get("lastActive").asText()).matches("/Date\\(\\d+\\)/");
    JsonNode events = ok(bob, with(bob.link("events"), "medium=1")).at("/sender/0/events");
    assertThat(events.findValuesAsText("type")).contains("added");
    assertThat(events.toString()).contains("\"rel\":\"presence\"");
  }

  @Test
  void signing_in_as_busy_shows_busy() {
    UcwaClient carol = appFor(server, "carol", "people-carol");

    carol.postJson(carol.link("me/makeMeAvailable"), "{\"signInAs\":\"Busy\"}");

    JsonNode mine =
        ok(carol, ok(carol, carol.link("me/self")).at("/_links/presence/href").asText());
    assertThat(mine.get("availability").asText()).isEqualTo("Busy");
    assertThat(presenceOf(alice, "carol").get("availability").asText()).isEqualTo("Busy");
  }

  @Test
  void a_presence_post_sets_the_availability_everyone_sees() {
    UcwaClient dave = appFor(server, "dave", "people-dave");
    dave.postJson(dave.link("me/makeMeAvailable"), "{}");
    String presence = ok(dave, dave.link("me/self")).at("/_links/presence/href").asText();
    String next = ok(dave, with(dave.link("events"), "medium=1")).at("/_links/next/href").asText();

    assertThat(dave.postJson(presence, "{\"availability\":\"BeRightBack\"}").status())
        .isEqualTo(204);
    assertThat(ok(dave, presence).get("availability").asText()).isEqualTo("BeRightBack");
    assertThat(presenceOf(alice, "dave").get("availability").asText()).isEqualTo("BeRightBack");
    JsonNode updated = ok(dave, with(next, "medium=1")).at("/sender/0");
    assertThat(updated.get("rel").asText()).isEqualTo("me");
    assertThat(updated.at("/events/0/link/rel").asText()).isEqualTo("presence");
    assertThat(updated.at("/events/0/type").asText()).isEqualTo("updated");

    dave.post(
        presence,
        "application/xml",
        "<input xmlns=\"http://schemas.microsoft.com/rtc/2012"
            + "/03/ucwa\"><property name=\"availability\">Offwork</property></input>",
        Map.of());
    JsonNode offWork = ok(dave, presence);
    assertThat(offWork.get("availability").asText()).isEqualTo("Away");
    assertThat(offWork.get("activity").asText()).isEqualTo("off-work");

    assertThat(dave.post(presence, null, "", Map.of()).status())
        .as("an empty POST resets")
        .isEqualTo(204);
    assertThat(ok(dave, presence).get("availability").asText()).isEqualTo("Online");

    UcwaClient.Response bad = dave.postJson(presence, "{\"availability\":\"Sleeping\"}");
    assertError(bad, 400, "ParameterValidationFailure");
    assertThat(bad.json().at("/parameters/availability").isMissingNode()).isFalse();
  }

  @Test
  void an_idle_application_shows_inactive_then_away_until_activity_is_reported() {
    UcwaClient gina = appFor(office, "gina", "people-gina");
    UcwaClient frank = appFor(office, "frank", "people-frank-watch");
    gina.postJson(gina.link("me/makeMeAvailable"), "{}");
    String report = ok(gina, gina.link("me/self")).at("/_links/reportMyActivity/href").asText();

    String online = presenceOf(frank, "gina").get("availability").asText();
    OFFICE_CLOCK.step(INACTIVE.plusMillis(500));
    String inactive = presenceOf(frank, "gina").get("availability").asText();
    OFFICE_CLOCK.step(AWAY);
    String away = presenceOf(frank, "gina").get("availability").asText();
    assertThat(gina.postJson(report, "").status()).isEqualTo(204);
    String back = presenceOf(frank, "gina").get("availability").asText();

    assertThat(List.of(online, inactive, away, back))
        .containsExactly("Online", "IdleOnline", "Away", "Online");
  }

  @Test
  void make_me_available_takes_an_inactive_timeout_in_minutes_or_as_a_time_span() {
    UcwaClient erin = appFor(office, "erin", "people-erin-timeout");
    String available = erin.link("me/makeMeAvailable");

    UcwaClient.Response bad = erin.postJson(available, "{\"inactiveTimeout\":\"soon\"}");
    assertError(bad, 400, "ParameterValidationFailure");
    assertThat(bad.json().at("/parameters/inactiveTimeout").isMissingNode()).isFalse();
    assertThat(erin.postJson(available, "{\"inactiveTimeout\":\"00:30:00\"}").status())
        .isEqualTo(204);
  }

  // --- search --------------------------------------------------------------------------------

  @Test
  void search_finds_contacts_by_name_uri_or_email_ignoring_case() {
    String search = alice.link("people/search");

    JsonNode carol = ok(alice, with(search, "query=CAROL"));
    assertThat(carol.get("rel").asText()).isEqualTo("search");
    assertThat(carol.get("moreResultsAvailable").asBoolean()).isFalse();
    assertThat(carol.at("/_embedded/contact").isArray()).isTrue();
    assertThat(names(carol)).containsExactly("Carol Test");
    assertThat(names(ok(alice, with(search, "query=dave%40contoso.com"))))
        .containsExactly("Dave Test");
    assertThat(names(ok(alice, with(search, "query=sip:bob")))).containsExactly("Bob Test");
    assertThat(names(ok(alice, with(search, "query=test"))))
        .containsExactly("Alice Test", "Bob Test", "Carol Test", "Dave Test");
  }

  @Test
  void a_search_says_when_its_limit_left_results_out_and_a_miss_is_empty() {
    String search = alice.link("people/search");

    JsonNode two = ok(alice, with(search, "query=test&limit=2"));
    JsonNode none = ok(alice, with(search, "query=nobody"));

    assertThat(names(two)).containsExactly("Alice Test", "Bob Test");
    assertThat(two.get("moreResultsAvailable").asBoolean()).isTrue();
    assertThat(none.has("_embedded")).as(none.toString()).isFalse();
    assertThat(names(none)).isEmpty();
    assertThat(none.get("moreResultsAvailable").asBoolean()).isFalse();
  }

  @Test
  void a_search_without_a_usable_query_or_limit_is_400_naming_it() {
    String search = alice.link("people/search");
    Map<String, String> cases =
        Map.of(
            "",
            "query",
            "query=",
            "query",
            "query=%20%20",
            "query",
            "query=" + "x".repeat(257),
            "query",
            "query=a&limit=0",
            "limit",
            "query=a&limit=101",
            "limit",
            "query=a&limit=few",
            "limit");

    cases.forEach(
        (params, parameter) -> {
          UcwaClient.Response r = alice.get(with(search, params));
          assertError(r, 400, "ParameterValidationFailure");
          assertThat(r.json().at("/parameters/" + parameter).isMissingNode())
              .as(params + " names " + parameter)
              .isFalse();
        });
    assertThat(alice.get(with(search, "query=" + "x".repeat(256))).status()).isEqualTo(200);
  }

  private static List<String> names(JsonNode search) {
    return StreamSupport.stream(search.at("/_embedded/contact").spliterator(), false)
        .map(n -> n.get("name").asText())
        .toList();
  }

  // --- scopes --------------------------------------------------------------------------------

  @Test
  void each_people_resource_asks_for_the_scopes_its_reference_page_lists() throws Exception {
    UcwaClient limited = server.client("alice").scope("User.ReadWrite");
    limited.createApplication("people-scoped");
    JsonNode bob = contact(alice, "bob");

    assertThat(limited.get(limited.link("people/myContacts")).status())
        .as("myContacts lists User.ReadWrite")
        .isEqualTo(200);
    assertThat(limited.get(limited.link("people/self")).status()).isEqualTo(403);
    assertThat(limited.get(limited.link("people/search") + "?query=bob").status()).isEqualTo(403);
    for (String rel : List.of("self", "contactPresence", "contactPhoto")) {
      assertThat(
              limited
                  .get(
                      bob.at("/_links/" + rel + "/href")
                          .asText()
                          .replace(
                              alice.application().get("id").asText(),
                              limited.application().get("id").asText()))
                  .status())
          .as(rel)
          .isEqualTo(403);
    }
    assertThat(bytes(limited, limited.link("me/photo"), Map.of()).statusCode()).isEqualTo(200);
  }
}
