package org.openucwa.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Semantic comparison of a served document with an expected one: JSON as trees ({@link
 * JsonComparison}), XML as element trees ({@link XmlComparison}), with the placeholders of {@link
 * Placeholders}. A failure lists every difference with its path, then the served document. Expected
 * files live under {@code src/test/resources/expected/}, each with a {@code <name>.note.md} saying
 * which reference page it was taken from and what was changed.
 *
 * <p>Each instance holds the values placeholders are pre-bound to ({@code app}, {@code host});
 * every comparison starts from those and binds the rest afresh.
 */
public final class WireAssert {

  public static final String UCWA_NAMESPACE = "http://schemas.microsoft.com/rtc/2012/03/ucwa";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> bindings = new LinkedHashMap<>();

  private WireAssert() {}

  public static WireAssert wire() {
    return new WireAssert();
  }

  /** Fixes what {@code {app}} or {@code {host}} must stand for. */
  public WireAssert with(String placeholder, String value) {
    bindings.put(placeholder, value);
    return this;
  }

  public List<Mismatch> jsonDifferences(String expected, String actual) {
    return JsonComparison.compare(
        readJson(expected, "expected"),
        readJson(actual, "served"),
        placeholders(Placeholders.DateStyle.JSON));
  }

  public List<Mismatch> xmlDifferences(String expected, String actual) {
    return XmlComparison.compare(
        XmlComparison.parse(expected),
        XmlComparison.parse(actual),
        placeholders(Placeholders.DateStyle.XML));
  }

  public void assertJson(String expected, String actual) {
    report("JSON", "the expected document", jsonDifferences(expected, actual), actual);
  }

  public void assertXml(String expected, String actual) {
    report("XML", "the expected document", xmlDifferences(expected, actual), actual);
  }

  /** Compares with {@code expected/<name>.json}. */
  public void assertMatchesJsonFile(String name, String actual) {
    String file = "expected/" + name + ".json";
    report("JSON", file, jsonDifferences(expectedFile(file), actual), actual);
  }

  /** Compares with {@code expected/<name>.xml}, which must be in the UCWA namespace. */
  public void assertMatchesXmlFile(String name, String actual) {
    String file = "expected/" + name + ".xml";
    String expected = expectedFile(file);
    if (!XmlComparison.parse(expected).namespace().equals(UCWA_NAMESPACE)) {
      throw new IllegalStateException(file + " is not in the namespace " + UCWA_NAMESPACE);
    }
    report("XML", file, xmlDifferences(expected, actual), actual);
  }

  static String expectedFile(String resource) {
    try (InputStream in = WireAssert.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Placeholders placeholders(Placeholders.DateStyle dates) {
    Placeholders p = new Placeholders(dates);
    bindings.forEach(p::bind);
    return p;
  }

  private static JsonNode readJson(String text, String which) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the " + which + " document is not JSON: " + text, e);
    }
  }

  private static void report(
      String format, String against, List<Mismatch> mismatches, String actual) {
    if (!mismatches.isEmpty()) {
      throw new AssertionError(
          "The "
              + format
              + " served differs from "
              + against
              + ":\n"
              + mismatches.stream().map(m -> "  " + m).collect(Collectors.joining("\n"))
              + "\nServed:\n"
              + actual);
    }
  }
}
