package org.openucwa.people;

import org.openucwa.resource.WireValue;

/**
 * Availability_ref.md: how available a user is, as their presence and their contacts' presence show
 * it. Declared from the most to the least available, so that the order of the constants is the
 * order in which a user's applications are compared.
 */
public enum ContactAvailability implements WireValue {
  Online,
  IdleOnline,
  Busy,
  IdleBusy,
  DoNotDisturb,
  BeRightBack,
  Away,
  Offline;

  @Override
  public String wire() {
    return name();
  }

  public boolean isMoreAvailableThan(ContactAvailability other) {
    return ordinal() < other.ordinal();
  }
}
