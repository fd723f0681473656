package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.openucwa.testing.UcwaClient.Response;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A UCWA error body as a client reads it (ErrorsAndInformationalMessages.md), from JSON or from the
 * XML {@code <reason>} element, whichever the response's Content-Type names; and the assertions
 * scenario tests make on one.
 */
record ErrorBody(
    String format, String code, Optional<String> subcode, Map<String, String> parameters) {

  static final String UCWA_NS = "http://schemas.microsoft.com/rtc/2012/03/ucwa";

  /** Asserts the status, a JSON error body, its code and subcode ({@code null}: none). */
  static ErrorBody assertJsonError(Response r, int status, String code, String subcode) {
    return assertError(r, "json", status, code, subcode);
  }

  /** Asserts the status, an XML {@code <reason>} body, its code and subcode. */
  static ErrorBody assertXmlError(Response r, int status, String code, String subcode) {
    return assertError(r, "xml", status, code, subcode);
  }

  private static ErrorBody assertError(
      Response r, String format, int status, String code, String subcode) {
    assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
    ErrorBody e = of(r);
    assertThat(e.format()).as("format of %s", r.body()).isEqualTo(format);
    assertThat(e.code()).as("code of %s", r.body()).isEqualTo(code);
    assertThat(e.subcode()).as("subcode of %s", r.body()).isEqualTo(Optional.ofNullable(subcode));
    return e;
  }

  static ErrorBody of(Response r) {
    String type = Optional.ofNullable(r.header("Content-Type")).orElse("");
    if (type.startsWith("application/json")) {
      return json(r.json());
    }
    if (type.startsWith("application/xml")) {
      return xml(r.body());
    }
    throw new AssertionError("not a UCWA error body (" + type + "): " + r.body());
  }

  private static ErrorBody json(JsonNode n) {
    Map<String, String> params = new LinkedHashMap<>();
    n.path("parameters").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
    return new ErrorBody(
        "json",
        n.path("code").asText(null),
        Optional.ofNullable(n.get("subcode")).map(JsonNode::asText),
        params);
  }

  private static ErrorBody xml(String body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
      assertThat(root.getLocalName()).isEqualTo("reason");
      assertThat(root.getNamespaceURI()).isEqualTo(UCWA_NS);
      Map<String, String> params = new LinkedHashMap<>();
      Optional<Element> parameters = child(root, "parameters");
      if (parameters.isPresent()) {
        for (Node c = parameters.get().getFirstChild(); c != null; c = c.getNextSibling()) {
          if (c instanceof Element p && p.getLocalName().equals("property")) {
            params.put(p.getAttribute("name"), p.getTextContent());
          }
        }
      }
      return new ErrorBody(
          "xml",
          child(root, "code").map(Element::getTextContent).orElse(null),
          child(root, "subcode").map(Element::getTextContent),
          params);
    } catch (Exception e) {
      throw new AssertionError("not a UCWA XML error body: " + body, e);
    }
  }

  private static Optional<Element> child(Element parent, String name) {
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e
          && UCWA_NS.equals(e.getNamespaceURI())
          && e.getLocalName().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
