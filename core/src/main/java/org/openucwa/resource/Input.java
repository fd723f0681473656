package org.openucwa.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of a POST or PUT, whatever format they came in (JSON, XML, form or query): names
 * matched case-insensitively at every level, null values dropped. A value is a {@link String}, a
 * nested {@link Input} (a JSON object, such as {@code _links} and each link in it), or a {@link
 * List} of those. The reference's requests carry links this way: JSON {@code "_links" : {"message"
 * : {"href" : "data:..."}}} and XML {@code <link rel="message" href="data:..."/>} both read as
 * {@link #link(String) link("message")}.
 */
public final class Input {

  /** The name under which links are kept, as JSON spells it. */
  public static final String LINKS = "_links";

  private static final Input EMPTY = new Input(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

  private final TreeMap<String, Object> values;

  private Input(TreeMap<String, Object> values) {
    this.values = values;
  }

  public static Input empty() {
    return EMPTY;
  }

  /**
   * An input from name/value pairs; each value must be a String, an Input or a List of those (other
   * list elements are kept as their text, nulls dropped); anything else is ignored. When a name
   * repeats in another case, the later value wins.
   */
  public static Input of(Map<String, ?> values) {
    TreeMap<String, Object> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    values.forEach(
        (k, v) -> {
          if (v instanceof String || v instanceof Input) {
            m.put(k, v);
          } else if (v instanceof List<?> l) {
            List<Object> items = new ArrayList<>(l.size());
            for (Object o : l) {
              if (o instanceof Input) {
                items.add(o);
              } else if (o != null) {
                items.add(String.valueOf(o));
              }
            }
            m.put(k, List.copyOf(items));
          }
        });
    return new Input(m);
  }

  /** An input of links only, each {@code rel → href}, as {@link #link(String)} reads them. */
  public static Input ofLinks(Map<String, List<String>> hrefsByRel) {
    TreeMap<String, Object> links = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    hrefsByRel.forEach(
        (rel, hrefs) -> {
          List<Input> each = hrefs.stream().map(h -> Input.of(Map.of("href", h))).toList();
          links.put(rel, each.size() == 1 ? each.get(0) : each);
        });
    return new Input(links);
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

  /**
   * A single value; a list given where one value was expected yields its first text. An object is
   * not text: a client that nests one where a value is expected has given none.
   */
  public Optional<String> text(String name) {
    Object v = values.get(name);
    if (v instanceof List<?> l) {
      return l.stream().filter(String.class::isInstance).map(String.class::cast).findFirst();
    }
    return v instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** A list of texts; a single value is a list of one; objects in it are left out. */
  public Optional<List<String>> list(String name) {
    Object v = values.get(name);
    if (v instanceof List<?> l) {
      return Optional.of(
          l.stream().filter(String.class::isInstance).map(String.class::cast).toList());
    }
    return v instanceof String s ? Optional.of(List.of(s)) : Optional.empty();
  }

  /** A nested object; of a list, its first object. */
  public Optional<Input> object(String name) {
    Object v = values.get(name);
    if (v instanceof List<?> l) {
      return l.stream().filter(Input.class::isInstance).map(Input.class::cast).findFirst();
    }
    return v instanceof Input i ? Optional.of(i) : Optional.empty();
  }

  /** The href of a link the request carries under {@code _links} (the first, if it repeats). */
  public Optional<String> link(String rel) {
    return object(LINKS).flatMap(links -> links.object(rel)).flatMap(l -> l.text("href"));
  }

  @Override
  public String toString() {
    return "Input" + values.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
  }
}
