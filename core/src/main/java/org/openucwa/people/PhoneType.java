package org.openucwa.people;

import java.util.Locale;
import java.util.Optional;
import org.openucwa.resource.WireValue;

/**
 * The four kinds of phone number a user has one of each (MeDashboard.md, phone_ref.md: "Work, Home,
 * Other, Mobile"), in the order the phones collection lists them.
 */
public enum PhoneType implements WireValue {
  Work,
  Mobile,
  Home,
  Other;

  @Override
  public String wire() {
    return name();
  }

  /** The lower-case name that names the phone in its path: {@code me/phones/mobile}. */
  public String segment() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PhoneType> ofSegment(String segment) {
    for (PhoneType t : values()) {
      if (t.segment().equals(segment)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
