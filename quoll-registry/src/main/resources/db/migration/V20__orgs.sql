-- Orgs and teams (issue 5). Portable SQL (SQLite and PostgreSQL). An org's name shares the
-- namespace of user names (checked by the service, not here). Times are ISO-8601 UTC text.

CREATE TABLE orgs (
  name VARCHAR(214) NOT NULL PRIMARY KEY,
  created_at VARCHAR(40) NOT NULL
);

-- role: owner, admin or developer (npm org set; wire note §10).
CREATE TABLE org_members (
  org_name VARCHAR(214) NOT NULL REFERENCES orgs (name) ON DELETE CASCADE,
  user_name VARCHAR(214) NOT NULL REFERENCES users (name),
  role VARCHAR(16) NOT NULL,
  PRIMARY KEY (org_name, user_name)
);

CREATE INDEX org_members_by_user ON org_members (user_name);

CREATE TABLE teams (
  org_name VARCHAR(214) NOT NULL REFERENCES orgs (name) ON DELETE CASCADE,
  team_name VARCHAR(214) NOT NULL,
  description TEXT NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  PRIMARY KEY (org_name, team_name)
);

CREATE TABLE team_members (
  org_name VARCHAR(214) NOT NULL,
  team_name VARCHAR(214) NOT NULL,
  user_name VARCHAR(214) NOT NULL REFERENCES users (name),
  PRIMARY KEY (org_name, team_name, user_name),
  FOREIGN KEY (org_name, team_name) REFERENCES teams (org_name, team_name) ON DELETE CASCADE
);

CREATE INDEX team_members_by_user ON team_members (user_name);

-- permission: read-only or read-write (npm access grant; wire note §9).
CREATE TABLE team_packages (
  org_name VARCHAR(214) NOT NULL,
  team_name VARCHAR(214) NOT NULL,
  package_name VARCHAR(214) NOT NULL,
  permission VARCHAR(16) NOT NULL,
  PRIMARY KEY (org_name, team_name, package_name),
  FOREIGN KEY (org_name, team_name) REFERENCES teams (org_name, team_name) ON DELETE CASCADE
);

CREATE INDEX team_packages_by_package ON team_packages (package_name);
