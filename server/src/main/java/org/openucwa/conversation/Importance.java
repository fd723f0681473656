package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** Importance_ref.md */
public enum Importance implements WireValue {
   how urgent a conversation is.:Normal,
  Urgent,
  Emergency;

  @Override
  public String wire() {
    return name();
  }
}
