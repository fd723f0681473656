package org.openucwa.web.meeting;

import java.util.List;
import java.util.function.Function;
import org.openucwa.meeting.MeetingCustomization;
import org.openucwa.meeting.MeetingPolicy;
import org.openucwa.meeting.OnlineMeeting;
import org.openucwa.resource.Resource;
import org.openucwa.web.Paths;

/**
 * Builds the scheduling resources below onlineMeetings: myOnlineMeetings, each myOnlineMeeting (or
 * myAssignedOnlineMeeting), onlineMeetingDefaultValues, onlineMeetingEligibleValues and
 * onlineMeetingPolicies, as their reference pages show them. The join URL is absolute, built by the
 * caller's {@code absolute} function from the public URL.
 */
public final class MeetingAssembler {

  public Resource myOnlineMeetings(
      String appId, List<OnlineMeeting> meetings, Function<String, String> absolute) {
    return Resource.builder("myOnlineMeetings", Paths.myOnlineMeetings(appId))
        .embedAll(
            "myAssignedOnlineMeeting",
            meetings.stream()
                .filter(OnlineMeeting::assigned)
                .map(m -> meeting(appId, m, absolute))
                .toList())
        .embedAll(
            "myOnlineMeeting",
            meetings.stream()
                .filter(m -> !m.assigned())
                .map(m -> meeting(appId, m, absolute))
                .toList())
        .build();
  }

  public Resource meeting(String appId, OnlineMeeting m, Function<String, String> absolute) {
    return Resource.builder(
            m.assigned() ? "myAssignedOnlineMeeting" : "myOnlineMeeting",
            Paths.myOnlineMeeting(appId, m.onlineMeetingId()))
        .property("accessLevel", m.accessLevel())
        .property("attendees", m.attendees())
        .property("automaticLeaderAssignment", m.automaticLeaderAssignment())
        .property("conferenceId", m.conferenceId())
        .property("description", m.description().orElse(null))
        .property("entryExitAnnouncement", m.entryExitAnnouncement())
        .property("expirationTime", m.expirationTime().orElse(null))
        .property("joinUrl", absolute.apply(Paths.joinUrl(m.organizerUri(), m.onlineMeetingId())))
        .property("leaders", m.leaders())
        .property("legacyOnlineMeetingUri", m.legacyOnlineMeetingUri())
        .property("lobbyBypassForPhoneUsers", m.lobbyBypassForPhoneUsers())
        .property("onlineMeetingId", m.onlineMeetingId())
        .property("onlineMeetingRel", "myOnlineMeetings")
        .property("onlineMeetingUri", m.onlineMeetingUri())
        .property("organizerUri", m.organizerUri())
        .property("phoneUserAdmission", m.phoneUserAdmission())
        .property("subject", m.subject().orElse(null))
        .link(
            "onlineMeetingExtensions",
            Paths.myOnlineMeeting(appId, m.onlineMeetingId()) + "/onlineMeetingExtensions")
        .build();
  }

  /**
   * A meeting's onlineMeetingExtensions (onlineMeetingExtensions_ref.md). The API has no way to add
   * one (the reference pages give only GET; a real deployment's come from other clients), so the
   * collection is empty: no {@code _embedded}, as every empty collection (decision 0014).
   */
  public static Resource extensions(String href) {
    return Resource.builder("onlineMeetingExtensions", href).build();
  }

  public Resource defaultValues(String appId, MeetingPolicy p) {
    return Resource.builder("onlineMeetingDefaultValues", Paths.onlineMeetingDefaultValues(appId))
        .property("accessLevel", p.defaultAccessLevel())
        .property("automaticLeaderAssignment", p.defaultAutomaticLeaderAssignment())
        .property("defaultOnlineMeetingRel", "myOnlineMeetings")
        .property("entryExitAnnouncement", p.defaultEntryExitAnnouncement())
        .property("lobbyBypassForPhoneUsers", p.defaultLobbyBypassForPhoneUsers())
        .property("participantsWarningThreshold", p.meetingSize())
        .build();
  }

  public Resource eligibleValues(String appId, MeetingPolicy p, String assignedId) {
    return Resource.builder("onlineMeetingEligibleValues", Paths.onlineMeetingEligibleValues(appId))
        .property("accessLevels", p.accessLevels())
        .property("automaticLeaderAssignments", p.automaticLeaderAssignments())
        .property("eligibleOnlineMeetingRels", List.of("myOnlineMeetings"))
        .property("entryExitAnnouncements", p.entryExitAnnouncements())
        .property("lobbyBypassForPhoneUsersSettings", p.lobbyBypassForPhoneUsersSettings())
        .link("myAssignedOnlineMeeting", Paths.myOnlineMeeting(appId, assignedId))
        .link("myOnlineMeetings", Paths.myOnlineMeetings(appId))
        .build();
  }

  /**
   * onlineMeetingInvitationCustomization: the values the operator recommends for invitations
   * (decision 0052); each property only once configured.
   */
  public Resource invitationCustomization(String appId, MeetingCustomization c) {
    return Resource.builder(
            "onlineMeetingInvitationCustomization",
            Paths.onlineMeetings(appId) + "/onlineMeetingInvitationCustomization")
        .property("enterpriseHelpUrl", c.enterpriseHelpUrl().orElse(null))
        .property("invitationFooterText", c.invitationFooterText().orElse(null))
        .property("invitationHelpUrl", c.invitationHelpUrl().orElse(null))
        .property("invitationLegalUrl", c.invitationLegalUrl().orElse(null))
        .property("invitationLogoUrl", c.invitationLogoUrl().orElse(null))
        .build();
  }

  /**
   * onlineMeetingPolicies: EnforcementPolicy values; the server records the phone settings but has
   * no audio, so announcements, recording and VoIP audio are NotSupported (decision 0038).
   */
  public Resource policies(String appId, MeetingPolicy p) {
    return Resource.builder("onlineMeetingPolicies", Paths.onlineMeetingPolicies(appId))
        .property("entryExitAnnouncement", "NotSupported")
        .property("externalUserMeetingRecording", "NotSupported")
        .property("meetingRecording", "NotSupported")
        .property("meetingSize", p.meetingSize())
        .property("phoneUserAdmission", "Supported")
        .property("voipAudio", "NotSupported")
        .build();
  }
}
