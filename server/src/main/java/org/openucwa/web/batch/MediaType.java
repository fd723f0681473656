package org.openucwa.web.batch;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Content-Type value split into its essence ({@code type/subtype}, lower-cased) and its
 * parameters (names lower-cased, quoted values unquoted). Both the batch's own Content-Type and
 * each part's need this, and clients differ in spaces and quotes ({@code boundary=x}, {@code
 * boundary="x"}, {@code ; boundary = x}). Immutable.
 */
record MediaType(String essence, Map<String, String> parameters) {

  MediaType {
    parameters = Map.copyOf(parameters);
  }

  static MediaType parse(String value) {
    int semi = value.indexOf(';');
    String essence = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    int i = semi < 0 ? value.length() : semi + 1;
    while (i < value.length()) {
      int eq = value.indexOf('=', i);
      int nextSemi = value.indexOf(';', i);
      if (eq < 0 || (nextSemi >= 0 && nextSemi < eq)) {
        i = nextSemi < 0 ? value.length() : nextSemi + 1; // a parameter without a value
        continue;
      }
      String name = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      int v = skipSpaces(value, eq + 1);
      String val;
      if (v < value.length() && value.charAt(v) == '"') {
        StringBuilder quoted = new StringBuilder();
        v = readQuoted(value, v + 1, quoted);
        val = quoted.toString();
        int after = value.indexOf(';', v);
        i = after < 0 ? value.length() : after + 1;
      } else {
        int end = nextSemi < 0 ? value.length() : nextSemi;
        val = value.substring(v, end).strip();
        i = end + 1;
      }
      params.putIfAbsent(name, val);
    }
    params.remove("");
    return new MediaType(essence, params);
  }

  Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  private static int skipSpaces(String value, int from) {
    int i = from;
    while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** Reads a quoted string from just after its opening quote; returns the index past its end. */
  private static int readQuoted(String value, int from, StringBuilder into) {
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < value.length()) {
        c = value.charAt(++i);
      }
      into.append(c);
    }
    throw new BatchFormatException("unterminated quoted string in Content-Type '" + value + "'");
  }
}
