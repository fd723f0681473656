package org.openucwa.resource;

/** Event types: added/updated/deleted for resources, started/updated/completed for operations. */
public enum EventType implements WireValue {
  added,
  updated,
  deleted,
  started,
  completed;

  @Override
  public String wire() {
    return name();
  }
}
