package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** AudienceMuteLock_ref.md: a conference-wide setting its leaders switch (decision 0055). */
public enum AudienceMuteLock implements WireValue {
  Disabled,
  Enabled,
  Unknown;

  @Override
  public String wire() {
    return name();
  }
}
