package org.openucwa.meeting;

import org.openucwa.resource.WireValue;

/** Who is promoted to leader on joining a meeting (AutomaticLeaderAssignment_ref.md). */
public enum AutomaticLeaderAssignment implements WireValue {
  Disabled,
  SameEnterprise,
  Everyone;

  @Override
  public String wire() {
    return name();
  }
}
