package org.openucwa.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openucwa.conversation.ConferenceSignals;
import org.openucwa.conversation.Content;
import org.openucwa.conversation.Importance;
import org.openucwa.conversation.Role;
import org.openucwa.people.ContactAspect;
import org.openucwa.people.PeopleSignals;
import org.openucwa.resource.Reason;
import org.openucwa.routing.Signal;

/** The compact form signals cross nodes in: every signal type, each value as it was. */
class SignalCodecTest {

  private static final org.openucwa.conversation.Signals.Party ALICE =
      new org.openucwa.conversation.Signals.Party("sip:alice@contoso.com", "Alice Smith");

  @Test
  void every_signal_type_of_the_server_can_cross_nodes() {
    List<Class<?>> signals =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openucwa")
                .stream()
                .filter(c -> c.isAssignableTo(Signal.class) && !c.isInterface())
                .map(JavaClass::reflect)
                .toList();

    assertThat(signals).hasSizeGreaterThan(20);
    assertThat(signals).allMatch(Signals::carries, "carried by the cluster codec");
  }

  @Test
  void signals_come_back_equal() {
    ConferenceSignals.Ref ref =
        new ConferenceSignals.Ref("ABC", "sip:alice@contoso.com", "sip:alice@contoso.com;gruu");
    List<Signal> all =
        List.of(
            new org.openucwa.conversation.Signals.Invite(
                "sip:bob@contoso.com",
                "s1",
                ALICE,
                "Sübject ✓",
                Importance.values()[0],
                "thread",
                Optional.of(new Content(Content.Kind.Html, "<b>hi</b>".repeat(20_000))),
                Optional.of(ref)),
            new org.openucwa.conversation.Signals.Invite(
                "sip:bob@contoso.com",
                "s1",
                ALICE,
                "",
                Importance.values()[0],
                "thread",
                Optional.empty(),
                Optional.empty()),
            new org.openucwa.conversation.Signals.Answer(
                "sip:alice@contoso.com",
                "s1",
                ALICE,
                Optional.of(
                    new Reason(
                        "Forbidden", Optional.of("Declined"), Optional.empty(), Map.of("a", "b")))),
            new org.openucwa.conversation.Signals.Chat(
                "sip:bob@contoso.com",
                "s1",
                ALICE,
                42L,
                new Content(Content.Kind.Plain, "hello"),
                Instant.parse("2026-12-01T10:00:00.123456789Z")),
            new ConferenceSignals.Roster(
                "sip:bob@contoso.com",
                ref,
                List.of(
                    new ConferenceSignals.Member(
                        "sip:alice@contoso.com", "Alice", Role.Leader, true, false),
                    new ConferenceSignals.Member(
                        "sip:bob@contoso.com", "Bob", Role.Attendee, false, true)),
                org.openucwa.conversation.AccessLevel.Invited),
            new PeopleSignals.Changed(
                "sip:bob@contoso.com", "sip:alice@contoso.com", ContactAspect.Note),
            new PeopleSignals.Watch("sip:bob@contoso.com", "sip:alice@contoso.com", true),
            new ConferenceSignals.SetAudience(
                "sip:alice@contoso.com",
                "ABC",
                ALICE,
                Optional.of(org.openucwa.conversation.AudienceMessaging.values()[1]),
                Optional.empty()),
            new ConferenceSignals.Audience(
                "sip:bob@contoso.com",
                "ABC",
                org.openucwa.conversation.AudienceMessaging.values()[0],
                org.openucwa.conversation.AudienceMuteLock.values()[1]),
            new ConferenceSignals.MeetingChanged("sip:bob@contoso.com", "ABC"),
            new org.openucwa.people.ContactListSignals.Changed(
                "sip:bob@contoso.com",
                List.of(
                    new org.openucwa.people.ContactListChange.GroupAdded(
                        new org.openucwa.people.ContactGroup(
                            "g1",
                            org.openucwa.people.GroupKind.values()[0],
                            "Team",
                            Optional.empty(),
                            List.of("sip:alice@contoso.com"))),
                    new org.openucwa.people.ContactListChange.MemberAdded(
                        new org.openucwa.people.ContactGroup(
                            "g2",
                            org.openucwa.people.GroupKind.values()[1],
                            "Sales",
                            Optional.of("sip:sales@contoso.com"),
                            List.of()),
                        "sip:carol@contoso.com"),
                    new org.openucwa.people.ContactListChange.ContactDeleted(
                        "sip:dave@contoso.com"))));

    for (Signal s : all) {
      assertThat(Signals.decode(Signals.encode(s))).isEqualTo(s);
    }
    // and in one message, in their order
    assertThat(Signals.decodeAll(Signals.frame(all.stream().map(Signals::encode).toList())))
        .containsExactlyElementsOf(all);
  }

  @Test
  void a_malformed_message_of_signals_is_refused_whole() {
    byte[] one =
        Signals.encode(
            new org.openucwa.conversation.Signals.Answer(
                "sip:alice@contoso.com", "s1", ALICE, Optional.empty()));
    byte[] two = Signals.frame(List.of(one, one));

    assertThat(Signals.decodeAll(two)).hasSize(2);
    assertThat(Signals.decodeAll(Signals.frame(List.of()))).isEmpty();
    assertThatThrownBy(() -> Signals.decodeAll(java.util.Arrays.copyOf(two, two.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Signals.decodeAll(java.util.Arrays.copyOf(two, two.length + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] huge = two.clone();
    huge[0] = 0x7f;
    assertThatThrownBy(() -> Signals.decodeAll(huge)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Signals.decodeAll(new byte[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_form_is_compact() {
    Signal typing =
        new org.openucwa.conversation.Signals.Typing("sip:bob@contoso.com", "s1", ALICE, true);
    // one tag byte, the strings with their lengths, one flag: no names, no class names
    assertThat(Signals.encode(typing).length).isLessThan(80);
  }

  @Test
  void malformed_input_is_refused() {
    assertThatThrownBy(() -> Signals.decode(new byte[] {(byte) 200}))
        .isInstanceOf(RuntimeException.class);
    byte[] good =
        Signals.encode(
            new PeopleSignals.Watch("sip:bob@contoso.com", "sip:alice@contoso.com", true));
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
    assertThatThrownBy(() -> Signals.decode(cut)).isInstanceOf(RuntimeException.class);
  }
}
