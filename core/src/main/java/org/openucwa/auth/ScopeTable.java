package org.openucwa.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.openucwa.resource.WireValues;

/**
 * For each resource (by its rel), the scopes of which a token must hold at least one, as the
 * reference pages list them. The table is extracted from the pages by {@code
 * tools/extract-scopes.py}; a resource the pages give no scopes for needs only a valid token.
 */
public final class ScopeTable {

  private final Map<String, Set<Scope>> byRel;

  private ScopeTable(Map<String, Set<Scope>> byRel) {
    this.byRel = Map.copyOf(byRel);
  }

  public static ScopeTable fromReference() {
    try (InputStream in = ScopeTable.class.getResourceAsStream("scopes.tsv")) {
      if (in == null) {
        throw new IllegalStateException("scopes.tsv is missing from the class path");
      }
      Map<String, Set<Scope>> m = new HashMap<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] cols = line.split("\t");
        if (cols.length != 2) {
          continue;
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : cols[1].split(",")) {
          scopes.add(
              WireValues.parse(Scope.class, s)
                  .orElseThrow(
                      () -> new IllegalStateException("unknown scope " + s + " in scopes.tsv")));
        }
        m.put(cols[0], scopes);
      }
      return new ScopeTable(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The scopes required for a resource; empty when any valid token will do. */
  public Set<Scope> requiredFor(String rel) {
    return byRel.getOrDefault(rel, Set.of());
  }
}
