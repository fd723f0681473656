package org.openucwa.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openucwa.format.Format;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventsDocument;
import org.openucwa.resource.Input;
import org.openucwa.resource.Link;
import org.openucwa.resource.Reason;
import org.openucwa.resource.Resource;

/**
 * The JSON format of PayloadFormat.md: properties, then {@code _links}, then {@code _embedded};
 * dates as {@code /Date(ms)/}; a repeatable relation as an array. Streams with Jackson's generator;
 * reads input with its parser, tolerating a trailing comma as IIS-era clients send.
 */
public final class JsonFormat implements Format {

  public static final String MEDIA_TYPE = "application/json";

  /**
   * Jackson's default buffer pool keeps a soft reference to some 10 KB of buffers per thread; on
   * virtual threads, one per connection, that is 10 KB per held P-GET that the collector must keep
   * until memory runs short, and fresh buffers once it has dropped them. A pool shared by all
   * threads holds only as many buffers as there are documents being written at once.
   */
  private final JsonFactory factory =
      JsonFactory.builder()
          .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1 << 20).build())
          .build();

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public byte[] write(Resource resource) {
    return render(g -> writeResource(g, resource));
  }

  @Override
  public byte[] write(EventsDocument events) {
    return render(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("_links");
          if (events.selfHref().isPresent()) {
            writeLinkObject(g, "self", Link.of("self", events.selfHref().get()));
          }
          writeLinkObject(g, events.continuation().rel(), events.continuation());
          g.writeEndObject();
          if (!events.senders().isEmpty() || events.selfHref().isPresent()) {
            g.writeArrayFieldStart("sender");
            for (EventsDocument.SenderGroup sender : events.senders()) {
              g.writeStartObject();
              g.writeStringField("rel", sender.rel());
              g.writeStringField("href", sender.href());
              g.writeArrayFieldStart("events");
              for (EventEntry e : sender.events()) {
                writeEvent(g, e);
              }
              g.writeEndArray();
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  @Override
  public byte[] write(Reason error) {
    return render(g -> writeReason(g, error));
  }

  @Override
  public Input read(byte[] body) {
    if (body.length == 0) {
      return Input.empty();
    }
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedInputException("the body is not a JSON object", null);
      }
      Input input = readObject(p);
      if (p.nextToken() != null) {
        throw new MalformedInputException("content after the JSON object", null);
      }
      return input;
    } catch (IOException e) {
      throw new MalformedInputException("malformed JSON: " + e.getMessage(), e);
    }
  }

  /** The members of an object whose START_OBJECT was just read, up to its END_OBJECT. */
  private static Input readObject(JsonParser p) throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      Object v = readValue(p, p.nextToken());
      if (v != null) {
        values.put(name, v);
      }
    }
    return Input.of(values);
  }

  /**
   * A scalar as text, an object as a nested {@link Input}, an array as a list of its scalars and
   * objects (arrays nested in arrays are skipped); nulls are ignored.
   */
  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE:
        return p.getText();
      case START_ARRAY:
        {
          List<Object> items = new ArrayList<>();
          for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
            if (i == JsonToken.START_OBJECT) {
              items.add(readObject(p));
            } else if (i == JsonToken.START_ARRAY) {
              p.skipChildren();
            } else if (i != JsonToken.VALUE_NULL) {
              items.add(p.getText());
            }
          }
          return items;
        }
      case START_OBJECT:
        return readObject(p);
      default:
        return null;
    }
  }

  private interface Body {
    void writeTo(JsonGenerator g) throws IOException;
  }

  private byte[] render(Body body) {
    ExactBytes out = new ExactBytes();
    try (JsonGenerator g = factory.createGenerator(out)) {
      body.writeTo(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.bytes();
  }

  /**
   * Collects what the generator flushes. A document that fits the generator's pooled buffer comes
   * in one write, kept as one array of exactly its size: no growing, no copy at the end.
   */
  private static final class ExactBytes extends OutputStream {
    private byte[] bytes = new byte[0];

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      byte[] grown = Arrays.copyOf(bytes, bytes.length + len);
      System.arraycopy(b, off, grown, bytes.length, len);
      bytes = grown;
    }

    byte[] bytes() {
      return bytes;
    }
  }

  private static void writeResource(JsonGenerator g, Resource r) throws IOException {
    g.writeStartObject();
    g.writeStringField("rel", r.rel());
    for (Map.Entry<String, Object> p : r.properties().entrySet()) {
      g.writeFieldName(p.getKey());
      writeValue(g, p.getValue());
    }
    g.writeObjectFieldStart("_links");
    writeLinkObject(g, "self", Link.of("self", r.href()));
    for (Map.Entry<String, Resource.Group<Link>> l : r.links().entrySet()) {
      if (l.getValue() instanceof Resource.Many<Link> many) {
        g.writeArrayFieldStart(l.getKey());
        for (Link link : many.items()) {
          writeLinkBody(g, link);
        }
        g.writeEndArray();
      } else {
        writeLinkObject(g, l.getKey(), l.getValue().items().get(0));
      }
    }
    g.writeEndObject();
    if (!r.embedded().isEmpty()) {
      g.writeObjectFieldStart("_embedded");
      for (Map.Entry<String, Resource.Group<Resource>> e : r.embedded().entrySet()) {
        g.writeFieldName(e.getKey());
        if (e.getValue() instanceof Resource.Many<Resource> many) {
          g.writeStartArray();
          for (Resource child : many.items()) {
            writeResource(g, child);
          }
          g.writeEndArray();
        } else {
          writeResource(g, e.getValue().items().get(0));
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeEvent(JsonGenerator g, EventEntry e) throws IOException {
    g.writeStartObject();
    g.writeFieldName("link");
    writeLinkBody(g, e.link(), true);
    if (e.in().isPresent()) {
      g.writeFieldName("in");
      writeLinkBody(g, e.in().get(), true);
    }
    if (e.embedded().isPresent()) {
      g.writeObjectFieldStart("_embedded");
      g.writeFieldName(e.link().rel());
      writeResource(g, e.embedded().get());
      g.writeEndObject();
    }
    g.writeStringField("type", e.type().wire());
    if (e.status().isPresent()) {
      g.writeStringField("status", e.status().get());
    }
    if (e.reason().isPresent()) {
      g.writeFieldName("reason");
      writeReason(g, e.reason().get());
    }
    g.writeEndObject();
  }

  private static void writeReason(JsonGenerator g, Reason r) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", r.code());
    if (r.subcode().isPresent()) {
      g.writeStringField("subcode", r.subcode().get());
    }
    if (r.message().isPresent()) {
      g.writeStringField("message", r.message().get());
    }
    if (!r.parameters().isEmpty()) {
      g.writeObjectFieldStart("parameters");
      for (Map.Entry<String, String> p : new java.util.TreeMap<>(r.parameters()).entrySet()) {
        g.writeStringField(p.getKey(), p.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeLinkObject(JsonGenerator g, String rel, Link link) throws IOException {
    g.writeFieldName(rel);
    writeLinkBody(g, link);
  }

  private static void writeLinkBody(JsonGenerator g, Link link) throws IOException {
    writeLinkBody(g, link, false);
  }

  private static void writeLinkBody(JsonGenerator g, Link link, boolean withRel)
      throws IOException {
    g.writeStartObject();
    if (withRel) {
      g.writeStringField("rel", link.rel());
    }
    g.writeStringField("href", link.href());
    if (link.title().isPresent()) {
      g.writeStringField("title", link.title().get());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    switch (v) {
      case String s -> g.writeString(s);
      case Long l -> g.writeNumber(l);
      case Boolean b -> g.writeBoolean(b);
      case Instant t -> g.writeString("/Date(" + t.toEpochMilli() + ")/");
      case List<?> list -> {
        g.writeStartArray();
        for (Object o : list) {
          writeValue(g, o);
        }
        g.writeEndArray();
      }
      default -> throw new IllegalStateException("unsupported value " + v.getClass());
    }
  }
}
