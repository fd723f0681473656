package org.openucwa.format.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.openucwa.format.Format;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventsDocument;
import org.openucwa.resource.Input;
import org.openucwa.resource.Link;
import org.openucwa.resource.Reason;
import org.openucwa.resource.Resource;

/**
 * The UCWA XML format of PayloadFormat.md: {@code <resource rel href>} holding {@code <link>},
 * {@code <property>}, {@code <propertyList><item>} and embedded {@code <resource>} elements, in the
 * namespace {@value #NAMESPACE}; dates in ISO 8601. Input is {@code <input>} (or {@code
 * <resource>}) holding properties, property lists and links ({@code <link rel href/>}, read as the
 * JSON {@code _links} would be). Written with StAX, always well-formed: a character XML 1.0 cannot
 * carry (a control character, an unpaired surrogate), which an error message may echo from a
 * request, is written as U+FFFD. Read with a StAX parser that refuses any DTD, so neither external
 * nor internal entities are ever expanded.
 */
public final class XmlFormat implements Format {

  public static final String MEDIA_TYPE = "application/xml";
  public static final String NAMESPACE = "http://schemas.microsoft.com/rtc/2012/03/ucwa";

  private final XMLOutputFactory outputs = XMLOutputFactory.newFactory();
  private final XMLInputFactory inputs = hardenedInputFactory();

