package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** InvitationState_ref.md: where an invitation is. */
public enum InvitationState implements WireValue {
  Alerting,
  Cancelled,
  Connected,
  Connecting,
  Declined,
  Failed,
  Forwarded,
  TeamRing;

  @Override
  public String wire() {
    return name();
  }
}
