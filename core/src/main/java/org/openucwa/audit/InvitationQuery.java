package org.openucwa.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * What an operator asks of the invitation record: invitations a user sent or received, with an
 * outcome ({@code Success}, {@code Failure}, {@code pending}, or a reason code or subcode such as
 * {@code Declined}, matched without regard to case), started in {@code [since, until)}; newest
 * first, {@code limit} of them after skipping {@code offset}.
 */
public record InvitationQuery(
    Optional<String> user,
    Optional<String> outcome,
    Optional<Instant> since,
    Optional<Instant> until,
    int limit,
    int offset) {

  public static final int MAX_LIMIT = 10_000;

  public InvitationQuery {
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
    }
  }
}
