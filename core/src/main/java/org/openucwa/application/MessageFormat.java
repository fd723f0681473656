package org.openucwa.application;

import org.openucwa.resource.WireValue;

/** MessageFormat_ref.md: the instant message formats an application supports. */
public enum MessageFormat implements WireValue {
  Plain,
  Html;

  @Override
  public String wire() {
    return name();
  }
}
