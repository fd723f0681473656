package org.openucwa.meeting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openucwa.conversation.AccessLevel;

/**
 * The settings a client sends to schedule or update a meeting (the request body of
 * myOnlineMeetings_ref.md's POST and myOnlineMeeting_ref.md's PUT). Every field is optional: when
 * scheduling, an absent one takes its default value; when updating, it keeps its current value.
 */
public record MeetingRequest(
    Optional<String> subject,
    Optional<String> description,
    Optional<List<String>> attendees,
    Optional<List<String>> leaders,
    Optional<AccessLevel> accessLevel,
    Optional<AutomaticLeaderAssignment> automaticLeaderAssignment,
    Optional<EntryExitAnnouncement> entryExitAnnouncement,
    Optional<Instant> expirationTime,
    Optional<LobbyBypassForPhoneUsers> lobbyBypassForPhoneUsers,
    Optional<PhoneUserAdmission> phoneUserAdmission) {

  public static MeetingRequest empty() {
    return new MeetingRequest(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
