package org.openucwa.web.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.HttpRequest;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Negotiation;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.UcwaApi;
import org.openucwa.web.application.ApplicationEndpoints;

/**
 * The batch resource (BatchingRequests.md): runs each part of a {@code multipart/batching} POST
 * through the API exactly as if it had come on its own, in order, and answers one response part per
 * request. Nested batches, events and photos are refused part by part.
 */
public final class BatchEndpoint {

  private final ApplicationEndpoints applications;
  private final Supplier<UcwaApi> api;

  /**
   * @param api the API that runs each part; supplied late, as it contains this endpoint
   */
  public BatchEndpoint(ApplicationEndpoints applications, Supplier<UcwaApi> api) {
    this.applications = applications;
    this.api = api;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            Paths.APPLICATIONS + "/{app}/batch", "batch", true, Map.of("POST", this::batch)));
  }

  private Reply batch(Exchange x) {
    applications.app(x);
    HttpRequest outer = x.request();
    String contentType = outer.header("content-type").orElse("");
    if (!Negotiation.mediaTypeOf(contentType).equals("multipart/batching")) {
      throw new UcwaException(
          ErrorCode.UnsupportedMediaType,
          Subcode.UnsupportedMediaType,
          "A batch must be sent as multipart/batching.");
    }
    List<HttpRequest> parts;
    try {
      parts = BatchCodec.parse(contentType, outer.body(), outer);
    } catch (BatchFormatException e) {
      throw UcwaException.badRequest(Subcode.BadRequest, e.getMessage());
    } catch (TooManyPartsException e) {
      throw new UcwaException(
          ErrorCode.TooManyRequests,
          null,
          "A batch may hold at most "
              + e.limit()
              + " requests; this one holds "
              + e.parts()
              + ". Split it and retry.");
    }
    List<HttpResponse> responses = new ArrayList<>(parts.size());
    for (HttpRequest part : parts) {
      if (BatchCodec.isForbiddenInBatch(part)) {
        responses.add(
            api.get()
                .error(
                    UcwaException.badRequest(
                        Subcode.BadRequest,
                        "Batches, events and photos cannot be requested inside a batch."),
                    part.header("accept")));
      } else {
        responses.add(api.get().handle(part));
      }
    }
    BatchCodec.Formatted out = BatchCodec.format(responses);
    return new Reply.Raw(
        HttpResponse.of(200, out.contentType(), out.body())
            .withHeader("Cache-Control", "no-cache"));
  }
}
