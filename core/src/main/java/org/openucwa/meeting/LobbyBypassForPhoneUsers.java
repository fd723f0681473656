package org.openucwa.meeting;

import org.openucwa.resource.WireValue;

/** Whether phone users bypass the lobby (LobbyBypassForPhoneUsers_ref.md). */
public enum LobbyBypassForPhoneUsers implements WireValue {
  Disabled,
  Enabled;

  @Override
  public String wire() {
    return name();
  }
}
