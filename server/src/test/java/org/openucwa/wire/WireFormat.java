package org.openucwa.wire;

import java.util.List;

/** One of the two formats, with its generic and its vendor-specific media type. */
enum WireFormat {
  JSON("application/json", "application/vnd.microsoft.com.ucwa+json"),
  XML("application/xml", "application/vnd.microsoft.com.ucwa+xml");

  final String generic;
  final String vendor;

  WireFormat(String generic, String vendor) {
    this.generic = generic;
    this.vendor = vendor;
  }

  List<String> mediaTypes() {
    return List.of(generic, vendor);
  }

  /** Compares a served document with {@code expected/<name>.json} or {@code .xml}. */
  void check(WireAssert wire, String expected, String served) {
    if (this == JSON) {
      wire.assertMatchesJsonFile(expected, served);
    } else {
      wire.assertMatchesXmlFile(expected, served);
    }
  }
}
