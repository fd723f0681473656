package org.openucwa.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An invitation as the record keeps it: who invited whom into which conversation, when it started
 * and ended, every state it went through with its time, and how it ended (empty while pending).
 */
public record InvitationRecord(
    String id,
    InvitationKind kind,
    String inviter,
    String invitee,
    String conversation,
    String threadId,
    Optional<String> operationId,
    Instant started,
    Optional<Instant> ended,
    List<StateAt> states,
    Optional<String> outcome,
    Optional<String> reasonCode,
    Optional<String> reasonSubcode,
    Optional<String> reasonMessage) {

  /** A state the invitation entered, and when. */
  public record StateAt(String state, Instant at) {}

  public InvitationRecord {
    states = List.copyOf(states);
  }
}
