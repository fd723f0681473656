package org.openucwa.web;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucwa.error.UcwaException;
import org.openucwa.resource.Input;

/**
 * Parameters the reference types as "TimeSpan in minutes" (makeMeAvailable's inactiveTimeout): a
 * whole number of minutes, or a .NET TimeSpan {@code [d.]hh:mm[:ss[.fffffff]]} as .NET clients
 * serialize it. A failure is a 400 ParameterValidationFailure naming the parameter.
 */
public final class TimeSpans {

  private static final Pattern MINUTES = Pattern.compile("\\d{1,6}");
  private static final Pattern TIME_SPAN =
      Pattern.compile("(?:(\\d{1,4})\\.)?(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,7})?)?");

  private TimeSpans() {}

  public static Optional<Duration> optional(Input in, String name, Duration min, Duration max) {
    return in.text(name)
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(
            text -> {
              Duration d =
                  parse(text)
                      .orElseThrow(
                          () ->
                              UcwaException.invalidParameter(
                                  name,
                                  "'"
                                      + text
                                      + "' is neither whole minutes nor a time span such as 00:05:00"));
              if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw UcwaException.invalidParameter(
                    name,
                    "it must be between "
                        + min.toMinutes()
                        + " and "
                        + max.toMinutes()
                        + " minutes");
              }
              return d;
            });
  }

  static Optional<Duration> parse(String text) {
    if (MINUTES.matcher(text).matches()) {
      return Optional.of(Duration.ofMinutes(Long.parseLong(text)));
    }
    Matcher m = TIME_SPAN.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    long hours = Long.parseLong(m.group(2));
    long minutes = Long.parseLong(m.group(3));
    long seconds = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
    if (hours > 23 || minutes > 59 || seconds > 59) {
      return Optional.empty();
    }
    return Optional.of(
        Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plusSeconds(seconds));
  }
}
