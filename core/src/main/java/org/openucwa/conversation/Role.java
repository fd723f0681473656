package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** Role_ref.md: a participant's role in an online meeting. */
public enum Role implements WireValue {
  Attendee,
  Leader,
  Unknown;

  @Override
  public String wire() {
    return name();
  }
}
