package dev.quoll.registry.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.registry.RegistryException;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link UserRules} against npm-user-validate 4.0.0 (the version npm 11.19.1 bundles) as the
 * oracle: for every generated name and e-mail, Quoll accepts exactly what npm accepts, with the
 * same message, except Quoll's two extra name rules (empty, leading underscore), which only ever
 * refuse more.
 */
class UserRulesTest {
  private static final String SCRIPT =
      """
      const v = require('npm-user-validate')
      const msg = e => e ? e.message : null
      output({
        names: input.names.map(n => msg(v.username(n))),
        emails: input.emails.map(e => msg(v.email(e))),
      })
      """;

  private static String quollName(String n) {
    try {
      UserRules.checkName(n);
      return null;
    } catch (RegistryException e) {
      return e.getMessage();
    }
  }

  private static String quollEmail(String e) {
    try {
      UserRules.checkEmail(e);
      return null;
    } catch (RegistryException ex) {
      return ex.getMessage();
    }
  }

  @Test
  void namesAndEmailsMatchNpmUserValidate() {
    List<String> names = new ArrayList<>();
    String[] parts = {
      "", "a", "Ab", "z9", ".", "_", "-", "~", "'", "!", "*", "(", ")", " ", "%", "/", "@", ":",
      "é", "ß", "İ", "😀", "+", "?", "#", "&", "=", ",", ";", "\t", "A", "..", "a.b", "a_b"
    };
    for (String p : parts) {
      for (String q : parts) {
        names.add(p + q);
        names.add(p + "user" + q);
      }
    }
    names.add("a".repeat(214));
    names.add("a".repeat(215));
    names.add("A".repeat(215));
    List<String> emails = new ArrayList<>();
    String[] locals = {"", "a", "a.b", "@", "a@b", " ", "ü", "x".repeat(250)};
    String[] domains = {
      "", "b", "b.c", "b.", ".c", "b..c", "@b.c", "b.c\n", "b .c", "x".repeat(250) + ".c"
    };
    for (String l : locals) {
      for (String d : domains) {
        emails.add(l + "@" + d);
        emails.add(l + d);
      }
    }
    NpmOracle oracle = NpmOracle.install(OraclePackages.NPM_USER_VALIDATE);
    JsonNode out = oracle.run(SCRIPT, Map.of("names", names, "emails", emails));
    long refused = 0;
    for (JsonNode n : out.get("names")) {
      refused += n.isNull() ? 0 : 1;
    }
    assertTrue(refused > 100 && refused < names.size() - 100, "both outcomes are exercised");
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      JsonNode npm = out.get("names").get(i);
      String expected = npm.isNull() ? null : npm.asText();
      String actual = quollName(n);
      boolean quollExtra = expected == null && (n.isEmpty() || n.startsWith("_"));
      if (quollExtra ? actual == null : !java.util.Objects.equals(expected, actual)) {
        mismatches.add("name " + Json(n) + ": npm " + expected + ", quoll " + actual);
      }
    }
    for (int i = 0; i < emails.size(); i++) {
      JsonNode npm = out.get("emails").get(i);
      String expected = npm.isNull() ? null : npm.asText();
      String actual = quollEmail(emails.get(i));
      if (!java.util.Objects.equals(expected, actual)) {
        mismatches.add("email " + Json(emails.get(i)) + ": npm " + expected + ", quoll " + actual);
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + (names.size() + emails.size())
            + " differ:\n"
            + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
  }

  private static String Json(String s) {
    return dev.quoll.core.json.Json.stringify(
        com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
  }

  @Test
  void passwordPolicy() {
    assertThrows(RegistryException.class, () -> UserRules.checkPassword("bob", "short"));
    assertThrows(RegistryException.class, () -> UserRules.checkPassword("bob", "123456789"));
    var same =
        assertThrows(
            RegistryException.class,
            () -> UserRules.checkPassword("long-user-name", "Long-User-Name"));
    assertEquals("Password may not be the user name", same.getMessage());
    var common =
        assertThrows(RegistryException.class, () -> UserRules.checkPassword("bob", "QWERTYUIOP"));
    assertTrue(common.getMessage().contains("too common"));
    assertThrows(RegistryException.class, () -> UserRules.checkPassword("bob", "Password123"));
    assertThrows(
        RegistryException.class, () -> UserRules.checkPassword("bob", "😀😀😀😀😀😀😀😀😀"));
    UserRules.checkPassword("bob", "😀😀😀😀😀😀😀😀😀😀");
    UserRules.checkPassword("bob", "tricky-horse-battery");
  }
}
