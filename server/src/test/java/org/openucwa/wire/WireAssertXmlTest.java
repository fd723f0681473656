package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The XML side of {@link WireAssert}: what it lets through and what it catches, and where. */
class WireAssertXmlTest {

  private static final String NS = "xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"";

  private static final String ME =
      """
      <?xml version="1.0" encoding="utf-8"?>
      <resource rel="me" href="/ucwa/oauth/v1/applications/{app}/me" %s>
        <link rel="makeMeAvailable" href="/ucwa/oauth/v1/applications/{app}/me/makeMeAvailable" />
        <link rel="photo" href="/ucwa/oauth/v1/applications/{app}/photos/alice" />
        <property name="rel">me</property>
        <property name="name">Alice</property>
        <propertyList name="emailAddresses">
          <item>alice@contoso.com</item>
          <item>alice@fabrikam.com</item>
        </propertyList>
      </resource>
      """
          .formatted(NS);

  private static final String SERVED_ME = ME.replace("{app}", "9");

  private static final String EVENTS =
      """
      <events href="/e?ack=1" %s>
        <link rel="next" href="/e?ack=2" />
        <sender rel="communication" href="/c">
          <updated rel="communication" href="/c" />
        </sender>
        <sender rel="me" href="/me">
          <updated rel="me" href="/me" />
          <added rel="presence" href="/me/presence" />
        </sender>
      </events>
      """
          .formatted(NS);

  private static List<String> differences(String expected, String actual) {
    return WireAssert.wire().xmlDifferences(expected, actual).stream()
        .map(Mismatch::toString)
        .toList();
  }

  @Test
  void links_and_properties_in_another_order_without_whitespace_match() {
    String served =
        "<resource "
            + NS
            + " href=\"/ucwa/oauth/v1/applications/9/me\" rel=\"me\">"
            + "<property name=\"name\">Alice</property>"
            + "<link rel=\"photo\" href=\"/ucwa/oauth/v1/applications/9/photos/alice\"/>"
            + "<propertyList name=\"emailAddresses\"><item>alice@contoso.com</item>"
            + "<item>alice@fabrikam.com</item></propertyList>"
            + "<property name=\"rel\">me</property>"
            + "<link rel=\"makeMeAvailable\""
            + " href=\"/ucwa/oauth/v1/applications/9/me/makeMeAvailable\"/>"
            + "</resource>";

    assertThat(differences(ME, served)).isEmpty();
  }

  @Test
  void a_missing_link_is_reported_with_its_path() {
    String served = SERVED_ME.replaceAll("(?m)^.*rel=\"photo\".*\n", "");

    assertThat(differences(ME, served))
        .containsExactly("/resource[@rel='me']/link[@rel='photo']: missing");
  }

  @Test
  void an_extra_property_is_reported_with_its_path() {
    String served =
        SERVED_ME.replace(
            "<property name=\"rel\">me</property>",
            "<property name=\"rel\">me</property><property name=\"title\">Boss</property>");

    assertThat(differences(ME, served))
        .containsExactly("/resource[@rel='me']/property[@name='title']: unexpected element");
  }

  @Test
  void a_different_text_is_reported() {
    assertThat(differences(ME, SERVED_ME.replace(">Alice<", ">Bob<")))
        .containsExactly(
            "/resource[@rel='me']/property[@name='name']/text(): expected 'Alice' "
                + "but was 'Bob'");
  }

  @Test
  void a_property_that_became_a_property_list_is_reported() {
    String served =
        SERVED_ME.replace(
            "<property name=\"name\">Alice</property>",
            "<propertyList name=\"name\"><item>Alice</item></propertyList>");

    assertThat(differences(ME, served))
        .containsExactly(
            "/resource[@rel='me']/property[@name='name']: missing",
            "/resource[@rel='me']/propertyList[@name='name']: unexpected element");
  }

  @Test
  void items_keep_their_order() {
    String served =
        SERVED_ME
            .replace("<item>alice@contoso.com</item>", "<item>x</item>")
            .replace("<item>alice@fabrikam.com</item>", "<item>alice@contoso.com</item>")
            .replace("<item>x</item>", "<item>alice@fabrikam.com</item>");

    assertThat(differences(ME, served))
        .containsExactly(
            "/resource[@rel='me']/propertyList[@name='emailAddresses']/item[1]/text(): expected "
                + "'alice@contoso.com' but was 'alice@fabrikam.com'",
            "/resource[@rel='me']/propertyList[@name='emailAddresses']/item[2]/text(): expected "
                + "'alice@fabrikam.com' but was 'alice@contoso.com'");
  }

