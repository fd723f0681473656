package org.openucwa.conversation;

import org.openucwa.resource.Reason;

/**
 * The reasons conversations and invitations end with, as their events report them. The codes are
 * contextual (ErrorsAndInformationalMessages.md); the subcodes are the reference's own.
 */
final class Reasons {

  private Reasons() {}

  static final Reason DECLINED = Reason.of("Forbidden", "Declined", "The invitation was declined.");
  static final Reason CANCELED =
      Reason.of("Gone", "Canceled", "The invitation was canceled by its sender.");
  static final Reason TIMEOUT =
      Reason.of("Timeout", "Timeout", "The invitation was not answered in time.");
  static final Reason NOT_FOUND =
      Reason.of("NotFound", "DestinationNotFound", "The invited user does not exist.");
  static final Reason UNAVAILABLE =
      Reason.of(
          "ServiceUnavailable",
          "TemporarilyUnavailable",
          "The invited user has no application that can take the invitation.");
  static final Reason ELSEWHERE =
      Reason.of(
          "Gone", "ConnectedElsewhere", "The invitation was answered on another application.");
  static final Reason ENDED_LOCALLY =
      Reason.of("Gone", "CallTerminated", "The conversation was ended.");
  static final Reason ENDED_REMOTELY =
      Reason.of("Gone", "CallTerminated", "The other participant ended the conversation.");
  static final Reason ENDED = Reason.of("Gone", "Ended", "The conference has ended.");
  static final Reason LEFT =
      Reason.of("Gone", "CallTerminated", "The participant left the conversation.");
  static final Reason EJECTED =
      Reason.of("Gone", "Ejected", "The participant was removed from the meeting.");
  static final Reason DENIED =
      Reason.of("Forbidden", "Denied", "A leader turned the participant away from the lobby.");
  static final Reason LOST =
      Reason.of("Gone", "Unreachable", "The other party's server is no longer reachable.");
  static final Reason UNDELIVERED =
      Reason.of("Gone", "Unreachable", "The message could not be delivered to every participant.");
}
