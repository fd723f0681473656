package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * GET on the applications resource (applications2_ref.md): the caller's own applications, each
 * embedded whole under the repeatable rel {@code application}; none of another user's.
 */
class ApplicationsListScenarioTest {

  private static final String NS = "http://schemas.microsoft.com/rtc/2012/03/ucwa";
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void get_lists_the_callers_applications_as_their_own_get_shows_them_in_json() {
    UcwaClient desk = server.client("alice");
    desk.createApplication("desk");
    UcwaClient phone = server.client("alice");
    phone.createApplication("phone");
    server.client("bob").createApplication("bobs");

    UcwaClient.Response r = desk.get(desk.applicationsHref());

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode list = r.json();
    assertThat(list.get("rel").asText()).isEqualTo("applications");
    assertThat(desk.applicationsHref()).endsWith(list.at("/_links/self/href").asText());
    JsonNode apps = list.at("/_embedded/application");
    assertThat(apps.isArray()).as(list.toString()).isTrue();
    assertThat(apps).hasSize(2);
    assertThat(apps.get(0)).isEqualTo(desk.get(desk.link("self")).json());
    assertThat(apps.get(1)).isEqualTo(phone.get(phone.link("self")).json());
    assertThat(apps.get(1).get("endpointId").asText()).isEqualTo("phone");

    phone.delete(phone.link("self"));
    JsonNode after = desk.get(desk.applicationsHref()).json().at("/_embedded/application");
    assertThat(after.isArray()).isTrue();
    assertThat(after).hasSize(1);
    assertThat(after.get(0).get("endpointId").asText()).isEqualTo("desk");
  }

  @Test
  void get_lists_them_in_xml_as_embedded_application_resources() throws Exception {
    UcwaClient alice = server.client("alice");
    alice.createApplication("desk");

    UcwaClient.Response r =
        alice.get(alice.applicationsHref(), Map.of("Accept", "application/xml"));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/xml");
    Element root = parse(r.body());
    assertThat(root.getLocalName()).isEqualTo("resource");
    assertThat(root.getNamespaceURI()).isEqualTo(NS);
    assertThat(root.getAttribute("rel")).isEqualTo("applications");
    assertThat(alice.applicationsHref()).endsWith(root.getAttribute("href"));
    List<Element> embedded = children(root, "resource");
    assertThat(embedded).hasSize(1);
    assertThat(embedded.get(0).getAttribute("rel")).isEqualTo("application");
    assertThat(embedded.get(0).getAttribute("href")).isEqualTo(alice.link("self"));
    assertThat(children(embedded.get(0), "resource"))
        .extracting(e -> e.getAttribute("rel"))
        .containsExactly("me", "people", "onlineMeetings", "communication");
  }

  @Test
  void a_user_without_applications_gets_the_resource_with_nothing_embedded() throws Exception {
    UcwaClient carol = server.client("carol");
    carol.signIn();
    String applications = carol.applicationsHref();

    JsonNode json = carol.get(applications).json();
    UcwaClient.Response xml = carol.get(applications, Map.of("Accept", "application/xml"));

    assertThat(json.get("rel").asText()).isEqualTo("applications");
    assertThat(json.has("_embedded")).as(json.toString()).isFalse();
    assertThat(xml.status()).isEqualTo(200);
    assertThat(children(parse(xml.body()), "resource")).isEmpty();
  }

  private static Element parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getLocalName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }
}
