package org.openucwa.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares two JSON documents as trees: the same keys in any order, values of the same type, an
 * array where an array is expected (a repeatable link or embedded relation stays an array even with
 * one element) and placeholders honoured in strings. As an object key, {@code "{*}"} stands for
 * exactly one key the expected object does not name (the randomly named PUT property of
 * PayloadFormat.md). Paths are written {@code $._embedded.me._links.makeMeAvailable}.
 */
final class JsonComparison {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final List<Mismatch> mismatches = new ArrayList<>();
  private final Placeholders placeholders;

  private JsonComparison(Placeholders placeholders) {
    this.placeholders = placeholders;
  }

  /** Every difference, in document order of the expected tree; empty when they match. */
  static List<Mismatch> compare(JsonNode expected, JsonNode actual, Placeholders placeholders) {
    JsonComparison c = new JsonComparison(placeholders);
    c.node("$", expected, actual);
    return List.copyOf(c.mismatches);
  }

  private void node(String path, JsonNode expected, JsonNode actual) {
    String want = typeOf(expected);
    String got = typeOf(actual);
    if (!want.equals(got)) {
      fail(
          path,
          "expected " + want + " " + brief(expected) + " but was " + got + " " + brief(actual));
      return;
    }
    switch (want) {
      case "an object" -> object(path, expected, actual);
      case "an array" -> array(path, expected, actual);
      case "a string" -> {
        if (!placeholders.matches(expected.textValue(), actual.textValue())) {
          fail(path, "expected " + expected + " but was " + actual);
        }
      }
      case "a number" -> {
        if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
          fail(path, "expected " + expected + " but was " + actual);
        }
      }
      case "a boolean" -> {
        if (expected.booleanValue() != actual.booleanValue()) {
          fail(path, "expected " + expected + " but was " + actual);
        }
      }
      default -> {}
    }
  }

  private void object(String path, JsonNode expected, JsonNode actual) {
    Set<String> unmatched = new LinkedHashSet<>();
    actual.properties().forEach(e -> unmatched.add(e.getKey()));
    JsonNode wildcard = null;
    for (Map.Entry<String, JsonNode> e : expected.properties()) {
      if (e.getKey().equals(Placeholders.ANY)) {
        wildcard = e.getValue();
      } else if (!actual.has(e.getKey())) {
        fail(child(path, e.getKey()), "missing");
      } else {
        unmatched.remove(e.getKey());
        node(child(path, e.getKey()), e.getValue(), actual.get(e.getKey()));
      }
    }
    if (wildcard != null) {
      String key = firstMatching(wildcard, actual, unmatched);
      if (key == null) {
        fail(
            child(path, Placeholders.ANY),
            unmatched.isEmpty()
                ? "missing (no key left for the placeholder)"
                : "no key among " + unmatched + " has a matching value");
      } else {
        unmatched.remove(key);
      }
    }
    for (String extra : unmatched) {
      fail(child(path, extra), "unexpected key, holding " + brief(actual.get(extra)));
    }
  }

  /** The first key whose value matches the placeholder key's value; keeps its bindings. */
  private String firstMatching(JsonNode expected, JsonNode actual, Set<String> keys) {
    for (String key : keys) {
      Placeholders trial = placeholders.copy();
      if (compare(expected, actual.get(key), trial).isEmpty()) {
        placeholders.adopt(trial);
        return key;
      }
    }
    return null;
  }

  private void array(String path, JsonNode expected, JsonNode actual) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      node(path + "[" + i + "]", expected.get(i), actual.get(i));
    }
    for (int i = n; i < expected.size(); i++) {
      fail(path + "[" + i + "]", "missing " + brief(expected.get(i)));
    }
    for (int i = n; i < actual.size(); i++) {
      fail(path + "[" + i + "]", "unexpected element " + brief(actual.get(i)));
    }
  }

  private void fail(String path, String problem) {
    mismatches.add(new Mismatch(path, problem));
  }

  private static String child(String path, String key) {
    return PLAIN_KEY.matcher(key).matches()
        ? path + "." + key
        : path + "['" + key.replace("'", "\\'") + "']";
  }

  private static String typeOf(JsonNode n) {
    return switch (n.getNodeType()) {
      case OBJECT, POJO -> "an object";
      case ARRAY -> "an array";
      case STRING, BINARY -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
    };
  }

  private static String brief(JsonNode n) {
    String s = n.toString();
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
