package org.openucwa.meeting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openucwa.conversation.AccessLevel;

/**
 * A scheduled online meeting as its organizer keeps it (myOnlineMeeting_ref.md), or the user's
 * assigned meet-now meeting (myAssignedOnlineMeeting_ref.md). Immutable: an update makes a new
 * value with the next version, whose entity tag differs.
 *
 * @param onlineMeetingId unique among the organizer's meetings; part of the onlineMeetingUri
 * @param conferenceId the numeric id a phone user would dial in with, unique on the server
 * @param assigned whether this is the user's assigned meeting, which has no expiration
 * @param expirationTime when the meeting stops being joinable; empty for the assigned meeting
 */
public record OnlineMeeting(
    String organizerUri,
    String onlineMeetingId,
    String conferenceId,
    boolean assigned,
    Optional<String> subject,
    Optional<String> description,
    List<String> attendees,
    List<String> leaders,
    AccessLevel accessLevel,
    AutomaticLeaderAssignment automaticLeaderAssignment,
    EntryExitAnnouncement entryExitAnnouncement,
    Optional<Instant> expirationTime,
    LobbyBypassForPhoneUsers lobbyBypassForPhoneUsers,
    PhoneUserAdmission phoneUserAdmission,
    long version) {

  public OnlineMeeting {
    Objects.requireNonNull(organizerUri, "organizerUri");
    Objects.requireNonNull(onlineMeetingId, "onlineMeetingId");
    attendees = List.copyOf(attendees);
    leaders = List.copyOf(leaders);
  }

  /** {@code sip:organizer@domain;gruu;opaque=app:conf:focus:id:ID}, as for ad hoc meetings. */
  public String onlineMeetingUri() {
    return organizerUri + ";gruu;opaque=app:conf:focus:id:" + onlineMeetingId;
  }

  /** The URI older clients join with (myOnlineMeeting_ref.md's legacyOnlineMeetingUri). */
  public String legacyOnlineMeetingUri() {
    return "conf:" + onlineMeetingUri();
  }

  /** The entity tag: it changes with every update. */
  public String etag() {
    return Integer.toUnsignedString(Objects.hash(organizerUri, onlineMeetingId, version));
  }

  /** Whether the meeting can still be joined at that instant. */
  public boolean isExpiredAt(Instant now) {
    return expirationTime.map(t -> !t.isAfter(now)).orElse(false);
  }

  /** Whether the user is the organizer or on the leaders list. */
  public boolean isLeader(String userUri) {
    return organizerUri.equalsIgnoreCase(userUri)
        || leaders.stream().anyMatch(l -> l.equalsIgnoreCase(userUri));
  }

  /** Whether the user is the organizer, a listed leader or a listed attendee. */
  public boolean isInvited(String userUri) {
    return isLeader(userUri) || attendees.stream().anyMatch(a -> a.equalsIgnoreCase(userUri));
  }
}
