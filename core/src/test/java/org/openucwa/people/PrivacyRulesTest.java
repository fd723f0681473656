package org.openucwa.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openucwa.application.Modality;

/** Each relationship level against what the contact sees of the user (decision 0036). */
class PrivacyRulesTest {

  private static final Presence BUSY =
      new Presence(
          ContactAvailability.Busy,
          "in-a-meeting",
          Optional.of(Instant.parse("2024-05-01T12:00:00Z")));

  /** Every phone set and shared, a note, an out-of-office note and a location. */
  private static final Profile FULL =
      new Profile(
          Optional.of("Heads down"),
          Optional.empty(),
          Optional.of("Building 4"),
          Map.of(
              PhoneType.Work, phone(PhoneType.Work, true),
              PhoneType.Mobile, phone(PhoneType.Mobile, true),
              PhoneType.Home, phone(PhoneType.Home, true),
              PhoneType.Other, phone(PhoneType.Other, true)));

  private static Phone phone(PhoneType type, boolean shared) {
    return new Phone(type, Optional.of("tel:+1" + type.ordinal()), shared, true);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // level          | availability | activity     | lastActive | note  | location | phones
        "Blocked          | Offline      | Offline      | false      | false | false    | ''",
        "External         | Busy         | in-a-meeting | false      | false | false    | ''",
        "Colleagues       | Busy         | in-a-meeting | true       | true  | true     | Work Mobile Home Other",
        "Unknown          | Busy         | in-a-meeting | true       | true  | true     | Work Mobile Home Other",
        "Workgroup        | Busy         | in-a-meeting | true       | true  | true     | Work Mobile Home Other",
        "FriendsAndFamily | Busy         | in-a-meeting | true       | true  | true     | Work Mobile Home Other",
      })
  void each_level_sees_its_share(
      PrivacyRelationshipLevel level,
      ContactAvailability availability,
      String activity,
      boolean lastActive,
      boolean note,
      boolean location,
      String phones) {
    Presence p = PrivacyRules.presence(level, BUSY);
    assertThat(p.availability()).isEqualTo(availability);
    assertThat(p.activity()).isEqualTo(activity);
    assertThat(p.lastActive().isPresent()).isEqualTo(lastActive);

    Profile seen = PrivacyRules.profile(level, FULL);
    assertThat(seen.note().message().isPresent()).isEqualTo(note);
    assertThat(seen.location().isPresent()).isEqualTo(location);
    Set<String> shown =
        seen.phoneList().stream()
            .filter(ph -> ph.shown().isPresent())
            .map(ph -> ph.type().name())
            .collect(Collectors.toSet());
    assertThat(shown)
        .containsExactlyInAnyOrderElementsOf(
            phones.isBlank() ? List.of() : List.of(phones.split(" ")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Blocked, 0", "External, 2", "Colleagues, 2", "FriendsAndFamily, 2"})
  void only_a_blocked_contact_loses_the_modalities(PrivacyRelationshipLevel level, int count) {
    assertThat(PrivacyRules.modalities(level, List.of(Modality.Messaging, Modality.Audio)))
        .hasSize(count);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Blocked", "External", "Colleagues", "Workgroup", "FriendsAndFamily"})
  void an_unshared_phone_stays_hidden_at_every_level(PrivacyRelationshipLevel level) {
    Profile hidden = FULL.withPhone(phone(PhoneType.Work, false));
    assertThat(PrivacyRules.profile(level, hidden).phone(PhoneType.Work).shown()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void the_out_of_office_note_is_hidden_from_blocked_and_external_contacts_only() {
    Profile away = FULL.withPersonalNote(Optional.empty());
    away = new Profile(Optional.empty(), Optional.of("On leave"), away.location(), away.phones());
    assertThat(PrivacyRules.profile(PrivacyRelationshipLevel.Blocked, away).note().message())
        .isEmpty();
    assertThat(PrivacyRules.profile(PrivacyRelationshipLevel.External, away).note().message())
        .isEmpty();
    assertThat(PrivacyRules.profile(PrivacyRelationshipLevel.Colleagues, away).note().message())
        .contains("On leave");
  }

  @org.junit.jupiter.api.Test
  void the_repository_keeps_a_level_per_owner_and_contact_and_forgets_it_on_reset() {
    PrivacyRelationships r = new InMemoryPrivacyRelationships();
    r.assign("sip:a@x", "sip:b@x", PrivacyRelationshipLevel.Blocked);
    assertThat(r.levelOf("sip:a@x", "sip:b@x")).isEqualTo(PrivacyRelationshipLevel.Blocked);
    assertThat(r.levelOf("sip:b@x", "sip:a@x")).isEqualTo(PrivacyRelationshipLevel.Colleagues);
    assertThat(r.assignedBy("sip:a@x")).containsOnlyKeys("sip:b@x");
    r.reset("sip:a@x", "sip:b@x");
    assertThat(r.assigned("sip:a@x", "sip:b@x")).isEmpty();
    assertThat(r.assignedBy("sip:a@x")).isEmpty();
  }
}
