package org.openucwa.resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One UCWA resource as the wire sees it, independent of JSON or XML: its relation, its self link, a
 * property bag, links and embedded resources. Immutable once built; the order of properties, links
 * and embedded resources is the order in which they were added, so that rendered documents are
 * deterministic.
 *
 * <p>A link relation or an embedded relation that can repeat is kept as a {@link Many}, which the
 * JSON writer renders as an array even when it holds a single element.
 */
public final class Resource {

  /** A group of links or embedded resources under one relation. */
  public sealed interface Group<T> permits One, Many {
    List<T> items();
  }

  /** Exactly one element, rendered as a JSON object. */
  public record One<T>(T item) implements Group<T> {
    @Override
    public List<T> items() {
      return List.of(item);
    }
  }

  /** A relation that can repeat, rendered as a JSON array whatever its size. */
  public record Many<T>(List<T> items) implements Group<T> {
    public Many {
      items = List.copyOf(items);
    }
  }

  private final String rel;
  private final String href;
  private final Map<String, Object> properties;
  private final Map<String, Group<Link>> links;
  private final Map<String, Group<Resource>> embedded;

  private Resource(Builder b) {
    this.rel = b.rel;
    this.href = b.href;
    this.properties = readOnly(b.properties);
    this.links = readOnly(b.links);
    this.embedded = readOnly(b.embedded);
  }

  /** The builder's map itself, which the builder no longer changes once it has built. */
  private static <V> Map<String, V> readOnly(Map<String, V> built) {
    return built.isEmpty() ? Map.of() : Collections.unmodifiableMap(built);
  }

  public static Builder builder(String rel, String href) {
    return new Builder(rel, href);
  }

  public String rel() {
    return rel;
  }

  public String href() {
    return href;
  }

  /**
   * Properties in insertion order. Values are {@link String}, {@link Long}, {@link Integer}, {@link
   * Boolean}, {@link Instant} or a {@link List} of those.
   */
  public Map<String, Object> properties() {
    return properties;
  }

  /** Links other than self, by relation. */
  public Map<String, Group<Link>> links() {
    return links;
  }

  public Map<String, Group<Resource>> embedded() {
    return embedded;
  }

  @Override
  public String toString() {
    return "Resource[" + rel + " " + href + "]";
  }

  /** Builds a {@link Resource}; properties whose value is absent are simply left out. */
  public static final class Builder {
    private final String rel;
    private final String href;
    private Map<String, Object> properties = new LinkedHashMap<>();
    private Map<String, Group<Link>> links = new LinkedHashMap<>();
    private Map<String, Group<Resource>> embedded = new LinkedHashMap<>();
    private boolean built; // the maps now belong to a Resource: copy them before any change

    private Builder(String rel, String href) {
      this.rel = Objects.requireNonNull(rel, "rel");
      this.href = Objects.requireNonNull(href, "href");
    }

    /** Adds a property; a {@code null} value leaves it out. */
    public Builder property(String name, Object value) {
      if (value != null) {
        owned();
        properties.put(name, normalize(value));
      }
      return this;
    }

    public Builder link(String linkRel, String linkHref) {
      owned();
      links.put(linkRel, new One<>(Link.of(linkRel, linkHref)));
      return this;
    }

    public Builder link(String linkRel, String linkHref, String title) {
      owned();
      links.put(linkRel, new One<>(Link.of(linkRel, linkHref, title)));
      return this;
    }

    /** Adds a relation that can repeat; it renders as an array even with zero or one link. */
    public Builder links(String linkRel, List<Link> many) {
      owned();
      links.put(linkRel, new Many<>(many));
      return this;
    }

    public Builder embed(String embeddedRel, Resource resource) {
      owned();
      embedded.put(embeddedRel, new One<>(resource));
      return this;
    }

    public Builder embedAll(String embeddedRel, List<Resource> resources) {
      owned();
      embedded.put(embeddedRel, new Many<>(resources));
      return this;
    }

    public Resource build() {
      built = true;
      return new Resource(this);
    }

    private void owned() {
      if (built) {
        properties = new LinkedHashMap<>(properties);
        links = new LinkedHashMap<>(links);
        embedded = new LinkedHashMap<>(embedded);
        built = false;
      }
    }

    private static Object normalize(Object value) {
      return switch (value) {
        case String s -> s;
        case Integer i -> i.longValue();
        case Long l -> l;
        case Boolean b -> b;
        case Instant t -> t;
        case WireValue w -> w.wire();
        case List<?> list -> {
          List<Object> out = new ArrayList<>(list.size());
          for (Object o : list) {
            out.add(normalize(Objects.requireNonNull(o, "list element")));
          }
          yield List.copyOf(out);
        }
        default ->
            throw new IllegalArgumentException(
                "unsupported property type " + value.getClass().getName());
      };
    }
  }
}
