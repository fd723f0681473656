package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.List;
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
 * Notes, locations and phones as clients see them over HTTP: each user sets their own through me,
 * and the others read them on the contact. Three users: ann and ben set things, cleo is out of
 * office (the users file gives her an out-of-office note). Each test uses its own fields.
 */
class ProfileScenarioTest {

  private static TestServer server;
  private static UcwaClient ann;
  private static UcwaClient ben;
  private static UcwaClient cleo;

  @BeforeAll
  static void start() {
    server = TestServer.start(b -> b.directory(office()));
    ann = available("ann");
    ben = available("ben");
    cleo = available("cleo");
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
            User.builder("sip:ann@contoso.com", "Ann Example")
                .credential(c)
                .workPhoneNumber("tel:+14255550100")
                .build(),
            User.builder("sip:ben@contoso.com", "Ben Example").credential(c).build(),
            User.builder("sip:cleo@contoso.com", "Cleo Example")
                .credential(c)
                .outOfOfficeNote("On leave until Monday")
                .build()));
  }

  private static UcwaClient available(String name) {
    return server.availableUnread(name, "profile-" + name);
  }

  /** The contact as {@code viewer} gets it from its contact list. */
  private static JsonNode contact(UcwaClient viewer, String name) {
    JsonNode list = viewer.get(viewer.link("people/myContacts")).json();
    for (JsonNode c : list.at("/_embedded/contact")) {
      if (c.get("uri").asText().equals("sip:" + name + "@contoso.com")) {
        return c;
      }
    }
    throw new AssertionError("no " + name + " in " + list);
  }

  private static JsonNode me(UcwaClient c) {
    return c.get(c.link("me/self")).json();
  }

  @Test
  void make_me_available_adds_note_and_location_after_presence() {
    UcwaClient second = server.client("ben");
    second.createApplication("profile-ben-2");
    second.makeAvailable();
    EventStream events = second.events();
    events.await("presence", "added");
    EventStream.Event note = events.await("note", "added");
    EventStream.Event location = events.await("location", "added");
    assertThat(note.sender()).isEqualTo("me");
    assertThat(location.sender()).isEqualTo("me");
    JsonNode me = me(second);
    assertThat(me.at("/_links/note/href").asText()).endsWith("/me/note");
    assertThat(me.at("/_links/location/href").asText()).endsWith("/me/location");
    assertThat(me.at("/_links/phones/href").asText()).endsWith("/me/phones");
  }

  @Test
  void a_personal_note_is_set_shown_to_contacts_and_reset() {
    String note = ann.link("me/self").replace("/me", "/me/note");
    assertThat(me(ann).at("/_links/note/href").asText()).isEqualTo(note);
    EventStream events = ann.events();
    assertThat(ann.postJson(note, "{\"Message\":\"Heads down today\"}").status()).isEqualTo(204);
    EventStream.Event updated = events.await("note", "updated");
    assertThat(updated.sender()).isEqualTo("me");
    JsonNode mine = ann.get(note).json();
    assertThat(mine.get("message").asText()).isEqualTo("Heads down today");
    assertThat(mine.get("type").asText()).isEqualTo("Personal");

    String contactNote = contact(ben, "ann").at("/_links/contactNote/href").asText();
    JsonNode seen = ben.get(contactNote).json();
    assertThat(seen.get("rel").asText()).isEqualTo("contactNote");
    assertThat(seen.get("message").asText()).isEqualTo("Heads down today");
    assertThat(seen.get("type").asText()).isEqualTo("Personal");

    assertThat(ann.postJson(note, "{\"message\":\"\"}").status()).isEqualTo(204);
    events.await("note", "updated");
    assertThat(ben.get(contactNote).json().has("message")).isFalse();
  }

  @Test
  void the_out_of_office_note_of_the_users_file_is_what_everyone_sees() {
    String note = me(cleo).at("/_links/note/href").asText();
    JsonNode mine = cleo.get(note).json();
    assertThat(mine.get("message").asText()).isEqualTo("On leave until Monday");
    assertThat(mine.get("type").asText()).isEqualTo("OutOfOffice");
    assertThat(cleo.postJson(note, "{\"message\":\"back soon\"}").status()).isEqualTo(204);
    JsonNode seen = ann.get(contact(ann, "cleo").at("/_links/contactNote/href").asText()).json();
    assertThat(seen.get("message").asText()).isEqualTo("On leave until Monday");
    assertThat(seen.get("type").asText()).isEqualTo("OutOfOffice");
  }

  @Test
  void a_note_too_long_or_before_make_me_available_is_refused_and_changes_nothing() {
    String note = me(ben).at("/_links/note/href").asText();
    assertThat(ben.postJson(note, "{\"message\":\"kept\"}").status()).isEqualTo(204);
    ErrorBody e =
        assertJsonError(
            ben.postJson(note, "{\"message\":\"" + "x".repeat(501) + "\"}"),
            400,
            "BadRequest",
            "ParameterValidationFailure");
    assertThat(e.parameters()).containsKey("message");
    assertThat(ben.get(note).json().get("message").asText()).isEqualTo("kept");

    UcwaClient lurker = server.client("ben");
    lurker.createApplication("profile-ben-lurker");
    String lurkerNote = lurker.link("me/self") + "/note";
    assertJsonError(lurker.get(lurkerNote), 409, "Conflict", "MakeMeAvailableRequired");
    assertJsonError(
        lurker.postJson(lurkerNote, "{\"message\":\"nope\"}"),
        409,
        "Conflict",
        "MakeMeAvailableRequired");
    assertThat(ben.get(note).json().get("message").asText()).isEqualTo("kept");
    assertThat(me(lurker).at("/_links/note").isMissingNode()).isTrue();
  }

  @Test
  void a_location_is_set_and_shown_to_contacts() {
    String location = me(ben).at("/_links/location/href").asText();
    EventStream events = ben.events();
    assertThat(ben.postJson(location, "{\"location\":\"Building 7\"}").status()).isEqualTo(204);
    assertThat(events.await("location", "updated").sender()).isEqualTo("me");
    assertThat(ben.get(location).json().get("location").asText()).isEqualTo("Building 7");
    String contactLocation = contact(cleo, "ben").at("/_links/contactLocation/href").asText();
    JsonNode seen = cleo.get(contactLocation).json();
    assertThat(seen.get("rel").asText()).isEqualTo("contactLocation");
    assertThat(seen.get("location").asText()).isEqualTo("Building 7");

    assertJsonError(
        ben.postJson(location, "{\"location\":\"" + "y".repeat(61) + "\"}"),
        400,
        "BadRequest",
        "ParameterValidationFailure");
    assertThat(cleo.get(contactLocation).json().get("location").asText()).isEqualTo("Building 7");
  }

  @Test
  void phones_list_every_type_and_only_numbers_outside_the_directory_can_be_changed() {
    JsonNode phones = ann.get(me(ann).at("/_links/phones/href").asText()).json();
    JsonNode list = phones.at("/_embedded/phone");
    assertThat(list).hasSize(4);
    JsonNode work = list.get(0);
    assertThat(work.get("type").asText()).isEqualTo("Work");
    assertThat(work.get("number").asText()).isEqualTo("tel:+14255550100");
    assertThat(work.get("includeInContactCard").asBoolean()).isTrue();
    assertThat(work.at("/_links/changeNumber").isMissingNode()).isTrue();
    String workChange = work.at("/_links/self/href").asText() + "/changeNumber";
    assertJsonError(ann.postJson(workChange, "{\"number\":\"tel:+1\"}"), 403, "Forbidden", null);

    JsonNode mobile = list.get(1);
    assertThat(mobile.get("type").asText()).isEqualTo("Mobile");
    assertThat(mobile.has("number")).isFalse();
    String changeNumber = mobile.at("/_links/changeNumber/href").asText();
    String changeVisibility = mobile.at("/_links/changeVisibility/href").asText();
    String etagBefore = contact(ben, "ann").get("etag").asText();

    assertThat(
            ann.postJson(
                    changeNumber, "{\"number\":\"tel:+14255550199\",\"includeInContactCard\":true}")
                .status())
        .isEqualTo(204);
    JsonNode seen = contact(ben, "ann");
    assertThat(seen.get("mobilePhoneNumber").asText()).isEqualTo("tel:+14255550199");
    assertThat(seen.get("workPhoneNumber").asText()).isEqualTo("tel:+14255550100");
    assertThat(seen.get("etag").asText()).isNotEqualTo(etagBefore);
    assertThat(me(ann).get("mobilePhoneNumber").asText()).isEqualTo("tel:+14255550199");

    assertThat(ann.postJson(changeVisibility, "{\"includeInContactCard\":false}").status())
        .isEqualTo(204);
    assertThat(contact(ben, "ann").has("mobilePhoneNumber")).isFalse();
    assertThat(me(ann).get("mobilePhoneNumber").asText()).isEqualTo("tel:+14255550199");
    JsonNode phone = ann.get(mobile.at("/_links/self/href").asText()).json();
    assertThat(phone.get("includeInContactCard").asBoolean()).isFalse();
    assertThat(phone.get("number").asText()).isEqualTo("tel:+14255550199");

    assertJsonError(
        ann.postJson(changeNumber, "{\"number\":\"" + "9".repeat(81) + "\"}"),
        400,
        "BadRequest",
        "ParameterValidationFailure");
    assertJsonError(
        ann.postJson(changeVisibility, "{\"includeInContactCard\":\"maybe\"}"),
        400,
        "BadRequest",
        "ParameterValidationFailure");
    assertThat(ann.get(mobile.at("/_links/self/href").asText()).json().get("number").asText())
        .isEqualTo("tel:+14255550199");
    assertJsonError(
        ann.get(mobile.at("/_links/self/href").asText().replace("mobile", "fax")),
        404,
        "NotFound",
        "ResourceNotFound");
  }

  @Test
  void a_contacts_supported_modalities_and_device_type_follow_their_applications() {
    UcwaClient dora = server.client("ann");
    dora.createApplication("profile-ann-modalities");
    JsonNode annSeen = contact(cleo, "ann");
    JsonNode modalities =
        cleo.get(annSeen.at("/_links/contactSupportedModalities/href").asText()).json();
    assertThat(modalities.get("rel").asText()).isEqualTo("contactSupportedModalities");
    assertThat(modalities.at("/modalities/0").asText()).isEqualTo("Messaging");
    JsonNode presence = cleo.get(annSeen.at("/_links/contactPresence/href").asText()).json();
    assertThat(presence.get("deviceType").asText()).isEqualTo("Web");

    UcwaClient lurker = server.client("ben");
    lurker.createApplication("profile-ben-modalities");
    JsonNode nobody = contact(ann, "cleo");
    assertThat(nobody.at("/_links/contactSupportedModalities/href").asText())
        .endsWith("/people/cleo@contoso.com/supportedMedia");
    assertJsonError(
        ann.get(
            nobody
                .at("/_links/contactSupportedModalities/href")
                .asText()
                .replace("cleo@", "nobody@")),
        404,
        "NotFound",
        "ResourceNotFound");
  }

  @Test
  void an_unknown_contact_has_no_note_or_location() {
    String href = contact(ann, "ben").at("/_links/contactNote/href").asText();
    assertJsonError(ann.get(href.replace("ben@", "nobody@")), 404, "NotFound", "ResourceNotFound");
    assertJsonError(
        ann.get(href.replace("ben@", "nobody@").replace("/note", "/location")),
        404,
        "NotFound",
        "ResourceNotFound");
  }
}
