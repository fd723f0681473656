package org.openucwa.people;

import java.util.Objects;
import java.util.Optional;

/**
 * One of a user's phone numbers (phone_ref.md): its type, the number if one is set, whether the
 * user shares it on their contact card, and whether the user may change it. A number the users file
 * gives comes from the directory, which only its administrator changes (MeDashboard.md: "the
 * absence of the changeNumber link will indicate this").
 */
public record Phone(
    PhoneType type, Optional<String> number, boolean includeInContactCard, boolean changeable) {

  /** The longest number changeNumber_ref.md accepts. */
  public static final int MAX_NUMBER_LENGTH = 80;

  public Phone {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(number, "number");
  }

  /** The number as a contact sees it: only when set and shared. */
  public Optional<String> shown() {
    return includeInContactCard ? number : Optional.empty();
  }
}
