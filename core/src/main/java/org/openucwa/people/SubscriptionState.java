package org.openucwa.people;

import org.openucwa.resource.WireValue;

/** SubscriptionState_ref.md, spelled as the page spells it. */
public enum SubscriptionState implements WireValue {
  Connected,
  Connecting,
  Disconnected,
  Disconnecting;

  @Override
  public String wire() {
    return name();
  }
}