  @Test
  void another_namespace_is_reported() {
    String served = SERVED_ME.replace("http://schemas.microsoft.com/rtc/2012/03/ucwa", "urn:other");

    assertThat(differences(ME, served))
        .containsExactly(
            "/resource[@rel='me']: expected element "
                + "{http://schemas.microsoft.com/rtc/2012/03/ucwa}resource but was {urn:other}resource");
  }

  @Test
  void no_namespace_at_all_is_reported() {
    assertThat(differences(ME, SERVED_ME.replace(NS, "")))
        .singleElement()
        .asString()
        .endsWith("but was {}resource");
  }

  @Test
  void missing_and_extra_attributes_are_reported() {
    String served =
        SERVED_ME.replace(
            "<link rel=\"photo\" href=\"/ucwa/oauth/v1/applications/9/photos/alice\" />",
            "<link rel=\"photo\" title=\"Photo\" />");

    assertThat(differences(ME, served))
        .containsExactly(
            "/resource[@rel='me']/link[@rel='photo']/@href: missing",
            "/resource[@rel='me']/link[@rel='photo']/@title: unexpected attribute, holding 'Photo'");
  }

  @Test
  void senders_keep_their_document_order() {
    String served =
        """
        <events href="/e?ack=1" %s>
          <link rel="next" href="/e?ack=2" />
          <sender rel="me" href="/me">
            <updated rel="me" href="/me" />
            <added rel="presence" href="/me/presence" />
          </sender>
          <sender rel="communication" href="/c">
            <updated rel="communication" href="/c" />
          </sender>
        </events>
        """
            .formatted(NS);

    assertThat(differences(EVENTS, served))
        .contains(
            "/events/sender[1]/@rel: expected 'communication' but was 'me'",
            "/events/sender[2]/@rel: expected 'me' but was 'communication'");
  }

  @Test
  void events_keep_their_document_order() {
    String served =
        EVENTS
            .replace("<updated rel=\"me\" href=\"/me\" />", "@")
            .replace(
                "<added rel=\"presence\" href=\"/me/presence\" />",
                "<updated rel=\"me\" href=\"/me\" />")
            .replace("@", "<added rel=\"presence\" href=\"/me/presence\" />");

    assertThat(differences(EVENTS, served))
        .contains(
            "/events/sender[2]/updated[1]: expected element "
                + "{http://schemas.microsoft.com/rtc/2012/03/ucwa}updated but was "
                + "{http://schemas.microsoft.com/rtc/2012/03/ucwa}added");
  }

  @Test
  void a_missing_event_is_reported() {
    String served = EVENTS.replace("<added rel=\"presence\" href=\"/me/presence\" />", "");

    assertThat(differences(EVENTS, served)).containsExactly("/events/sender[2]/added[1]: missing");
  }

  @Test
  void placeholders_work_in_attributes_text_and_property_names() {
    String expected =
        """
        <resource rel="communication" href="{host}/c" %s>
          <property name="{*}">please pass this in a PUT request</property>
          <property name="etag">{*}</property>
          <property name="at">{*date}</property>
        </resource>
        """
            .formatted(NS);
    String served =
        """
        <resource rel="communication" href="https://fe1.contoso.com:443/c" %s>
          <property name="at">2013-01-16T02:19:05.0000000-08:00</property>
          <property name="etag">3140562359</property>
          <property name="56de7bbf">please pass this in a PUT request</property>
        </resource>
        """
            .formatted(NS);

    assertThat(differences(expected, served)).isEmpty();
    assertThat(differences(expected, served.replace("please pass", "do not pass")))
        .containsExactly(
            "/resource[@rel='communication']/property[@name='{*}']: missing: no "
                + "property left that matches",
            "/resource[@rel='communication']/property[@name='56de7bbf']: unexpected element");
  }

  @Test
  void comments_and_declarations_of_other_namespaces_are_ignored() {
    String served =
        """
        <?xml version="1.0"?>
        <!-- served -->
        <reason xmlns:xsd="http://www.w3.org/2001/XMLSchema" %s>
          <code>NotFound</code>
        </reason>
        """
            .formatted(NS);

    assertThat(differences("<reason " + NS + "><code>NotFound</code></reason>", served)).isEmpty();
  }

  @Test
  void a_document_type_declaration_is_refused() {
    assertThatThrownBy(() -> differences(ME, "<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
