package org.openucwa.application;

import org.openucwa.resource.WireValue;

/** PreferredAvailability_ref.md: how a user signs in when making herself available. */
public enum Availability implements WireValue {
  Online,
  Busy,
  DoNotDisturb,
  BeRightBack,
  Away,
  Offwork;

  @Override
  public String wire() {
    return name();
  }
}
