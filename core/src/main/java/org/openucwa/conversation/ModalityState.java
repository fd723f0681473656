package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** The state of a modality such as messaging (messaging_ref.md). */
public enum ModalityState implements WireValue {
  Disconnected,
  Connecting,
  Connected;

  @Override
  public String wire() {
    return name();
  }
}
