package dev.quoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import picocli.CommandLine;

/**
 * One authenticated request of a {@code quoll} command to a registry's own endpoints (docs/api.md):
 * adds npm's {@code npm-otp} header when a one-time password was given, sends the request, and on a
 * 2xx prints the command's success line; otherwise prints {@code <command>: <the body's "error",
 * else "HTTP <status>"> (<status>)}, or the I/O error, to stderr.
 */
final class RegistryCall {
  private RegistryCall() {}

  /**
   * Sends {@code request} (which carries its {@code Authorization} header already).
   *
   * @param command the prefix of error lines, e.g. {@code quoll admin}
   * @param otp the {@code --otp} value, or null for none
   * @param success the line printed to stdout on a 2xx
   * @return the exit code: 0 on a 2xx, 1 otherwise
   */
  static int send(
      CommandLine.Model.CommandSpec spec,
      String command,
      HttpRequest.Builder request,
      String otp,
      String success) {
    if (otp != null) {
      request.header("npm-otp", otp);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() / 100 == 2) {
        spec.commandLine().getOut().println(success);
        return 0;
      }
      String message;
      try {
        JsonNode body = Json.parse(r.body());
        message = body.path("error").asText("HTTP " + r.statusCode());
      } catch (CoreException e) {
        message = "HTTP " + r.statusCode();
      }
      spec.commandLine().getErr().println(command + ": " + message + " (" + r.statusCode() + ")");
      return 1;
    } catch (IOException e) {
      spec.commandLine().getErr().println(command + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
