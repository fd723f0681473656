package org.openucwa.audit;

/** Which invitation resource a record is about. */
public enum InvitationKind {
  /** An outgoing messagingInvitation: an IM to another user. */
  messaging,
  /** An onlineMeetingInvitation: an invitation to join a conference (received, or to join one). */
  onlineMeeting,
  /** A participantInvitation: addParticipant. */
  participantInvitation
}
