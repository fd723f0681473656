package org.openucwa.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders an expected document may hold where a value varies per run, and their bindings
 * for one comparison. In a string value (a JSON string, an XML attribute or text):
 *
 * <ul>
 *   <li>{@code {*}} matches any run of characters (the whole value when it stands alone);
 *   <li>{@code {app}} stands for the application id, {@code {host}} for {@code scheme://host:port}:
 *       each is bound at its first occurrence (or beforehand with {@link #bind}) and every later
 *       occurrence must be the same;
 *   <li>{@code {*date}}, standing alone, matches a date in the format's own spelling: {@code
 *       /Date(ms)/} in JSON, ISO 8601 in XML.
 * </ul>
 *
 * <p>Not thread-safe: one instance serves one comparison; {@link #copy} lets a comparison try a
 * candidate and keep its bindings only if it matches.
 */
final class Placeholders {

  /** How the format under comparison spells a date. */
  enum DateStyle {
    JSON,
    XML
  }

  static final String ANY = "{*}";
  static final String DATE = "{*date}";

  private static final Pattern TOKEN = Pattern.compile("\\{(\\*|app|host)\\}");
  private static final Pattern JSON_DATE = Pattern.compile("/Date\\(-?\\d+([+-]\\d{4})?\\)/");
  private static final Map<String, String> SHAPES =
      Map.of(
          "app", "[^/?#;&=\\s]+",
          "host", "https?://[^/\\s]+");

  private final DateStyle dates;
  private final Map<String, String> bound;

  Placeholders(DateStyle dates) {
    this(dates, new HashMap<>());
  }

  private Placeholders(DateStyle dates, Map<String, String> bound) {
    this.dates = dates;
    this.bound = bound;
  }

  /** Fixes what a named placeholder ({@code app}, {@code host}) stands for. */
  Placeholders bind(String name, String value) {
    bound.put(name, value);
    return this;
  }

  Placeholders copy() {
    return new Placeholders(dates, new HashMap<>(bound));
  }

  /** Takes over the bindings a successful trial made. */
  void adopt(Placeholders trial) {
    bound.putAll(trial.bound);
  }

  /** Whether an expected text holds any placeholder at all. */
  static boolean isPattern(String expected) {
    return expected.equals(DATE) || TOKEN.matcher(expected).find();
  }

  /** Whether {@code actual} matches {@code expected}, binding named placeholders on success. */
  boolean matches(String expected, String actual) {
    if (expected.equals(DATE)) {
      return isDate(actual);
    }
    Matcher m = TOKEN.matcher(expected);
    StringBuilder regex = new StringBuilder();
    Set<String> opened = new HashSet<>();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(expected.substring(last, m.start())));
      String name = m.group(1);
      if (name.equals("*")) {
        regex.append("(?s:.*)");
      } else if (bound.containsKey(name)) {
        regex.append(Pattern.quote(bound.get(name)));
      } else if (opened.contains(name)) {
        regex.append("\\k<").append(name).append('>');
      } else {
        regex.append("(?<").append(name).append('>').append(SHAPES.get(name)).append(')');
        opened.add(name);
      }
      last = m.end();
    }
    if (last == 0) {
      return expected.equals(actual);
    }
    regex.append(Pattern.quote(expected.substring(last)));
    Matcher a = Pattern.compile(regex.toString()).matcher(actual);
    if (!a.matches()) {
      return false;
    }
    for (String name : opened) {
      bound.put(name, a.group(name));
    }
    return true;
  }

  private boolean isDate(String actual) {
    if (dates == DateStyle.JSON) {
      return JSON_DATE.matcher(actual).matches();
    }
    return parses(actual, Instant::parse)
        || parses(actual, OffsetDateTime::parse)
        || parses(actual, LocalDateTime::parse);
  }

  private static boolean parses(String text, Function<String, ?> parser) {
    try {
      parser.apply(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
