package org.openucwa.web.xframe;

import java.util.List;
import java.util.Map;
import org.openucwa.web.Endpoint;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;

/**
 * Serves the cross-domain frame page (xframe_ref.md) to any browser, no token needed: at the path
 * the discovery links name, and at {@code /xframe}, where the reference's own library looks for it
 * on the discovery host ({@code frameLoc = _discoveryLocation + "/xframe"}, TransportLibrary.md).
 * Paths match on every host name, so {@code lyncdiscover.<domain>/xframe} and {@code
 * lyncdiscoverinternal.<domain>/xframe} answer alike.
 */
public final class XFrameEndpoint {

  private final XFramePage page;

  public XFrameEndpoint(XFramePage page) {
    this.page = page;
  }

  public List<Endpoint> endpoints() {
    Endpoint.Handler get =
        x ->
            new Reply.Raw(
                HttpResponse.of(200, XFramePage.CONTENT_TYPE, page.html())
                    .withHeader("Cache-Control", "no-cache"));
    return List.of(
        new Endpoint(Paths.XFRAME, "xframe", false, Map.of("GET", get)),
        new Endpoint(Paths.DISCOVERY_XFRAME, "xframe", false, Map.of("GET", get)));
  }
}
