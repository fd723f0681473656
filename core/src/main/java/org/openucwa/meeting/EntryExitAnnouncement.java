package org.openucwa.meeting;

import org.openucwa.resource.WireValue;

/** Whether a meeting announces who joins and leaves by audio (EntryExitAnnouncement_ref.md). */
public enum EntryExitAnnouncement implements WireValue {
  Unsupported,
  Disabled,
  Enabled;

  @Override
  public String wire() {
    return name();
  }
}
