package org.openucwa.people;

import org.openucwa.resource.WireValue;

/** NoteType_ref.md: what kind of note a note or contactNote shows. */
public enum NoteType implements WireValue {
  Personal,
  OutOfOffice;

  @Override
  public String wire() {
    return name();
  }
}
