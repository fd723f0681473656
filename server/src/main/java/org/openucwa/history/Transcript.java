package org.openucwa.history;

import java.time.Instant;

/** A message of a logged conversation: when, from whom, and its body (plain text or HTML). */
public record Transcript(
    long id,
    Instant at,
    String sender,
    String senderName,
    boolean fromOwner,
    boolean html,
    String text) {}
