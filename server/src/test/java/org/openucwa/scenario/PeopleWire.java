package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A minimal structural comparison of a response with an expected document under {@code
 * expected/people/}: the same keys, arrays where arrays are expected, the same link rels, and equal
 * values except where the expected value holds a placeholder: {@code {name}} stands for one path
 * segment (an application id, an etag), {@code {*}} for anything. XML is compared in a canonical
 * form: a resource's attributes, its links by rel, its properties and property lists by name, and
 * its embedded resources in order.
 */
final class PeopleWire {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAMESPACE = "http://schemas.microsoft.com/rtc/2012/03/ucwa";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\*|[A-Za-z]+)}");

  private PeopleWire() {}

  static void assertJsonMatches(String expectedFile, String actualJson) {
    try {
      compare("$", JSON.readTree(read(expectedFile)), JSON.readTree(actualJson));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertXmlMatches(String expectedFile, String actualXml) {
    compare(
        "/",
        canonical(parse(read(expectedFile))),
        canonical(parse(actualXml.getBytes(StandardCharsets.UTF_8))));
  }

  private static byte[] read(String file) {
    try (InputStream in = PeopleWire.class.getResourceAsStream("/expected/people/" + file)) {
      assertThat(in).as("expected file " + file).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void compare(String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(path + " is an object, not " + actual).isTrue();
      Set<String> want = names(expected);
      assertThat(names(actual)).as(path + " keys").isEqualTo(want);
      for (String key : want) {
        compare(path + "." + key, expected.get(key), actual.get(key));
      }
    } else if (expected.isArray()) {
      assertThat(actual.isArray()).as(path + " is an array, not " + actual).isTrue();
      assertThat(actual.size()).as(path + " size").isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        compare(path + "[" + i + "]", expected.get(i), actual.get(i));
      }
    } else if (expected.isTextual()) {
      assertThat(actual.isTextual()).as(path + " is text, not " + actual).isTrue();
      assertThat(actual.asText()).as(path).matches(pattern(expected.asText()));
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  private static Set<String> names(JsonNode object) {
    Set<String> out = new TreeSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static Pattern pattern(String expected) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(expected);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(expected.substring(at, m.start())));
      regex.append(m.group(1).equals("*") ? ".*" : "[^/]+");
      at = m.end();
    }
    regex.append(Pattern.quote(expected.substring(at)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static Element parse(byte[] xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root =
          f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
      assertThat(root.getNamespaceURI()).as("namespace").isEqualTo(NAMESPACE);
      return root;
    } catch (Exception e) {
      fail("not well-formed XML: " + e);
      throw new IllegalStateException(e);
    }
  }

  /** {"@rel", "@href", "link": {rel: href}, "property": {..}, "resource": [..]}. */
  private static ObjectNode canonical(Element resource) {
    assertThat(resource.getLocalName()).isEqualTo("resource");
    ObjectNode out = JSON.createObjectNode();
    out.put("@rel", resource.getAttribute("rel"));
    out.put("@href", resource.getAttribute("href"));
    ObjectNode links = out.putObject("link");
    ObjectNode properties = out.putObject("property");
    ArrayNode embedded = out.putArray("resource");
    for (Element child : children(resource)) {
      switch (child.getLocalName()) {
        case "link" -> links.put(child.getAttribute("rel"), child.getAttribute("href"));
        case "property" -> properties.put(child.getAttribute("name"), child.getTextContent());
        case "propertyList" -> {
          ArrayNode items = properties.putArray(child.getAttribute("name"));
          children(child).forEach(item -> items.add(item.getTextContent()));
        }
        case "resource" -> embedded.add(canonical(child));
        default -> fail("unexpected element <" + child.getLocalName() + ">");
      }
    }
    return out;
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }
}
