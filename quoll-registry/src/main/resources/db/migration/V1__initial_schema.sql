-- Quoll registry metadata, version 1. Portable SQL: the same migration runs on SQLite (the
-- embedded default) and PostgreSQL. Times are ISO-8601 UTC text; no engine-specific types.

-- One row per package: the full packument (JSON text, without _rev) and its revision counter.
-- A write is a compare-and-set on revision (UPDATE ... WHERE revision = expected).
CREATE TABLE packages (
  name VARCHAR(214) NOT NULL PRIMARY KEY,
  revision BIGINT NOT NULL,
  document TEXT NOT NULL,
  modified_at VARCHAR(40) NOT NULL
);

-- Every version ever published, kept after unpublish: a version number is never reused.
CREATE TABLE published_versions (
  package_name VARCHAR(214) NOT NULL,
  version VARCHAR(256) NOT NULL,
  published_at VARCHAR(40) NOT NULL,
  PRIMARY KEY (package_name, version)
);

CREATE TABLE users (
  name VARCHAR(214) NOT NULL PRIMARY KEY,
  email VARCHAR(320) NOT NULL,
  password_hash VARCHAR(512) NOT NULL,
  created_at VARCHAR(40) NOT NULL
);

-- Bearer tokens, stored only as the hex SHA-256 of the token text.
CREATE TABLE tokens (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,
  user_name VARCHAR(214) NOT NULL REFERENCES users (name),
  created_at VARCHAR(40) NOT NULL
);

CREATE INDEX tokens_by_user ON tokens (user_name);

-- The changes sequence (the _changes feed): one row per package write, seq strictly increasing.
CREATE TABLE changes (
  seq BIGINT NOT NULL PRIMARY KEY,
  package_name VARCHAR(214) NOT NULL,
  revision BIGINT NOT NULL,
  changed_at VARCHAR(40) NOT NULL
);
