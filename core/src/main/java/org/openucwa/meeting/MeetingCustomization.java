package org.openucwa.meeting;

import java.util.Optional;

/**
 * What the operator says of every meeting on the server (decision 0052): the conference disclaimer
 * each onlineMeeting shows (onlineMeeting_ref.md's disclaimerTitle and disclaimerBody), the values
 * recommended for meeting invitations (onlineMeetingInvitationCustomization_ref.md), and the audio
 * conference provider phone users would dial (phoneDialInInformation_ref.md). Each is absent until
 * configured. Immutable.
 */
public record MeetingCustomization(
    Optional<String> disclaimerTitle,
    Optional<String> disclaimerBody,
    Optional<String> enterpriseHelpUrl,
    Optional<String> invitationFooterText,
    Optional<String> invitationHelpUrl,
    Optional<String> invitationLegalUrl,
    Optional<String> invitationLogoUrl,
    Optional<AudioConferenceProvider> audioConferenceProvider) {

  /** Nothing configured. */
  public static final MeetingCustomization NONE =
      new MeetingCustomization(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
}
