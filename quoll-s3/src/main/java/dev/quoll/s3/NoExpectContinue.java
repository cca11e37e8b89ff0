package dev.quoll.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Sends single-request uploads ({@code PutObject}) without {@code Expect: 100-continue}.
 *
 * <p>The AWS SDK adds that header to every upload with a body, so the client sends the headers,
 * waits for the server's interim {@code 100 Continue}, and only then sends the body: one extra
 * round trip per PUT (RFC 9110 §10.1.1). It pays off only when the server refuses a large body
 * before it is sent; a {@code PutObject} here is at most one part (a package tarball, typically a
 * few KiB), so the handshake costs more than it can save. Multipart parts keep it.
 */
final class NoExpectContinue implements ExecutionInterceptor {
  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
    SdkHttpRequest http = context.httpRequest();
    if (context.request() instanceof PutObjectRequest
        && http.firstMatchingHeader("Expect").isPresent()) {
      return http.toBuilder().removeHeader("Expect").build();
    }
    return http;
  }
}
