/**
 * The UCWA batch resource's wire format: a {@code multipart/batching} request body read into
 * ordinary {@link org.openucwa.web.HttpRequest}s, and their {@link org.openucwa.web.HttpResponse}s
 * written back as one {@code multipart/batching} body. Running the parts is the caller's job, so
 * that a batched request goes through exactly the same code as a direct one.
 */
package org.openucwa.web.batch;
