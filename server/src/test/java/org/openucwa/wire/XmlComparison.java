package org.openucwa.wire;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Compares two XML documents as element trees: the same element names in the same namespaces, the
 * same attributes (namespace declarations aside), the same text once whitespace-only text is
 * dropped, placeholders honoured in attribute values and text. The children of an element are
 * compared as a multiset for {@code link}, {@code property}, {@code propertyList} and embedded
 * {@code resource} (their order carries no meaning, as in JSON's objects) and in document order for
 * everything else ({@code sender}, the events, {@code item}, the parts of a {@code reason}). Paths
 * read {@code /resource/resource[@rel='me']/link[@rel='makeMeAvailable']}.
 */
final class XmlComparison {

  private static final Set<String> UNORDERED =
      Set.of("link", "property", "propertyList", "resource");

  /** An element reduced to what the comparison looks at. */
  record Element(
      String namespace,
      String name,
      Map<String, String> attributes,
      String text,
      List<Element> children) {

    /** What identifies an unordered child among its siblings: its rel, or its name. */
    String key() {
      return attributes.getOrDefault(
          name.equals("link") || name.equals("resource") ? "rel" : "name", "");
    }

    String label() {
      if (!UNORDERED.contains(name)) {
        return name;
      }
      String attr = name.equals("link") || name.equals("resource") ? "rel" : "name";
      return attributes.containsKey(attr) ? name + "[@" + attr + "='" + key() + "']" : name;
    }
  }

  private final List<Mismatch> mismatches = new ArrayList<>();
  private final Placeholders placeholders;

  private XmlComparison(Placeholders placeholders) {
    this.placeholders = placeholders;
  }

  static List<Mismatch> compare(Element expected, Element actual, Placeholders placeholders) {
    XmlComparison c = new XmlComparison(placeholders);
    c.element("/" + expected.label(), expected, actual);
    return List.copyOf(c.mismatches);
  }

  /** Parses a document; no DTD is accepted, so no entity is ever resolved. */
  static Element parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(
          new DefaultHandler() {
            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return reduce(b.parse(new InputSource(new StringReader(xml))).getDocumentElement());
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static Element reduce(Node node) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < node.getAttributes().getLength(); i++) {
      Attr a = (Attr) node.getAttributes().item(i);
      if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
        String ns = a.getNamespaceURI();
        attributes.put(
            ns == null ? a.getLocalName() : "{" + ns + "}" + a.getLocalName(), a.getValue());
      }
    }
    StringBuilder text = new StringBuilder();
    List<Element> children = new ArrayList<>();
    NodeList kids = node.getChildNodes();
    for (int i = 0; i < kids.getLength(); i++) {
      Node k = kids.item(i);
      switch (k.getNodeType()) {
        case Node.ELEMENT_NODE -> children.add(reduce(k));
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(k.getNodeValue());
        default -> {}
      }
    }
    String t = text.toString().isBlank() ? "" : text.toString();
    return new Element(
        node.getNamespaceURI() == null ? "" : node.getNamespaceURI(),
        node.getLocalName(),
        attributes,
        t,
        List.copyOf(children));
  }

  private void element(String path, Element expected, Element actual) {
    if (!expected.namespace().equals(actual.namespace())
        || !expected.name().equals(actual.name())) {
      fail(path, "expected element " + qualified(expected) + " but was " + qualified(actual));
      return;
    }
    attributes(path, expected, actual);
    if (!placeholders.matches(expected.text(), actual.text())) {
      fail(path + "/text()", "expected '" + expected.text() + "' but was '" + actual.text() + "'");
    }
    ordered(
        path,
        expected.children().stream().filter(c -> !UNORDERED.contains(c.name())).toList(),
        actual.children().stream().filter(c -> !UNORDERED.contains(c.name())).toList());
    unordered(
        path,
        expected.children().stream().filter(c -> UNORDERED.contains(c.name())).toList(),
        actual.children().stream().filter(c -> UNORDERED.contains(c.name())).toList());
  }

  private void attributes(String path, Element expected, Element actual) {
    for (Map.Entry<String, String> a : expected.attributes().entrySet()) {
      String got = actual.attributes().get(a.getKey());
      if (got == null) {
        fail(path + "/@" + a.getKey(), "missing");
      } else if (!placeholders.matches(a.getValue(), got)) {
        fail(path + "/@" + a.getKey(), "expected '" + a.getValue() + "' but was '" + got + "'");
      }
    }
    for (Map.Entry<String, String> a : actual.attributes().entrySet()) {
      if (!expected.attributes().containsKey(a.getKey())) {
        fail(path + "/@" + a.getKey(), "unexpected attribute, holding '" + a.getValue() + "'");
      }
    }
  }

  /** Children whose order means something: compared pair by pair. */
  private void ordered(String path, List<Element> expected, List<Element> actual) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      Element e = i < expected.size() ? expected.get(i) : null;
      Element a = i < actual.size() ? actual.get(i) : null;
      Element named = e != null ? e : a;
      int n = seen.merge(named.name(), 1, Integer::sum);
      String at = path + "/" + named.name() + "[" + n + "]";
      if (a == null) {
        fail(at, "missing");
      } else if (e == null) {
        fail(at, "unexpected element");
      } else {
        element(at, e, a);
      }
    }
  }

  /** Children whose order means nothing: each expected one paired with a served one. */
  private void unordered(String path, List<Element> expected, List<Element> actual) {
    List<Element> pool = new ArrayList<>(actual);
    List<Element> patterned = new ArrayList<>();
    for (Element e : expected) {
      if (Placeholders.isPattern(e.key())) {
        patterned.add(e);
        continue;
      }
      List<Element> same =
          pool.stream().filter(a -> a.name().equals(e.name()) && a.key().equals(e.key())).toList();
      if (same.isEmpty()) {
        fail(path + "/" + e.label(), "missing");
        continue;
      }
      Element chosen = firstMatching(e, same);
      if (chosen == null) {
        chosen = same.get(0);
        element(path + "/" + e.label(), e, chosen);
      }
      pool.remove(chosen);
    }
    for (Element e : patterned) {
      Element chosen =
          firstMatching(e, pool.stream().filter(a -> a.name().equals(e.name())).toList());
      if (chosen == null) {
        fail(path + "/" + e.label(), "missing: no " + e.name() + " left that matches");
      } else {
        pool.remove(chosen);
      }
    }
    for (Element extra : pool) {
      fail(path + "/" + extra.label(), "unexpected element");
    }
  }

  /** The first candidate that matches entirely; its placeholder bindings are kept. */
  private Element firstMatching(Element expected, List<Element> candidates) {
    for (Element a : candidates) {
      Placeholders trial = placeholders.copy();
      XmlComparison c = new XmlComparison(trial);
      c.element("", expected, a);
      if (c.mismatches.isEmpty()) {
        placeholders.adopt(trial);
        return a;
      }
    }
    return null;
  }

  private void fail(String path, String problem) {
    mismatches.add(new Mismatch(path, problem));
  }

  private static String qualified(Element e) {
    return "{" + e.namespace() + "}" + e.name();
  }
}
