package org.openucwa.web.xframe;

import java.util.List;
import java.util.Map;
import org.openucwa.web.Endpoint;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;

/** Serves the cross-domain frame page (xframe_ref.md) to any browser; no token needed. */
public final class XFrameEndpoint {

  private final XFramePage page;

  public XFrameEndpoint(XFramePage page) {
    this.page = page;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            Paths.XFRAME,
            "xframe",
            false,
            Map.of(
                "GET",
                x ->
                    new Reply.Raw(
                        HttpResponse.of(200, XFramePage.CONTENT_TYPE, page.html())
                            .withHeader("Cache-Control", "no-cache")))));
  }
}
