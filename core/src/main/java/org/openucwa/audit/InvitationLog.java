package org.openucwa.audit;

import java.time.Instant;
import java.util.List;

/** The invitation record's repository. Implementations are thread-safe. */
public interface InvitationLog {

  /** Writes the steps, in order, all or none; throws when the store cannot take them. */
  void append(List<InvitationStep> steps) throws Exception;

  /** The invitations the query selects, newest first. */
  List<InvitationRecord> find(InvitationQuery query);

  /** Forgets the invitations started before {@code cutoff}; returns how many. */
  int forgetStartedBefore(Instant cutoff);
}
