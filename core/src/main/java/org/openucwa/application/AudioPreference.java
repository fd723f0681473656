package org.openucwa.application;

import org.openucwa.resource.WireValue;

/** AudioPreference_ref.md: how incoming audio reaches the user. */
public enum AudioPreference implements WireValue {
  PhoneAudio,
  VoipAudio;

  @Override
  public String wire() {
    return name();
  }
}
