package org.openucwa.resource;

import java.util.Objects;
import java.util.Optional;

/**
 * One event of an event channel response: its type, the link to its target, an optional "in" link
 * to the collection the target joined or left, the target's content when its reference page says
 * the event embeds it (rendered under the key equal to the link's rel), and for completed
 * operations their status and reason.
 */
public record EventEntry(
    EventType type,
    Link link,
    Optional<Link> in,
    Optional<Resource> embedded,
    Optional<String> status,
    Optional<Reason> reason) {

  public EventEntry {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(embedded, "embedded");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  public static EventEntry of(EventType type, Link link) {
    return new EventEntry(
        type, link, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** An event that carries the target's content, embedded under the link's rel. */
  public static EventEntry embedding(EventType type, Link link, Resource content) {
    return new EventEntry(
        type, link, Optional.empty(), Optional.of(content), Optional.empty(), Optional.empty());
  }

  public EventEntry withIn(Link inLink) {
    return new EventEntry(type, link, Optional.of(inLink), embedded, status, reason);
  }

  public EventEntry withOutcome(String outcome, Optional<Reason> why) {
    return new EventEntry(type, link, in, embedded, Optional.of(outcome), why);
  }

  public EventEntry withReason(Reason why) {
    return new EventEntry(type, link, in, embedded, status, Optional.of(why));
  }
}
