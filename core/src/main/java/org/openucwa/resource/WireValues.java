package org.openucwa.resource;

import java.util.Optional;

/** Reading wire values back: input enum values are matched case-insensitively. */
public final class WireValues {

  private WireValues() {}

  public static <E extends Enum<E> & WireValue> Optional<E> parse(Class<E> type, String text) {
    for (E e : type.getEnumConstants()) {
      if (e.wire().equalsIgnoreCase(text)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
