package org.openucwa.meeting;

import java.time.Duration;
import java.util.List;
import org.openucwa.conversation.AccessLevel;

/**
 * What an organizer may schedule: the default of each setting (onlineMeetingDefaultValues_ref.md),
 * the values allowed (onlineMeetingEligibleValues_ref.md) and the limits (onlineMeetingPolicies
 * _ref.md's meetingSize, and the lengths and counts of docs/decisions/0038).
 */
public record MeetingPolicy(
    AccessLevel defaultAccessLevel,
    AutomaticLeaderAssignment defaultAutomaticLeaderAssignment,
    EntryExitAnnouncement defaultEntryExitAnnouncement,
    LobbyBypassForPhoneUsers defaultLobbyBypassForPhoneUsers,
    PhoneUserAdmission defaultPhoneUserAdmission,
    List<AccessLevel> accessLevels,
    List<AutomaticLeaderAssignment> automaticLeaderAssignments,
    List<EntryExitAnnouncement> entryExitAnnouncements,
    List<LobbyBypassForPhoneUsers> lobbyBypassForPhoneUsersSettings,
    int meetingSize,
    int maxSubjectLength,
    int maxDescriptionLength,
    int maxMeetingsPerOrganizer,
    Duration defaultLifetime,
    Duration maxLifetime) {

  public MeetingPolicy {
    accessLevels = List.copyOf(accessLevels);
    automaticLeaderAssignments = List.copyOf(automaticLeaderAssignments);
    entryExitAnnouncements = List.copyOf(entryExitAnnouncements);
    lobbyBypassForPhoneUsersSettings = List.copyOf(lobbyBypassForPhoneUsersSettings);
  }

  /** The server's policy (decision 0038). */
  public static MeetingPolicy standard() {
    return new MeetingPolicy(
        AccessLevel.SameEnterprise,
        AutomaticLeaderAssignment.Disabled,
        EntryExitAnnouncement.Disabled,
        LobbyBypassForPhoneUsers.Disabled,
        PhoneUserAdmission.Disabled,
        List.of(
            AccessLevel.Locked,
            AccessLevel.Invited,
            AccessLevel.SameEnterprise,
            AccessLevel.Everyone),
        List.of(
            AutomaticLeaderAssignment.Disabled,
            AutomaticLeaderAssignment.SameEnterprise,
            AutomaticLeaderAssignment.Everyone),
        List.of(EntryExitAnnouncement.Disabled),
        List.of(LobbyBypassForPhoneUsers.Disabled, LobbyBypassForPhoneUsers.Enabled),
        250,
        256,
        2048,
        1000,
        Duration.ofHours(8),
        Duration.ofDays(3653));
  }
}
