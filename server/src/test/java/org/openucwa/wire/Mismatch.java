package org.openucwa.wire;

/** One difference between an expected document and the one served: where, and what. */
public record Mismatch(String path, String problem) {

  @Override
  public String toString() {
    return path + ": " + problem;
  }
}
