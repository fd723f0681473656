package org.openucwa.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.openucwa.testing.UcwaClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads one application's event channel in both formats, phase by phase, for the wire-format tests.
 * Each batch is fetched in JSON and then, with the same {@code ack}, once more in XML: the channel
 * answers a batch it has already cut again, the same, so both formats carry the same events. A
 * phase is every event read since the previous phase, up to the end of the batch that holds the
 * event ending it. Its events are joined, in order, into one events document in which consecutive
 * events of one sender share one {@code sender}, as one P-GET groups them; the document has no self
 * or next link, since those depend on how the events were split into P-GET responses. So a phase's
 * document does not depend on batch boundaries, and keeps event order. A settled phase ({@link
 * #readSettled}) also leaves out an {@code updated} event followed by another of the same resource,
 * as the channel does for events still queued.
 *
 * <p>Confined to the test thread.
 */
public final class EventPhases {

  /**
   * The events of one phase, as one JSON and one XML events document, and the {@code updated}
   * events a settled phase left out (see {@link #readSettled}), in JSON.
   */
  public record Phase(JsonNode json, String xml, List<JsonNode> superseded) {

    /** The first event of this phase whose link has the given rel and whose type is given. */
    public JsonNode event(String rel, String type) {
      for (JsonNode sender : json.path("sender")) {
        for (JsonNode e : sender.path("events")) {
          if (e.at("/link/rel").asText().equals(rel) && e.path("type").asText().equals(type)) {
            return e;
          }
        }
      }
      throw new AssertionError("no " + rel + " " + type + " event in " + json);
    }
  }

  private record Sent<T>(String rel, String href, T event) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(15);

  private final UcwaClient client;
  private String next;
  private final List<Sent<JsonNode>> json = new ArrayList<>();
  private final List<Sent<Element>> xml = new ArrayList<>();

  public EventPhases(UcwaClient client) {
    this.client = client;
    this.next = client.link("events");
  }

  /** Reads until an event with this link rel and type arrives; returns the phase it ends. */
  public Phase readUntil(String rel, String type) {
    return read(rel + " " + type, is(rel, type), false);
  }

  /**
   * Reads until an event with this link rel and type arrives, and returns the phase settled: of the
   * {@code updated} events of one resource, only the last is kept, where it was. That is what the
   * channel itself delivers when the client polls once the phase is over (it keeps only the latest
   * {@code updated} of a resource still queued), so the document does not depend on whether a P-GET
   * was released between two updates of one resource that follow each other within milliseconds
   * (the conversation's Conferencing and Conferenced).
   */
  public Phase readSettled(String rel, String type) {
    return read(rel + " " + type, is(rel, type), true);
  }

  /** As {@link #readSettled(String, String)}, up to the first event that {@code end} matches. */
  public Phase readSettledUntil(String what, Predicate<JsonNode> end) {
    return read(what, end, true);
  }

  private static Predicate<JsonNode> is(String rel, String type) {
    return e -> e.at("/link/rel").asText().equals(rel) && e.path("type").asText().equals(type);
  }

  private Phase read(String what, Predicate<JsonNode> end, boolean settled) {
    Instant deadline = Instant.now().plus(WITHIN);
    while (json.stream().noneMatch(s -> end.test(s.event()))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "no "
                + what
                + " event within "
                + WITHIN
                + "; read: "
                + json.stream().map(s -> s.event().toString()).toList());
      }
      poll();
    }
    Set<Integer> left = settled ? supersededUpdates() : Set.of();
    List<JsonNode> superseded = left.stream().sorted().map(i -> json.get(i).event()).toList();
    Phase phase = new Phase(joinedJson(left), joinedXml(left), superseded);
    json.clear();
    xml.clear();
    return phase;
  }

  /** The positions of the updated events followed by a later updated of the same resource. */
  private Set<Integer> supersededUpdates() {
    Map<String, Integer> last = new HashMap<>();
    Set<Integer> left = new HashSet<>();
    for (int i = 0; i < json.size(); i++) {
      JsonNode e = json.get(i).event();
      if (e.path("type").asText().equals("updated")) {
        Element x = xml.get(i).event();
        if (!x.getLocalName().equals("updated")
            || !x.getAttribute("href").equals(e.at("/link/href").asText())) {
          throw new AssertionError("event " + i + " differs between JSON and XML: " + e);
        }
        Integer earlier = last.put(e.at("/link/href").asText(), i);
        if (earlier != null) {
          left.add(earlier);
        }
      }
    }
    return left;
  }

  private void poll() {
    String href = next + (next.contains("?") ? "&" : "?") + "timeout=1";
    JsonNode body = readJson(get(href, WireFormat.JSON.generic));
    Element events = readXml(get(href, WireFormat.XML.generic));
    String self = body.at("/_links/self/href").asText();
    if (!self.equals(events.getAttribute("href"))) {
      throw new AssertionError(
          "the XML answer is not the batch " + self + ": " + events.getAttribute("href"));
    }
    next = body.at("/_links/next/href").asText();
    if (next.isEmpty()) {
      throw new AssertionError("the event channel did not answer with a next link: " + body);
    }
    for (JsonNode sender : body.path("sender")) {
      for (JsonNode e : sender.path("events")) {
        json.add(new Sent<>(sender.get("rel").asText(), sender.get("href").asText(), e));
      }
    }
    for (Element sender : children(events, "sender")) {
      for (Element e : children(sender, null)) {
        xml.add(new Sent<>(sender.getAttribute("rel"), sender.getAttribute("href"), e));
      }
    }
    if (json.size() != xml.size()) {
      throw new AssertionError(
          "the batch "
              + self
              + " has "
              + json.size()
              + " events in JSON but "
              + xml.size()
              + " in XML");
    }
  }

  private String get(String href, String mediaType) {
    UcwaClient.Response r = client.get(href, Map.of("Accept", mediaType));
    if (r.status() != 200) {
      throw new AssertionError(
          "GET " + href + " as " + mediaType + ": " + r.status() + " " + r.body());
    }
    return r.body();
  }

  private JsonNode joinedJson(Set<Integer> left) {
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode senders = doc.putArray("sender");
    ArrayNode events = null;
    String href = null;
    for (int i = 0; i < json.size(); i++) {
      if (left.contains(i)) {
        continue;
      }
      Sent<JsonNode> s = json.get(i);
      if (!s.href().equals(href)) {
        ObjectNode sender = senders.addObject();
        sender.put("rel", s.rel());
        sender.put("href", s.href());
        events = sender.putArray("events");
        href = s.href();
      }
      events.add(s.event());
    }
    return doc;
  }

  private String joinedXml(Set<Integer> left) {
    Document doc = newDocument();
    Element root = doc.createElementNS(WireAssert.UCWA_NAMESPACE, "events");
    doc.appendChild(root);
    Element sender = null;
    for (int i = 0; i < xml.size(); i++) {
      if (left.contains(i)) {
        continue;
      }
      Sent<Element> s = xml.get(i);
      if (sender == null || !s.href().equals(sender.getAttribute("href"))) {
        sender = doc.createElementNS(WireAssert.UCWA_NAMESPACE, "sender");
        sender.setAttribute("rel", s.rel());
        sender.setAttribute("href", s.href());
        root.appendChild(sender);
      }
      sender.appendChild(doc.importNode(s.event(), true));
    }
    return serialize(doc);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (name == null || name.equals(e.getLocalName()))) {
        out.add(e);
      }
    }
    return out;
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  private static Element readXml(String text) {
    try {
      return factory()
          .newDocumentBuilder()
          .parse(new InputSource(new StringReader(text)))
          .getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("not XML: " + text, e);
    }
  }

  private static Document newDocument() {
    try {
      return factory().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return f;
  }

  private static String serialize(Document doc) {
    try {
      StringWriter out = new StringWriter();
      TransformerFactory.newInstance()
          .newTransformer()
          .transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
