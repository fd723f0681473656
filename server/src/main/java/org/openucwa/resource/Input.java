package org.openucwa.resource;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of a POST or PUT, whatever format they came in (JSON, XML, form or query): names
 * matched case-insensitively, null values and links or embedded resources already dropped. A value
 * is a {@link String} or a {@link List} of strings.
 */
public final class Input {

  private static final Input EMPTY = new Input(Map.of());

  private final Map<String, Object> values;

  private Input(Map<String, Object> values) {
    TreeMap<String, Object> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.putAll(values);
    this.values = m;
  }

  public static Input empty() {
    return EMPTY;
  }

  /**
   * An input from name/value pairs; each value must be a String or a List of Strings. When a name
   * repeats in another case, the later value wins.
   */
  public static Input of(Map<String, ?> values) {
    TreeMap<String, Object> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    values.forEach(
        (k, v) -> {
          if (v instanceof String || v instanceof List<?>) {
            m.put(
                k,
                v instanceof List<?> l ? List.copyOf(l.stream().map(String::valueOf).toList()) : v);
          }
        });
    return new Input(m);
  }

  /** This input with the entries of {@code other} added where this one has none. */
  public Input orElse(Input other) {
    TreeMap<String, Object> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.putAll(other.values);
    m.putAll(values);
    return new Input(m);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A single value; a list given where one value was expected yields its first element. */
  public Optional<String> text(String name) {
    Object v = values.get(name);
    if (v instanceof List<?> l) {
      return l.isEmpty() ? Optional.empty() : Optional.of((String) l.get(0));
    }
    return Optional.ofNullable((String) v);
  }

  /** A list value; a single value is a list of one. */
  public Optional<List<String>> list(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof List<?> l) {
      return Optional.of(l.stream().map(String::valueOf).toList());
    }
    return Optional.of(List.of((String) v));
  }

  @Override
  public String toString() {
    return "Input" + values.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
  }
}
