package org.openucwa.conversation;

import java.time.Instant;
import java.util.Optional;
import org.openucwa.operation.Operation;

/**
 * One instant message in one application's conversation: outgoing ones are operations that complete
 * when the recipient's side acknowledges them; incoming ones are complete on arrival. Guarded by
 * the lock of the user whose conversation holds it.
 */
public final class Message {

  private final String id;
  private final Direction direction;
  private final Instant timeStamp;
  private final Content content;
  private final Signals.Party sender;
  private final Operation operation;
  private String failedDelivery;

  Message(
      String id,
      Direction direction,
      Instant timeStamp,
      Content content,
      Signals.Party sender,
      Operation operation) {
    this.id = id;
    this.direction = direction;
    this.timeStamp = timeStamp;
    this.content = content;
    this.sender = sender;
    this.operation = operation;
  }

  public String id() {
    return id;
  }

  public Direction direction() {
    return direction;
  }

  public Instant timeStamp() {
    return timeStamp;
  }

  public Content content() {
    return content;
  }

  /** Who wrote it: the local user for outgoing messages. */
  public Signals.Party sender() {
    return sender;
  }

  public Operation operation() {
    return operation;
  }

  /** The participant the message could not be delivered to, if any. */
  public Optional<String> failedDelivery() {
    return Optional.ofNullable(failedDelivery);
  }

  void failedDelivery(String uri) {
    failedDelivery = uri;
  }
}
