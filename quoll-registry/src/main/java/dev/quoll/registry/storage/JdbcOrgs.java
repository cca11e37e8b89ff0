package dev.quoll.registry.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link OrgStore} on the tables of migration V20 ({@code orgs}, {@code org_members}, {@code
 * teams}, {@code team_members}, {@code team_packages}), in portable SQL. Each write is one
 * transaction; removals delete children explicitly (not relying on {@code ON DELETE CASCADE} alone)
 * so both engines behave the same.
 */
final class JdbcOrgs implements OrgStore {
  private final SqlRunner sql;

  JdbcOrgs(DataSource dataSource) {
    this.sql = new SqlRunner(dataSource);
  }

  @Override
  public Optional<Org> findOrg(String name) {
    return sql
        .query(
            "SELECT name, created_at FROM orgs WHERE name = ?",
            List.of(name),
            rs -> new Org(rs.getString(1), Instant.parse(rs.getString(2))))
        .stream()
        .findFirst();
  }

  @Override
  public boolean createOrg(String name, String owner, Instant at) {
    boolean[] created = {false};
    sql.inTransaction(
        c -> {
          int n =
              SqlRunner.update(
                  c,
                  "INSERT INTO orgs (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                  name,
                  at.toString());
          if (n == 0) {
            return;
          }
          SqlRunner.update(
              c,
              "INSERT INTO teams (org_name, team_name, description, created_at) VALUES (?, ?, ?, ?)",
              name,
              DEVELOPERS,
              "",
              at.toString());
          upsertMember(c, new Member(name, owner, "owner"));
          created[0] = true;
        });
    return created[0];
  }

  @Override
  public void removeOrg(String name) {
    sql.inTransaction(
        c -> {
          SqlRunner.update(c, "DELETE FROM team_packages WHERE org_name = ?", name);
          SqlRunner.update(c, "DELETE FROM team_members WHERE org_name = ?", name);
          SqlRunner.update(c, "DELETE FROM teams WHERE org_name = ?", name);
          SqlRunner.update(c, "DELETE FROM org_members WHERE org_name = ?", name);
          SqlRunner.update(c, "DELETE FROM orgs WHERE name = ?", name);
        });
  }

  @Override
  public List<Member> listOrgMembers(String org) {
    return sql.query(
        "SELECT org_name, user_name, role FROM org_members WHERE org_name = ? ORDER BY user_name",
        List.of(org),
        rs -> new Member(rs.getString(1), rs.getString(2), rs.getString(3)));
  }

  @Override
  public List<Member> listMemberships(String user) {
    return sql.query(
        "SELECT org_name, user_name, role FROM org_members WHERE user_name = ? ORDER BY org_name",
        List.of(user),
        rs -> new Member(rs.getString(1), rs.getString(2), rs.getString(3)));
  }

  @Override
  public void saveOrgMember(Member member) {
    sql.inTransaction(c -> upsertMember(c, member));
  }

  private static void upsertMember(Connection c, Member m) throws SQLException {
    SqlRunner.update(
        c,
        "INSERT INTO org_members (org_name, user_name, role) VALUES (?, ?, ?)"
            + " ON CONFLICT (org_name, user_name) DO UPDATE SET role = excluded.role",
        m.org(),
        m.user(),
        m.role());
    insertTeamMember(c, m.org(), DEVELOPERS, m.user());
  }

  private static void insertTeamMember(Connection c, String org, String team, String user)
      throws SQLException {
    SqlRunner.update(
        c,
        "INSERT INTO team_members (org_name, team_name, user_name) VALUES (?, ?, ?)"
            + " ON CONFLICT (org_name, team_name, user_name) DO NOTHING",
        org,
        team,
        user);
  }

  @Override
  public void removeOrgMember(String org, String user) {
    sql.inTransaction(
        c -> {
          SqlRunner.update(
              c, "DELETE FROM team_members WHERE org_name = ? AND user_name = ?", org, user);
          SqlRunner.update(
              c, "DELETE FROM org_members WHERE org_name = ? AND user_name = ?", org, user);
        });
  }

