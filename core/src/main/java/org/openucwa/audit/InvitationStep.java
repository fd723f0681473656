package org.openucwa.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openucwa.resource.Reason;

/**
 * One step of an invitation as the recorder heard it: its start, an update or its end, with the
 * state it reached and, at the end, its outcome ({@code Success} or {@code Failure}) and reason.
 */
public record InvitationStep(
    String id,
    InvitationKind kind,
    String inviter,
    String invitee,
    String conversation,
    String threadId,
    Optional<String> operationId,
    Stage stage,
    String state,
    Instant at,
    Optional<String> outcome,
    Optional<Reason> reason) {

  /** Where in its life the invitation is. */
  public enum Stage {
    started,
    updated,
    completed
  }

  public InvitationStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }
}
