package org.openucwa.operation;

import org.openucwa.resource.WireValue;

/** How an operation ended, as the {@code status} of its completed event. */
public enum OperationStatus implements WireValue {
  Success,
  Failure;

  @Override
  public String wire() {
    return name();
  }
}
