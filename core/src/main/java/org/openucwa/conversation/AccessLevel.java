package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/**
 * AccessLevel_ref.md: who is admitted into an online meeting directly, and who waits in its lobby.
 */
public enum AccessLevel implements WireValue {
  Everyone,
  Invited,
  Locked,
  None,
  SameEnterprise;

  @Override
  public String wire() {
    return name();
  }
}
