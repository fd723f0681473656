package org.openucwa.events;

import java.util.Collection;
import java.util.Map;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.Link;
import org.openucwa.resource.Reason;
import org.openucwa.resource.Resource;

/**
 * Estimates what a queued event weighs: the characters of its hrefs, titles, property values and
 * embedded resources, plus a fixed overhead per event, link and property. It is an estimate of the
 * memory an event holds (and of its size on the wire), cheap enough to take on every publication:
 * one walk over the event, no allocation.
 */
public final class EventSize {

  private static final int PER_EVENT = 128;
  private static final int PER_ITEM = 32;

  private EventSize() {}

  public static long of(ChannelEvent event) {
    EventEntry e = event.entry();
    long n = PER_EVENT + of(event.sender()) + of(e.link());
    if (e.in().isPresent()) {
      n += of(e.in().get());
    }
    if (e.embedded().isPresent()) {
      n += of(e.embedded().get());
    }
    if (e.status().isPresent()) {
      n += e.status().get().length();
    }
    if (e.reason().isPresent()) {
      n += of(e.reason().get());
    }
    return n;
  }

  private static long of(Resource r) {
    long n = PER_ITEM + r.rel().length() + r.href().length();
    for (Map.Entry<String, Object> p : r.properties().entrySet()) {
      n += PER_ITEM + p.getKey().length() + value(p.getValue());
    }
    for (Resource.Group<Link> g : r.links().values()) {
      if (g instanceof Resource.One<Link> one) {
        n += of(one.item());
      } else {
        for (Link l : g.items()) {
          n += of(l);
        }
      }
    }
    for (Resource.Group<Resource> g : r.embedded().values()) {
      if (g instanceof Resource.One<Resource> one) {
        n += of(one.item());
      } else {
        for (Resource child : g.items()) {
          n += of(child);
        }
      }
    }
    return n;
  }

  private static long of(Link l) {
    return PER_ITEM
        + l.rel().length()
        + l.href().length()
        + l.title().map(String::length).orElse(0);
  }

  private static long of(Reason r) {
    return PER_ITEM
        + r.code().length()
        + r.subcode().map(String::length).orElse(0)
        + r.message().map(String::length).orElse(0);
  }

  private static long value(Object v) {
    if (v instanceof CharSequence s) {
      return s.length();
    }
    if (v instanceof Collection<?> c) {
      long n = 0;
      for (Object o : c) {
        n += PER_ITEM + value(o);
      }
      return n;
    }
    if (v instanceof Map<?, ?> m) {
      long n = 0;
      for (Map.Entry<?, ?> en : m.entrySet()) {
        n += PER_ITEM + value(en.getKey()) + value(en.getValue());
      }
      return n;
    }
    if (v instanceof Resource r) {
      return of(r);
    }
    return 16;
  }
}
