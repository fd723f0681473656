package org.openucwa.auth;

import java.util.EnumSet;
import java.util.Set;
import org.openucwa.resource.WireValue;

/** The permission scopes the reference pages name, as a token may hold them. */
public enum Scope implements WireValue {
  UserReadWrite("User.ReadWrite"),
  ContactsReadWrite("Contacts.ReadWrite"),
  ConversationsInitiate("Conversations.Initiate"),
  ConversationsReceive("Conversations.Receive"),
  MeetingsReadWrite("Meetings.ReadWrite");

  private final String wire;

  Scope(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static Set<Scope> all() {
    return EnumSet.allOf(Scope.class);
  }
}
