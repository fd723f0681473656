package org.openucwa.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One user's log of one past (or ongoing) conversation: its subject, kind, direction, who took
 * part, when it began and ended, how it went, and whether the user has read it.
 */
public record ConversationLog(
    String id,
    String threadId,
    String subject,
    ConversationLogType type,
    String direction,
    String importance,
    ConversationLogStatus status,
    Instant created,
    Optional<Instant> ended,
    boolean read,
    List<Recipient> recipients) {

  public ConversationLog {
    recipients = List.copyOf(recipients);
  }

  /** A participant of the logged conversation other than its owner. */
  public record Recipient(String uri, String name) {}
}
