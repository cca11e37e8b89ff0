package dev.quoll.registry.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.registry.storage.MetadataStore.Grants;
import dev.quoll.registry.storage.MetadataStore.Profile;
import dev.quoll.registry.storage.MetadataStore.Token;
import dev.quoll.registry.storage.MetadataStore.TwoFactor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The account half of {@link JdbcMetadataStore}: tokens with their restrictions, profiles,
 * two-factor settings and recovery codes (migration {@code V3__accounts.sql}). Portable SQL only;
 * the single-use guarantees ({@link #claimOtpStep}, {@link #removeRecoveryCode}) are one
 * conditional {@code UPDATE}/{@code DELETE} each, so two concurrent uses cannot both succeed.
 */
final class JdbcAccounts {
  private static final String TOKEN_COLUMNS =
      "token_hash, user_name, created_at, redacted, readonly, cidr_whitelist, name, expires_at,"
          + " grants, bypass_2fa";
  private final DataSource dataSource;
  private final SqlRunner sql;

  JdbcAccounts(DataSource dataSource) {
    this.dataSource = dataSource;
    this.sql = new SqlRunner(dataSource);
  }

  Optional<Token> findToken(String hash) {
    return sql
        .query(
            "SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE token_hash = ?",
            List.of(hash),
            JdbcAccounts::token)
        .stream()
        .findFirst();
  }

  List<Token> listTokens(String userName) {
    return sql.query(
        "SELECT "
            + TOKEN_COLUMNS
            + " FROM tokens WHERE user_name = ? ORDER BY created_at, token_hash",
        List.of(userName),
        JdbcAccounts::token);
  }

  void saveToken(Token t) {
    sql.inTransaction(
        c -> {
          SqlRunner.update(c, "DELETE FROM tokens WHERE token_hash = ?", t.hash());
          SqlRunner.update(
              c,
              "INSERT INTO tokens (" + TOKEN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              t.hash(),
              t.userName(),
              t.created().toString(),
              t.redacted(),
              t.readonly() ? 1 : 0,
              Json.stringify(strings(t.cidrWhitelist())),
              t.name(),
              t.expires().map(Instant::toString).orElse(null),
              grantsText(t.grants()),
              t.bypass2fa() ? 1 : 0);
        });
  }

  void removeTokens(String userName) {
    sql.inTransaction(c -> SqlRunner.update(c, "DELETE FROM tokens WHERE user_name = ?", userName));
  }

  Optional<Profile> findProfile(String userName) {
    return sql
        .query(
            "SELECT user_name, fullname, homepage, twitter, github, freenode, email_verified,"
                + " updated_at FROM user_profiles WHERE user_name = ?",
            List.of(userName),
            rs ->
                new Profile(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getInt(7) != 0,
                    Instant.parse(rs.getString(8))))
        .stream()
        .findFirst();
  }

  void saveProfile(Profile p) {
    sql.inTransaction(
        c ->
            SqlRunner.update(
                c,
                "INSERT INTO user_profiles (user_name, fullname, homepage, twitter, github,"
                    + " freenode, email_verified, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (user_name) DO UPDATE SET fullname = excluded.fullname,"
                    + " homepage = excluded.homepage, twitter = excluded.twitter,"
                    + " github = excluded.github, freenode = excluded.freenode,"
                    + " email_verified = excluded.email_verified, updated_at = excluded.updated_at",
                p.userName(),
                p.fullname(),
                p.homepage(),
                p.twitter(),
                p.github(),
                p.freenode(),
                p.emailVerified() ? 1 : 0,
                p.updated().toString()));
  }

  Optional<TwoFactor> findTwoFactor(String userName) {
    return sql
        .query(
            "SELECT user_name, mode, pending, secret, last_step FROM user_tfa WHERE user_name = ?",
            List.of(userName),
            rs ->
                new TwoFactor(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3) != 0,
                    rs.getString(4),
                    rs.getLong(5)))
        .stream()
        .findFirst();
  }

  void saveTwoFactor(TwoFactor t, List<String> recoveryCodeHashes) {
    sql.inTransaction(
        c -> {
          SqlRunner.update(
              c,
              "INSERT INTO user_tfa (user_name, mode, pending, secret, last_step)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_name) DO UPDATE SET"
                  + " mode = excluded.mode, pending = excluded.pending, secret = excluded.secret,"
                  + " last_step = excluded.last_step",
              t.userName(),
              t.mode(),
              t.pending() ? 1 : 0,
              t.encryptedSecret(),
              t.lastStep());
          if (!recoveryCodeHashes.isEmpty()) {
            SqlRunner.update(c, "DELETE FROM recovery_codes WHERE user_name = ?", t.userName());
          }
          for (String h : recoveryCodeHashes) {
            SqlRunner.update(
                c,
                "INSERT INTO recovery_codes (user_name, code_hash) VALUES (?, ?)"
                    + " ON CONFLICT (user_name, code_hash) DO NOTHING",
                t.userName(),
                h);
          }
        });
  }

  void removeTwoFactor(String userName) {
    sql.inTransaction(
        c -> {
          SqlRunner.update(c, "DELETE FROM recovery_codes WHERE user_name = ?", userName);
          SqlRunner.update(c, "DELETE FROM user_tfa WHERE user_name = ?", userName);
        });
  }

  boolean claimOtpStep(String userName, long step) {
    int[] n = new int[1];
    sql.inTransaction(
        c ->
            n[0] =
                SqlRunner.update(
                    c,
                    "UPDATE user_tfa SET last_step = ? WHERE user_name = ? AND last_step < ?",
                    step,
                    userName,
                    step));
    return n[0] == 1;
  }

  boolean removeRecoveryCode(String userName, String codeHash) {
    int[] n = new int[1];
    sql.inTransaction(
        c ->
            n[0] =
                SqlRunner.update(
                    c,
                    "DELETE FROM recovery_codes WHERE user_name = ? AND code_hash = ?",
                    userName,
                    codeHash));
    return n[0] == 1;
  }

  private static Token token(ResultSet rs) throws SQLException {
    String expires = rs.getString(8);
    return new Token(
        rs.getString(1),
        rs.getString(2),
        Instant.parse(rs.getString(3)),
        rs.getString(4),
        rs.getInt(5) != 0,
        stringList(Json.parse(rs.getString(6))),
        rs.getString(7),
        expires == null ? Optional.empty() : Optional.of(Instant.parse(expires)),
        grants(rs.getString(9)),
        rs.getInt(10) != 0);
  }

  private static String grantsText(Grants g) {
    if (!g.restricted()) {
      return "";
    }
    ObjectNode o = Json.object();
    o.set("packages", strings(g.packages()));
    o.set("scopes", strings(g.scopes()));
    o.set("orgs", strings(g.orgs()));
    o.put("packagesPermission", g.packagesPermission());
    o.put("orgsPermission", g.orgsPermission());
    return Json.stringify(o);
  }

  private static Grants grants(String text) {
    if (text == null || text.isEmpty()) {
      return Grants.ALL;
    }
    JsonNode o = Json.parse(text);
    return new Grants(
        true,
        stringList(o.path("packages")),
        stringList(o.path("scopes")),
        stringList(o.path("orgs")),
        o.path("packagesPermission").asText("read-write"),
        o.path("orgsPermission").asText("read-write"));
  }

  private static ArrayNode strings(List<String> list) {
    ArrayNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    list.forEach(a::add);
    return a;
  }

  private static List<String> stringList(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }
}
