package org.openucwa.meeting;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A region phone users dial into meetings from (dialInRegion_ref.md): its name, its number and the
 * languages spoken there. Configured by the operator ({@code --dial-in-regions}); there is no
 * telephony behind the numbers. Immutable.
 */
public record DialInRegion(String name, String number, List<String> languages) {

  public DialInRegion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(number, "number");
    languages = List.copyOf(languages);
  }

  /**
   * Parses {@code NAME=NUMBER[=LANGUAGE LANGUAGE...]}, for instance {@code
   * Redmond=tel:+14255550001=en-US fr-FR}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static DialInRegion parse(String text) {
    String[] parts = text.trim().split("=", 3);
    if (parts.length < 2 || parts[0].isBlank()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not NAME=NUMBER[=LANGUAGES], e.g. Redmond=tel:+14255550001=en-US");
    }
    String number = parts[1].trim();
    if (!number.matches("tel:\\+[0-9]{4,15}")) {
      throw new IllegalArgumentException(
          "the number of '" + parts[0].trim() + "' must be tel:+ and 4 to 15 digits");
    }
    List<String> languages =
        parts.length == 3
            ? Arrays.stream(parts[2].trim().split("\\s+")).filter(s -> !s.isBlank()).toList()
            : List.of();
    return new DialInRegion(parts[0].trim(), number, languages);
  }
}
