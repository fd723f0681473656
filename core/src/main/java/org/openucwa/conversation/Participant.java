package org.openucwa.conversation;

/**
 * A remote participant as one application's conversation sees it. Mutable; guarded by the lock of
 * the user whose conversation holds it.
 */
public final class Participant {

  private final String uri;
  private final String name;
  private boolean messaging;
  private boolean typing;
  private Role role = Role.Unknown;
  private boolean organizer;
  private boolean inLobby;

  Participant(String uri, String name) {
    this.uri = uri;
    this.name = name;
  }

  public String uri() {
    return uri;
  }

  public String name() {
    return name;
  }

  /** Whether the participant takes part in the conversation's messaging modality. */
  public boolean messaging() {
    return messaging;
  }

  void messaging(boolean on) {
    messaging = on;
  }

  /** The participant's role in a conference; Unknown in a two-party conversation. */
  public Role role() {
    return role;
  }

  void role(Role r) {
    role = r;
  }

  public boolean organizer() {
    return organizer;
  }

  void organizer(boolean o) {
    organizer = o;
  }

  /** Whether the participant waits in the meeting's lobby. */
  public boolean inLobby() {
    return inLobby;
  }

  void inLobby(boolean l) {
    inLobby = l;
  }

  public boolean typing() {
    return typing;
  }

  void typing(boolean on) {
    typing = on;
  }
}
