package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** Importance_ref.md: how urgent a conversation is. */
public enum Importance implements WireValue {
  Normal,
  Urgent,
  Emergency;

  @Override
  public String wire() {
    return name();
  }
}