  static XMLInputFactory hardenedInputFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setXMLResolver(
        (publicId, systemId, base, ns) -> {
          throw new XMLStreamException("external entities are not accepted");
        });
    return f;
  }

  @Override
  public String mediaType() {
    return MEDIA_TYPE;
  }

  @Override
  public byte[] write(Resource resource) {
    return render(w -> writeResource(w, resource.rel(), resource, true));
  }

  @Override
  public byte[] write(EventsDocument events) {
    return render(
        w -> {
          w.writeStartElement("events");
          w.writeDefaultNamespace(NAMESPACE);
          if (events.selfHref().isPresent()) {
            attribute(w, "href", events.selfHref().get());
          }
          writeLink(w, events.continuation());
          for (EventsDocument.SenderGroup sender : events.senders()) {
            w.writeStartElement("sender");
            attribute(w, "rel", sender.rel());
            attribute(w, "href", sender.href());
            for (EventEntry e : sender.events()) {
              writeEvent(w, e);
            }
            w.writeEndElement();
          }
          w.writeEndElement();
        });
  }

  @Override
  public byte[] write(Reason error) {
    return render(
        w -> {
          w.writeStartElement("reason");
          w.writeNamespace("xsd", "http://www.w3.org/2001/XMLSchema");
          w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
          w.writeDefaultNamespace(NAMESPACE);
          writeReasonBody(w, error);
          w.writeEndElement();
        });
  }

  @Override
  public Input read(byte[] body) {
    if (body.length == 0) {
      return Input.empty();
    }
    XMLStreamReader r = null;
    try {
      r = inputs.createXMLStreamReader(new ByteArrayInputStream(body));
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, List<String>> links = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      int depth = 0;
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
              throw new MalformedInputException(
                  "DTDs and entity references are not accepted", null);
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            String name = r.getLocalName();
            if (depth == 1 && !name.equals("input") && !name.equals("resource")) {
              throw new MalformedInputException("the root element must be <input>", null);
            }
            if (depth == 2 && name.equals("property")) {
              String key = attribute(r, "name");
              String text = r.getElementText();
              depth--;
              if (key != null) {
                values.put(key, text);
              }
            } else if (depth == 2 && name.equals("link")) {
              String rel = attribute(r, "rel");
              String href = attribute(r, "href");
              if (rel != null && href != null) {
                links.computeIfAbsent(rel, k -> new ArrayList<>()).add(href);
              }
            } else if (depth == 2 && name.equals("propertyList")) {
              String key = attribute(r, "name");
              List<String> items = readItems(r);
              depth--;
              if (key != null) {
                values.put(key, items);
              }
            }
          }
          case XMLStreamConstants.END_ELEMENT -> depth--;
          default -> {}
        }
      }
      if (!links.isEmpty()) {
        values.put(Input.LINKS, Input.ofLinks(links));
      }
      return Input.of(values);
    } catch (XMLStreamException e) {
      throw new MalformedInputException("malformed XML: " + e.getMessage(), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing more to release
        }
      }
    }
  }

  private static List<String> readItems(XMLStreamReader r) throws XMLStreamException {
    List<String> items = new ArrayList<>();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        if (depth == 1 && r.getLocalName().equals("item")) {
          items.add(r.getElementText());
        } else {
          depth++;
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.ENTITY_REFERENCE || ev == XMLStreamConstants.DTD) {
        throw new XMLStreamException("entity references are not accepted");
      }
    }
    return items;
  }

  private static String attribute(XMLStreamReader r, String name) {
    for (int i = 0; i < r.getAttributeCount(); i++) {
      if (r.getAttributeLocalName(i).equals(name)) {
        return r.getAttributeValue(i);
      }
    }
    return null;
  }

  private interface Body {
    void writeTo(XMLStreamWriter w) throws XMLStreamException;
  }

  private byte[] render(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try {
      XMLStreamWriter w = outputs.createXMLStreamWriter(out, "utf-8");
      w.writeStartDocument("utf-8", "1.0");
      w.setDefaultNamespace(NAMESPACE);
      body.writeTo(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write XML", e);
    }
    return out.toByteArray();
  }

  /**
   * Writes a resource; {@code rel} is the relation it stands under: its own rel for a document, the
   * relation it is embedded under otherwise (messagingInvitation_ref.md's XML sample writes {@code
   * <resource rel="from">} holding {@code <property name="rel">participant</property>}).
   */
  private static void writeResource(XMLStreamWriter w, String rel, Resource r, boolean root)
      throws XMLStreamException {
    w.writeStartElement("resource");
    if (root) {
      w.writeDefaultNamespace(NAMESPACE);
    }
    attribute(w, "rel", rel);
    attribute(w, "href", r.href());
    for (Resource.Group<Link> group : r.links().values()) {
      for (Link link : group.items()) {
        writeLink(w, link);
      }
    }
    writeProperty(w, "rel", r.rel());
    for (Map.Entry<String, Object> p : r.properties().entrySet()) {
      writeProperty(w, p.getKey(), p.getValue());
    }
    for (Map.Entry<String, Resource.Group<Resource>> group : r.embedded().entrySet()) {
      for (Resource child : group.getValue().items()) {
        writeResource(w, group.getKey(), child, false);
      }
    }
    w.writeEndElement();
  }

  private static void writeEvent(XMLStreamWriter w, EventEntry e) throws XMLStreamException {
    boolean empty =
        e.in().isEmpty() && e.embedded().isEmpty() && e.status().isEmpty() && e.reason().isEmpty();
    if (empty) {
      w.writeEmptyElement(e.type().wire());
    } else {
      w.writeStartElement(e.type().wire());
    }
    attribute(w, "rel", e.link().rel());
    attribute(w, "href", e.link().href());
    if (e.link().title().isPresent()) {
      attribute(w, "title", e.link().title().get());
    }
    if (empty) {
      return;
    }
    if (e.in().isPresent()) {
      Link in = e.in().get();
      w.writeEmptyElement("in");
      attribute(w, "rel", in.rel());
      attribute(w, "href", in.href());
      if (in.title().isPresent()) {
        attribute(w, "title", in.title().get());
      }
    }
    if (e.embedded().isPresent()) {
      writeResource(w, e.link().rel(), e.embedded().get(), false);
    }
    if (e.status().isPresent()) {
      w.writeStartElement("status");
      characters(w, e.status().get());
      w.writeEndElement();
    }
    if (e.reason().isPresent()) {
      w.writeStartElement("reason");
      writeReasonBody(w, e.reason().get());
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  private static void writeReasonBody(XMLStreamWriter w, Reason r) throws XMLStreamException {
    textElement(w, "code", r.code());
    if (r.subcode().isPresent()) {
      textElement(w, "subcode", r.subcode().get());
    }
    if (r.message().isPresent()) {
      textElement(w, "message", r.message().get());
    }
    w.writeEmptyElement("debugInfo");
    if (r.parameters().isEmpty()) {
      w.writeEmptyElement("parameters");
    } else {
      w.writeStartElement("parameters");
      for (Map.Entry<String, String> p : new TreeMap<>(r.parameters()).entrySet()) {
        writeProperty(w, p.getKey(), p.getValue());
      }
      w.writeEndElement();
    }
  }

  private static void textElement(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    characters(w, text);
    w.writeEndElement();
  }

  private static void writeLink(XMLStreamWriter w, Link link) throws XMLStreamException {
    w.writeEmptyElement("link");
    attribute(w, "rel", link.rel());
    attribute(w, "href", link.href());
    if (link.title().isPresent()) {
      attribute(w, "title", link.title().get());
    }
  }

  private static void writeProperty(XMLStreamWriter w, String name, Object value)
      throws XMLStreamException {
    if (value instanceof List<?> list) {
      w.writeStartElement("propertyList");
      attribute(w, "name", name);
      for (Object item : list) {
        textElement(w, "item", scalar(item));
      }
      w.writeEndElement();
    } else {
      w.writeStartElement("property");
      attribute(w, "name", name);
      characters(w, scalar(value));
      w.writeEndElement();
    }
  }

  private static void attribute(XMLStreamWriter w, String name, String value)
      throws XMLStreamException {
    w.writeAttribute(name, carriable(value));
  }

  private static void characters(XMLStreamWriter w, String text) throws XMLStreamException {
    w.writeCharacters(carriable(text));
  }

  /** Whether XML 1.0 can carry every character of the text (its {@code Char} production). */
  public static boolean canCarry(String text) {
    return text.codePoints().allMatch(XmlFormat::isXmlChar);
  }

  /** The text with each character XML 1.0 cannot carry replaced by U+FFFD. */
  private static String carriable(String text) {
    if (canCarry(text)) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(c -> b.appendCodePoint(isXmlChar(c) ? c : 0xFFFD));
    return b.toString();
  }

  private static boolean isXmlChar(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }

  private static String scalar(Object v) {
    return switch (v) {
      case String s -> s;
      case Long l -> Long.toString(l);
      case Boolean b -> b ? "True" : "False";
      case Instant t -> t.toString();
      default -> throw new IllegalStateException("unsupported value " + v.getClass());
    };
  }
}
