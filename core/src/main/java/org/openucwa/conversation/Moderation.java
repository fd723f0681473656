package org.openucwa.conversation;

/** What a leader can do to another participant of a conference. */
public enum Moderation {
  Eject,
  Promote,
  Demote,
  Admit,
  Reject
}
