package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.Credential;
import dev.quoll.registry.accounts.ProfileService;
import dev.quoll.registry.accounts.ProfileService.PasswordChange;
import dev.quoll.registry.accounts.ProfileService.TfaAnswer;
import dev.quoll.registry.accounts.ProfileService.Update;
import dev.quoll.registry.accounts.ProfileService.View;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /-/npm/v1/user} (wire note §15): {@code GET} answers the profile {@code {name, email,
 * email_verified, tfa, cidr_whitelist, fullname, homepage, twitter, github, freenode, created,
 * updated}} ({@code tfa} is {@code false} or {@code {mode, pending}}); {@code POST} applies one
 * change and answers the profile, where {@code tfa} is the otpauth URI after starting enrolment and
 * the recovery codes after confirming it. Bodies: {@code npm profile set}'s all-writable-keys
 * object ({@code password} as {@code {old, new}}), {@code {tfa: {mode, password}}} or {@code {tfa:
 * [code]}}.
 */
final class ProfileHandler {
  private static final long MAX_BODY = 64 * 1024;
  private final ProfileService profiles;
  private final Authenticator auth;

  ProfileHandler(ProfileService profiles, Authenticator auth) {
    this.profiles = profiles;
    this.auth = auth;
  }

  void get(Exchange ex) {
    Credential c = auth.requireCredential(ex);
    ex.setHeader("Cache-Control", "no-store");
    ex.json(200, render(profiles.view(c.identity().name()), new TfaAnswer.Unchanged()));
  }

  void post(Exchange ex) {
    byte[] raw = ex.body(MAX_BODY);
    Credential c = auth.requireCredential(ex);
    JsonNode b;
    try {
      b = Json.parse(raw);
    } catch (CoreException e) {
      throw new RegistryException(Kind.BAD_REQUEST, "Invalid JSON in profile body");
    }
    if (!b.isObject()) {
      throw new RegistryException(Kind.BAD_REQUEST, "Profile body must be a JSON object");
    }
    ProfileService.Result r =
        profiles.update(c, update(b), Authenticator.otp(ex), auth.address(ex));
    ex.setHeader("Cache-Control", "no-store");
    ex.json(200, render(r.view(), r.tfa()));
  }

  private static Update update(JsonNode b) {
    JsonNode tfa = b.get("tfa");
    if (tfa != null && tfa.isArray()) {
      if (tfa.size() != 1 || !tfa.get(0).isTextual()) {
        throw new RegistryException(Kind.BAD_REQUEST, "tfa must be a list with one code");
      }
      return new Update.TfaConfirm(tfa.get(0).asText());
    }
    if (tfa != null && tfa.isObject()) {
      return new Update.TfaMode(tfa.path("mode").asText(""), tfa.path("password").asText(""));
    }
    Map<String, String> values = new HashMap<>();
    for (String k : ProfileService.FIELDS) {
      if (b.has(k)) {
        JsonNode v = b.get(k);
        values.put(k, v.isNull() ? "" : v.asText());
      }
    }
    Optional<String> email =
        b.hasNonNull("email") && !b.get("email").asText().isEmpty()
            ? Optional.of(b.get("email").asText())
            : Optional.empty();
    Optional<PasswordChange> password = Optional.empty();
    JsonNode pw = b.get("password");
    if (pw != null && pw.isObject()) {
      password =
          Optional.of(new PasswordChange(pw.path("old").asText(""), pw.path("new").asText("")));
    }
    return new Update.Fields(values, email, password);
  }

  private static ObjectNode render(View v, TfaAnswer answer) {
    ObjectNode o = Json.object();
    o.put("name", v.user().name());
    o.put("email", v.user().email());
    o.put("email_verified", v.profile().emailVerified());
    switch (answer) {
      case TfaAnswer.Uri u -> o.put("tfa", u.uri());
      case TfaAnswer.RecoveryCodes rc -> {
        ArrayNode a = o.putArray("tfa");
        rc.codes().forEach(a::add);
      }
      case TfaAnswer.Unchanged u -> {
        if (v.twoFactor().isPresent()) {
          ObjectNode t = o.putObject("tfa");
          t.put("mode", v.twoFactor().get().mode());
          t.put("pending", v.twoFactor().get().pending());
        } else {
          o.put("tfa", false);
        }
      }
    }
    o.putNull("cidr_whitelist");
    o.put("fullname", v.profile().fullname());
    o.put("homepage", v.profile().homepage());
    o.put("twitter", v.profile().twitter());
    o.put("github", v.profile().github());
    o.put("freenode", v.profile().freenode());
    o.put("created", v.user().created().toString());
    o.put("updated", v.updated().toString());
    return o;
  }
}
