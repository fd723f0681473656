package org.openucwa.history;

/** How a logged conversation went (ConversationLogStatus_ref.md). */
public enum ConversationLogStatus {
  /** Answered. */
  Archived,
  /** Missed: an incoming invitation that was never accepted. */
  Missed
}
