package org.openucwa.operation;

import org.openucwa.events.ChannelEvent;
import org.openucwa.events.Priority;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.Link;
import org.openucwa.resource.Resource;

/**
 * Turns an operation's event into what its client sees: the event link to the operation, the
 * operation resource embedded under that link's rel (it carries the echoed {@code operationId}),
 * and for the completed event its status and reason.
 */
public final class OperationEvents {

  private OperationEvents() {}

  /**
   * @param operation the operation resource as it is now; its rel names the event link
   * @param sender the resource that reports the operation (usually communication)
   */
  public static ChannelEvent toChannelEvent(
      Operation.Event event, Resource operation, Link sender, Priority priority) {
    Link link = Link.of(operation.rel(), operation.href());
    EventEntry entry = EventEntry.embedding(event.type(), link, operation);
    if (event.status().isPresent()) {
      entry = entry.withOutcome(event.status().get().wire(), event.reason());
    }
    return new ChannelEvent(priority, sender, entry);
  }
}
