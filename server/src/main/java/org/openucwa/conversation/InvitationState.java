package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** InvitationState_ref.md */
public enum InvitationState implements WireValue {
   where an invitation is.:Alerting,
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
