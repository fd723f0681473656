package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Notes, locations and phones, served over HTTP, compared in JSON and in XML with the expected
 * files taken from the samples of note_ref.md (GetMyNoteInformation.md), contactNote_ref.md,
 * location_ref.md, contactLocation_ref.md, phones_ref.md and phone_ref.md. alice sets a note, a
 * location and her other number; bob reads them on alice's contact. The events alice hears of her
 * own changes are recorded as they happen.
 */
class ProfileFormatsTest {

  private static TestServer server;
  private static final Recordings recorded = new Recordings();

  @BeforeAll
  static void exchange() {
    server = TestServer.start();
    UcwaClient alice = server.availableUnread("alice", "wire-profile-alice");
    UcwaClient bob = server.availableUnread("bob", "wire-profile-bob");
    EventPhases aliceEvents = new EventPhases(alice);
    aliceEvents.readUntil("communication", "updated");

    JsonNode me = alice.get(alice.link("me/self")).json();
    String note = me.at("/_links/note/href").asText();
    String location = me.at("/_links/location/href").asText();
    assertThat(alice.postJson(note, "{\"message\":\"Heads down today\"}").status()).isEqualTo(204);
    recorded.phase("events-note-updated", aliceEvents.readUntil("note", "updated"), alice);
    assertThat(alice.postJson(location, "{\"location\":\"By the beach...\"}").status())
        .isEqualTo(204);
    recorded.phase("events-location-updated", aliceEvents.readUntil("location", "updated"), alice);

    String phones = me.at("/_links/phones/href").asText();
    JsonNode other = alice.get(phones).json().at("/_embedded/phone/3");
    assertThat(
            alice
                .postJson(
                    other.at("/_links/changeNumber/href").asText(),
                    "{\"number\":\"tel:+1425554321;ext=54321\",\"includeInContactCard\":false}")
                .status())
        .isEqualTo(204);

    recorded.read(alice, note, "note");
    recorded.read(alice, location, "location");
    recorded.read(alice, phones, "phones");
    recorded.read(alice, other.at("/_links/self/href").asText(), "phone");
    JsonNode contact = bob.get(bob.link("people/myContacts")).json().at("/_embedded/contact/0");
    assertThat(contact.get("uri").asText()).isEqualTo("sip:alice@contoso.com");
    recorded.read(bob, contact.at("/_links/contactNote/href").asText(), "contactNote");
    recorded.read(bob, contact.at("/_links/contactLocation/href").asText(), "contactLocation");
    recorded.read(
        bob,
        contact.at("/_links/contactSupportedModalities/href").asText(),
        "contactSupportedModalities");
    recorded.read(bob, contact.at("/_links/contactPresence/href").asText(), "contactPresence");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void my_note_is_served_as_get_my_note_information_shows_it(WireFormat wire) {
    recorded.assertServed("note", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contacts_note_is_served_as_contact_note_ref_shows_it(WireFormat wire) {
    recorded.assertServed("contactNote", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void my_location_is_served_as_location_ref_shows_it(WireFormat wire) {
    recorded.assertServed("location", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contacts_location_is_served_as_contact_location_ref_shows_it(WireFormat wire) {
    recorded.assertServed("contactLocation", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void my_phones_are_served_as_phones_ref_shows_them(WireFormat wire) {
    recorded.assertServed("phones", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void one_phone_is_served_as_phone_ref_shows_it(WireFormat wire) {
    recorded.assertServed("phone", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void setting_my_note_is_heard_as_note_ref_shows_it(WireFormat wire) {
    recorded.assertPhase("events-note-updated", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void setting_my_location_is_heard_as_location_ref_shows_it(WireFormat wire) {
    recorded.assertPhase("events-location-updated", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contacts_supported_modalities_are_served_as_their_reference_page_shows_them(
      WireFormat wire) {
    recorded.assertServed("contactSupportedModalities", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_contacts_presence_is_served_as_contact_presence_ref_shows_it(WireFormat wire) {
    recorded.assertServed("contactPresence", wire);
  }
}
