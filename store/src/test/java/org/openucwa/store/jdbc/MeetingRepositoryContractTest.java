package org.openucwa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.conversation.AccessLevel;
import org.openucwa.meeting.AutomaticLeaderAssignment;
import org.openucwa.meeting.EntryExitAnnouncement;
import org.openucwa.meeting.InMemoryMeetingRepository;
import org.openucwa.meeting.LobbyBypassForPhoneUsers;
import org.openucwa.meeting.MeetingRepository;
import org.openucwa.meeting.OnlineMeeting;
import org.openucwa.meeting.PhoneUserAdmission;
import org.openucwa.testing.Databases;

/** What every meeting repository does: the in-memory one, and the JDBC one on H2 and PostgreSQL. */
class MeetingRepositoryContractTest {

  private static final String MEMORY = "memory";
  private static final String ALICE = "sip:alice@contoso.com";

  private static void with(String kind, Consumer<MeetingRepository> test) {
    if (kind.equals(MEMORY)) {
      test.accept(new InMemoryMeetingRepository());
      return;
    }
    try (Database db = Databases.fresh(kind)) {
      test.accept(new JdbcMeetingRepository(db));
    }
  }

  private static OnlineMeeting meeting(String id, String conferenceId, boolean assigned) {
    return new OnlineMeeting(
        ALICE,
        id,
        conferenceId,
        assigned,
        Optional.of("Planning"),
        Optional.of("Q3 <plans> & more"),
        List.of("sip:dave@contoso.com", "sip:carol@contoso.com"),
        List.of("sip:bob@contoso.com"),
        AccessLevel.Invited,
        AutomaticLeaderAssignment.SameEnterprise,
        EntryExitAnnouncement.Disabled,
        assigned ? Optional.empty() : Optional.of(Instant.parse("2026-06-01T10:15:30.123Z")),
        LobbyBypassForPhoneUsers.Enabled,
        PhoneUserAdmission.Disabled,
        1);
  }

  @ParameterizedTest
  @ValueSource(strings = {MEMORY, Databases.H2, Databases.POSTGRESQL})
  void aSavedMeetingIsReadBackWhole(String kind) {
    with(
        kind,
        repo -> {
          OnlineMeeting m = meeting("IB88RLLY", "1234567", false);
          repo.save(m);

          assertThat(repo.find(ALICE, "IB88RLLY")).contains(m);
          assertThat(repo.find("SIP:Alice@Contoso.com", "ib88rlly")).contains(m);
          assertThat(repo.findByConferenceId("1234567")).contains(m);
          assertThat(repo.find("sip:bob@contoso.com", "IB88RLLY")).isEmpty();
          assertThat(repo.assigned(ALICE)).isEmpty();
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {MEMORY, Databases.H2, Databases.POSTGRESQL})
  void anOrganizersMeetingsAreListedInTheOrderTheyWereCreated(String kind) {
    with(
        kind,
        repo -> {
          OnlineMeeting assigned = meeting("ASSIGNED", "1000001", true);
          repo.save(meeting("ZZZZZZZZ", "1000002", false));
          repo.save(assigned);
          repo.save(meeting("AAAAAAAA", "1000003", false));

          assertThat(repo.forOrganizer(ALICE))
              .extracting(OnlineMeeting::onlineMeetingId)
              .containsExactly("ZZZZZZZZ", "ASSIGNED", "AAAAAAAA");
          assertThat(repo.assigned(ALICE)).contains(assigned);
          assertThat(repo.forOrganizer("sip:bob@contoso.com")).isEmpty();
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {MEMORY, Databases.H2, Databases.POSTGRESQL})
  void savingAgainReplacesTheSettingsAndListsKeepingTheOrder(String kind) {
    with(
        kind,
        repo -> {
          OnlineMeeting first = meeting("FIRST001", "1000001", false);
          repo.save(first);
          repo.save(meeting("SECOND02", "1000002", false));
          OnlineMeeting changed =
              new OnlineMeeting(
                  ALICE,
                  "FIRST001",
                  "1000001",
                  false,
                  Optional.empty(),
                  Optional.empty(),
                  List.of(),
                  List.of("sip:carol@contoso.com", "sip:bob@contoso.com"),
                  AccessLevel.Everyone,
                  AutomaticLeaderAssignment.Disabled,
                  EntryExitAnnouncement.Disabled,
                  Optional.of(Instant.parse("2027-01-01T00:00:00Z")),
                  LobbyBypassForPhoneUsers.Disabled,
                  PhoneUserAdmission.Enabled,
                  2);

          repo.save(changed);

          assertThat(repo.find(ALICE, "FIRST001")).contains(changed);
          assertThat(repo.forOrganizer(ALICE))
              .extracting(OnlineMeeting::onlineMeetingId)
              .containsExactly("FIRST001", "SECOND02");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {MEMORY, Databases.H2, Databases.POSTGRESQL})
  void aDeletedMeetingIsGoneByIdAndByConferenceId(String kind) {
    with(
        kind,
        repo -> {
          repo.save(meeting("GONE0001", "7654321", false));

          assertThat(repo.delete(ALICE, "gone0001")).isTrue();
          assertThat(repo.delete(ALICE, "GONE0001")).isFalse();
          assertThat(repo.find(ALICE, "GONE0001")).isEmpty();
          assertThat(repo.findByConferenceId("7654321")).isEmpty();
          assertThat(repo.forOrganizer(ALICE)).isEmpty();
        });
  }
}
