package org.openucwa.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.openucwa.wire.EventPhases;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The events of one phase read in both formats (see {@link EventPhases}), as a list a test can
 * compare: each event as one line {@code sender: type rel [in inRel]}, and, by position, what the
 * JSON and the XML of that event say of its embedded resource, its status and its reason.
 */
final class PhaseEvents {

  /** One event as both formats carry it. */
  record Both(String line, JsonNode json, Element xml) {

    String href() {
      return json.at("/link/href").asText();
    }

    /** A property of the embedded resource, read from the JSON and, checked equal, the XML. */
    String embedded(String property) {
      String fromJson =
          json.at("/_embedded/" + json.at("/link/rel").asText() + "/" + property).asText();
      String fromXml =
          child(xml, "resource")
              .flatMap(
                  r ->
                      children(r, "property").stream()
                          .filter(p -> p.getAttribute("name").equals(property))
                          .findFirst())
              .map(Element::getTextContent)
              .orElse("");
      if (!fromJson.equals(fromXml)) {
        throw new AssertionError(
            line + ": " + property + " is " + fromJson + " in JSON but " + fromXml + " in XML");
      }
      return fromJson;
    }

    /** Whether the embedded resource links this rel, in JSON and, checked equal, in XML. */
    boolean embedsLink(String rel) {
      boolean inJson =
          !json.at("/_embedded/" + json.at("/link/rel").asText() + "/_links/" + rel)
              .isMissingNode();
      boolean inXml =
          child(xml, "resource")
              .map(
                  r ->
                      children(r, "link").stream().anyMatch(l -> l.getAttribute("rel").equals(rel)))
              .orElse(false);
      if (inJson != inXml) {
        throw new AssertionError(line + ": link " + rel + " differs between JSON and XML");
      }
      return inJson;
    }

    /** Whether the event embeds its resource, in JSON and, checked equal, in XML. */
    boolean embeds() {
      boolean inJson = json.has("_embedded");
      boolean inXml = child(xml, "resource").isPresent();
      if (inJson != inXml) {
        throw new AssertionError(line + ": embedding differs between JSON and XML");
      }
      return inJson;
    }

    /** The operation's status, from the JSON and, checked equal, the XML; empty if none. */
    String status() {
      String fromJson = json.path("status").asText();
      String fromXml = child(xml, "status").map(Element::getTextContent).orElse("");
      if (!fromJson.equals(fromXml)) {
        throw new AssertionError(
            line + ": status " + fromJson + " in JSON, " + fromXml + " in XML");
      }
      return fromJson;
    }

    /** The reason's code, from the JSON and, checked equal, the XML; empty if none. */
    String reasonCode() {
      String fromJson = json.at("/reason/code").asText();
      String fromXml =
          child(xml, "reason")
              .flatMap(r -> child(r, "code"))
              .map(Element::getTextContent)
              .orElse("");
      if (!fromJson.equals(fromXml)) {
        throw new AssertionError(
            line + ": reason " + fromJson + " in JSON, " + fromXml + " in XML");
      }
      return fromJson;
    }

    /** The reason's subcode, from the JSON and, checked equal, the XML; empty if none. */
    String reasonSubcode() {
      String fromJson = json.at("/reason/subcode").asText();
      String fromXml =
          child(xml, "reason")
              .flatMap(r -> child(r, "subcode"))
              .map(Element::getTextContent)
              .orElse("");
      if (!fromJson.equals(fromXml)) {
        throw new AssertionError(
            line + ": reason " + fromJson + " in JSON, " + fromXml + " in XML");
      }
      return fromJson;
    }
  }

  private PhaseEvents() {}

  /**
   * The history's events, left out of every phase: its writer thread publishes them once a batch is
   * written, at a moment of their own that no conversation flow orders (decision 0058).
   */
  private static final Set<String> HISTORY = Set.of("conversationLog", "missedItems");

  /**
   * The events of the phase in order, but the history's; fails if JSON and XML do not list the same
   * events.
   */
  static List<Both> of(EventPhases.Phase phase) {
    List<Both> out = new ArrayList<>();
    List<String> xmlLines = new ArrayList<>();
    List<Element> xmlEvents = new ArrayList<>();
    for (Element sender : children(parse(phase.xml()), "sender")) {
      for (Element e : children(sender, null)) {
        String in = child(e, "in").map(i -> " in " + i.getAttribute("rel")).orElse("");
        xmlLines.add(
            sender.getAttribute("rel")
                + ": "
                + e.getLocalName()
                + " "
                + e.getAttribute("rel")
                + in
                + " "
                + e.getAttribute("href"));
        xmlEvents.add(e);
      }
    }
    List<String> jsonLines = new ArrayList<>();
    List<JsonNode> jsonEvents = new ArrayList<>();
    for (JsonNode sender : phase.json().path("sender")) {
      for (JsonNode e : sender.path("events")) {
        String in = e.has("in") ? " in " + e.at("/in/rel").asText() : "";
        jsonLines.add(
            sender.path("rel").asText()
                + ": "
                + e.path("type").asText()
                + " "
                + e.at("/link/rel").asText()
                + in
                + " "
                + e.at("/link/href").asText());
        jsonEvents.add(e);
      }
    }
    if (!jsonLines.equals(xmlLines)) {
      throw new AssertionError("JSON events " + jsonLines + " differ from XML events " + xmlLines);
    }
    for (int i = 0; i < jsonLines.size(); i++) {
      String line = jsonLines.get(i);
      if (HISTORY.contains(jsonEvents.get(i).at("/link/rel").asText())) {
        continue;
      }
      out.add(
          new Both(line.substring(0, line.lastIndexOf(' ')), jsonEvents.get(i), xmlEvents.get(i)));
    }
    return out;
  }

  /** Each event's line ({@code sender: type rel [in inRel]}), in order. */
  static List<String> lines(List<Both> events) {
    return events.stream().map(Both::line).toList();
  }

  private static Optional<Element> child(Element parent, String name) {
    return children(parent, name).stream().findFirst();
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

  private static Element parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return f.newDocumentBuilder()
          .parse(new InputSource(new StringReader(xml)))
          .getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("not XML: " + xml, e);
    }
  }
}
