package org.openucwa.operation;

import java.util.Objects;
import java.util.Optional;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Reason;

/**
 * The life of an operation resource (OperationResource.md): started once, updated any number of
 * times, completed once with a status and, on failure, a reason. The client's {@code operationId}
 * travels with it so that every event about it can be matched to the POST that began it, even when
 * the event arrives before the 201. Each transition returns the event it causes; an illegal one is
 * refused. Invitations and other long-running operations keep one of these.
 *
 * <p>Threading: guarded by this object's monitor.
 */
public final class Operation {

  /** Where an operation is in its life. */
  public enum Stage {
    NotStarted,
    Started,
    Completed
  }

  /** An event an operation causes: its type and, for the completed event, how it ended. */
  public record Event(EventType type, Optional<OperationStatus> status, Optional<Reason> reason) {}

  private final Optional<String> operationId;
  private Stage stage = Stage.NotStarted;
  private OperationStatus status;
  private Reason reason;

  public Operation(Optional<String> operationId) {
    this.operationId = Objects.requireNonNull(operationId, "operationId");
  }

  public Optional<String> operationId() {
    return operationId;
  }

  public synchronized Stage stage() {
    return stage;
  }

  public synchronized boolean isFinished() {
    return stage == Stage.Completed;
  }

  /** The outcome, once completed. */
  public synchronized Optional<OperationStatus> status() {
    return Optional.ofNullable(status);
  }

  public synchronized Optional<Reason> reason() {
    return Optional.ofNullable(reason);
  }

  public synchronized Event start() {
    if (stage != Stage.NotStarted) {
      throw refused("has already started");
    }
    stage = Stage.Started;
    return new Event(EventType.started, Optional.empty(), Optional.empty());
  }

  public synchronized Event update() {
    if (stage != Stage.Started) {
      throw refused(stage == Stage.Completed ? "has already completed" : "has not started");
    }
    return new Event(EventType.updated, Optional.empty(), Optional.empty());
  }

  public synchronized Event succeed() {
    return complete(OperationStatus.Success, null);
  }

  public synchronized Event fail(Reason why) {
    return complete(OperationStatus.Failure, Objects.requireNonNull(why, "why"));
  }

  private Event complete(OperationStatus outcome, Reason why) {
    if (stage != Stage.Started) {
      throw refused(stage == Stage.Completed ? "has already completed" : "has not started");
    }
    stage = Stage.Completed;
    status = outcome;
    reason = why;
    return new Event(EventType.completed, Optional.of(outcome), Optional.ofNullable(why));
  }

  private static UcwaException refused(String what) {
    return UcwaException.conflict(Subcode.OperationNotSupported, "The operation " + what + ".");
  }
}
