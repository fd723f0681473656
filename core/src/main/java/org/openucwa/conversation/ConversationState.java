package org.openucwa.conversation;

import org.openucwa.resource.WireValue;

/** ConversationState_ref.md: the state of a conversation as its local participant sees it. */
public enum ConversationState implements WireValue {
  Conferenced,
  Conferencing,
  Connected,
  Connecting,
  Disconnected,
  Disconnecting,
  Incoming,
  InLobby;

  @Override
  public String wire() {
    return name();
  }
}
