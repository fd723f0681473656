package org.openucwa.meeting;

import org.openucwa.resource.WireValue;

/** Whether participants can join by phone (PhoneUserAdmission_ref.md). */
public enum PhoneUserAdmission implements WireValue {
  Disabled,
  Enabled;

  @Override
  public String wire() {
    return name();
  }
}
