package org.openucwa.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.error.UcwaException;
import org.openucwa.format.xml.XmlFormat;
import org.openucwa.resource.Input;
import org.openucwa.resource.WireValue;
import org.openucwa.resource.WireValues;

/**
 * Validation of request parameters into typed values; every failure is a 400
 * ParameterValidationFailure that names the parameter.
 */
public final class Params {

  private static final String REQUIRED = "it is required and cannot be empty";

  private Params() {}

  /**
   * Checks that every required parameter is present and not empty, naming all that are not in one
   * error, as PayloadFormat.md says ("together with a list of missing required parameters").
   */
  public static void requirePresent(Input in, String... names) {
    Map<String, String> missing = new LinkedHashMap<>();
    for (String name : names) {
      if (in.text(name).map(String::trim).orElse("").isEmpty()) {
        missing.put(name, REQUIRED);
      }
    }
    if (!missing.isEmpty()) {
      throw UcwaException.invalidParameters(missing);
    }
  }

  public static String required(Input in, String name, int maxLength) {
    String v = in.text(name).map(String::trim).orElse("");
    if (v.isEmpty()) {
      throw UcwaException.invalidParameter(name, REQUIRED);
    }
    return checkText(name, v, maxLength);
  }

  public static Optional<String> optional(Input in, String name, int maxLength) {
    return in.text(name).map(v -> checkText(name, v, maxLength));
  }

  /**
   * The href of a link the request carries ({@code _links} in JSON, {@code <link>} in XML), checked
   * as a text parameter named after its rel.
   */
  public static Optional<String> optionalLink(Input in, String rel, int maxLength) {
    return in.link(rel).map(v -> checkText(rel, v, maxLength));
  }

  public static <E extends Enum<E> & WireValue> Optional<E> optionalEnum(
      Input in, String name, Class<E> type) {
    return in.text(name).filter(s -> !s.isBlank()).map(s -> parse(name, s, type));
  }

  public static <E extends Enum<E> & WireValue> Optional<List<E>> optionalEnumList(
      Input in, String name, Class<E> type) {
    return in.list(name)
        .map(
            items -> {
              List<E> out = new ArrayList<>();
              for (String s : items) {
                E e = parse(name, s, type);
                if (!out.contains(e)) {
                  out.add(e);
                }
              }
              return out;
            });
  }

  public static Optional<Boolean> optionalBoolean(Input in, String name) {
    return in.text(name)
        .map(
            s ->
                switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                  case "true" -> true;
                  case "false" -> false;
                  default -> throw UcwaException.invalidParameter(name, "expected true or false");
                });
  }

  private static <E extends Enum<E> & WireValue> E parse(String name, String s, Class<E> type) {
    return WireValues.parse(type, s.trim())
        .orElseThrow(
            () ->
                UcwaException.invalidParameter(
                    name,
                    "'"
                        + s
                        + "' is not one of "
                        + java.util.Arrays.stream(type.getEnumConstants())
                            .map(WireValue::wire)
                            .toList()));
  }

  private static String checkText(String name, String v, int maxLength) {
    if (v.length() > maxLength) {
      throw UcwaException.invalidParameter(name, "it is longer than " + maxLength + " characters");
    }
    // Text kept from a request is shown in XML too, where such a character cannot be written.
    if (!XmlFormat.canCarry(v)) {
      throw UcwaException.invalidParameter(
          name, "it holds a control character or an unpaired surrogate");
    }
    return v;
  }
}
