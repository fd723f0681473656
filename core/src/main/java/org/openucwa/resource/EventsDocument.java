package org.openucwa.resource;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An event channel response: its self link, the link the client follows next ({@code next} or
 * {@code resume}) and the events grouped by sender, consecutive events of one sender under one
 * group, order preserved. A resync response has no self link and no events: only its {@code resync}
 * link.
 */
public record EventsDocument(
    Optional<String> selfHref, Link continuation, List<SenderGroup> senders) {

  public EventsDocument {
    Objects.requireNonNull(selfHref, "selfHref");
    Objects.requireNonNull(continuation, "continuation");
    senders = List.copyOf(senders);
  }

  public static EventsDocument resync(String href) {
    return new EventsDocument(Optional.empty(), Link.of("resync", href), List.of());
  }

  /** The events of one sender: its rel and href, then its events in order. */
  public record SenderGroup(String rel, String href, List<EventEntry> events) {
    public SenderGroup {
      events = List.copyOf(events);
    }
  }
}
