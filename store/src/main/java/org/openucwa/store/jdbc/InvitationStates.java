package org.openucwa.store.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openucwa.audit.InvitationRecord;

/**
 * The states an invitation went through as one column: each entered state as {@code
 * state@epochMillis;}, in order, so that a later step appends to what is there. States are wire
 * names of an enumeration (no {@code @} or {@code ;}).
 */
public final class InvitationStates {

  /** The column's size; a list that would grow beyond it keeps its first states. */
  public static final int MAX = 2000;

  private InvitationStates() {}

  public static void append(StringBuilder to, String state, long enteredAtMillis) {
    to.append(state).append('@').append(enteredAtMillis).append(';');
  }

  /** Cut at the last whole entry that fits. */
  public static String cut(String states) {
    if (states.length() <= MAX) {
      return states;
    }
    int end = states.lastIndexOf(';', MAX - 1);
    return end < 0 ? "" : states.substring(0, end + 1);
  }

  public static List<InvitationRecord.StateAt> parse(String states) {
    List<InvitationRecord.StateAt> list = new ArrayList<>();
    if (states == null) {
      return list;
    }
    int start = 0;
    while (start < states.length()) {
      int end = states.indexOf(';', start);
      int at = states.indexOf('@', start);
      if (end < 0 || at < 0 || at > end) {
        break;
      }
      list.add(
          new InvitationRecord.StateAt(
              states.substring(start, at),
              Instant.ofEpochMilli(Long.parseLong(states, at + 1, end, 10))));
      start = end + 1;
    }
    return list;
  }
}
