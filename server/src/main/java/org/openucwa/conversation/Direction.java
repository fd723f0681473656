package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** Direction_ref.md */
public enum Direction implements WireValue {
   whether an invitation or a message came in or goes out.:Incoming,
  Outgoing;

  @Override
  public String wire() {
    return name();
  }
}
