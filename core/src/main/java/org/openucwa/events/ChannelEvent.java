package org.openucwa.events;

import java.util.Objects;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.Link;

/** An event on its way to an application: its priority, its sender, and what the client sees. */
public record ChannelEvent(Priority priority, Link sender, EventEntry entry) {

  public ChannelEvent {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(entry, "entry");
  }
}
