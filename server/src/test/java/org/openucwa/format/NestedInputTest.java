package org.openucwa.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openucwa.format.json.JsonFormat;
import org.openucwa.format.xml.XmlFormat;
import org.openucwa.resource.Input;

/**
 * Both readers keep what the reference's request samples nest: JSON objects (the {@code _links} of
 * startMessaging_ref.md) and XML {@code <link>} elements, read the same way, keys case-insensitive
 * at every level, nulls ignored.
 */
class NestedInputTest {

  private static Input json(String text) {
    return new JsonFormat().read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Input xml(String body) {
    return new XmlFormat()
        .read(
            ("<input xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">" + body + "</input>")
                .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_json_link_is_read_whatever_the_case_of_its_keys() {
    Input in =
        json(
            """
            {"to":"sip:bob@contoso.com","_LINKS":{"Message":{"Href":"data:,hi","title":null},
             "customContent":null,"mediaOffer":{"href":null}}}""");

    assertThat(in.link("message")).contains("data:,hi");
    assertThat(in.link("customContent")).isEmpty();
    assertThat(in.link("mediaOffer")).isEmpty();
    assertThat(in.text("to")).contains("sip:bob@contoso.com");
    assertThat(in.text("_links")).as("an object is no text").isEmpty();
  }

  @Test
  void a_repeated_json_link_reads_as_its_first_and_arrays_keep_their_texts() {
    Input in =
        json(
            """
            {"_links":{"message":[{"href":"data:,one"},{"href":"data:,two"}]},
             "supportedModalities":["Messaging",null,{"x":1},["nested"],"Audio"]}""");

    assertThat(in.link("message")).contains("data:,one");
    assertThat(in.list("supportedModalities")).contains(java.util.List.of("Messaging", "Audio"));
  }

  @Test
  void an_xml_link_reads_as_the_json_one_does() {
    Input in =
        xml(
            "<property name=\"to\">sip:bob@contoso.com</property>"
                + "<link rel=\"Message\" href=\"data:,hi\"/>"
                + "<link rel=\"message\" href=\"data:,again\"/><link rel=\"nohref\"/>");

    assertThat(in.link("message")).contains("data:,hi");
    assertThat(in.link("nohref")).isEmpty();
    assertThat(in.text("to")).contains("sip:bob@contoso.com");
  }

  @Test
  void without_links_there_is_no_link() {
    assertThat(json("{\"message\":\"data:,hi\"}").link("message")).isEmpty();
    assertThat(xml("<property name=\"message\">data:,hi</property>").link("message")).isEmpty();
    assertThat(Input.empty().link("message")).isEmpty();
  }
}
