package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** Direction_ref.md: whether an invitation or a message comes in or goes out. */
public enum Direction implements WireValue {
  Incoming,
  Outgoing;

  @Override
  public String wire() {
    return name();
  }
}