  @Override
  public List<Team> listTeams(String org) {
    return sql.query(
        "SELECT org_name, team_name, description, created_at FROM teams WHERE org_name = ?"
            + " ORDER BY team_name",
        List.of(org),
        rs ->
            new Team(
                rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4))));
  }

  @Override
  public boolean createTeam(Team team) {
    int[] n = {0};
    sql.inTransaction(
        c ->
            n[0] =
                SqlRunner.update(
                    c,
                    "INSERT INTO teams (org_name, team_name, description, created_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (org_name, team_name) DO NOTHING",
                    team.org(),
                    team.name(),
                    team.description(),
                    team.created().toString()));
    return n[0] == 1;
  }

  @Override
  public void removeTeam(String org, String team) {
    sql.inTransaction(
        c -> {
          SqlRunner.update(
              c, "DELETE FROM team_packages WHERE org_name = ? AND team_name = ?", org, team);
          SqlRunner.update(
              c, "DELETE FROM team_members WHERE org_name = ? AND team_name = ?", org, team);
          SqlRunner.update(c, "DELETE FROM teams WHERE org_name = ? AND team_name = ?", org, team);
        });
  }

  @Override
  public List<String> listTeamMembers(String org, String team) {
    return sql.query(
        "SELECT user_name FROM team_members WHERE org_name = ? AND team_name = ?"
            + " ORDER BY user_name",
        List.of(org, team),
        rs -> rs.getString(1));
  }

  @Override
  public void saveTeamMember(String org, String team, String user) {
    sql.inTransaction(c -> insertTeamMember(c, org, team, user));
  }

  @Override
  public void removeTeamMember(String org, String team, String user) {
    sql.inTransaction(
        c ->
            SqlRunner.update(
                c,
                "DELETE FROM team_members WHERE org_name = ? AND team_name = ? AND user_name = ?",
                org,
                team,
                user));
  }

  private static final String GRANT_COLUMNS =
      "SELECT tp.org_name, tp.team_name, tp.package_name, tp.permission FROM team_packages tp";

  @Override
  public List<TeamGrant> listTeamGrants(String org, String team) {
    return sql.query(
        GRANT_COLUMNS + " WHERE tp.org_name = ? AND tp.team_name = ? ORDER BY tp.package_name",
        List.of(org, team),
        JdbcOrgs::grant);
  }

  @Override
  public List<TeamGrant> listPackageGrants(String packageName) {
    return sql.query(
        GRANT_COLUMNS + " WHERE tp.package_name = ? ORDER BY tp.org_name, tp.team_name",
        List.of(packageName),
        JdbcOrgs::grant);
  }

  @Override
  public List<TeamGrant> listUserGrants(String user, String packageName) {
    return sql.query(
        GRANT_COLUMNS
            + " JOIN team_members tm ON tm.org_name = tp.org_name AND tm.team_name = tp.team_name"
            + " WHERE tm.user_name = ? AND tp.package_name = ? ORDER BY tp.org_name, tp.team_name",
        List.of(user, packageName),
        JdbcOrgs::grant);
  }

  @Override
  public void saveTeamGrant(TeamGrant g) {
    sql.inTransaction(
        c ->
            SqlRunner.update(
                c,
                "INSERT INTO team_packages (org_name, team_name, package_name, permission)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (org_name, team_name, package_name)"
                    + " DO UPDATE SET permission = excluded.permission",
                g.org(),
                g.team(),
                g.packageName(),
                g.permission()));
  }

  @Override
  public void removeTeamGrant(String org, String team, String packageName) {
    sql.inTransaction(
        c ->
            SqlRunner.update(
                c,
                "DELETE FROM team_packages WHERE org_name = ? AND team_name = ?"
                    + " AND package_name = ?",
                org,
                team,
                packageName));
  }

  private static TeamGrant grant(java.sql.ResultSet rs) throws SQLException {
    return new TeamGrant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
  }
}
