-- Accounts and security (issue 4). Portable SQL (SQLite and PostgreSQL): TEXT/VARCHAR, BIGINT,
-- INTEGER 0/1 for booleans, ISO-8601 UTC text for times.

-- Token restrictions. redacted: the first characters of the token for `npm token list`;
-- cidr_whitelist: JSON array of CIDR ranges ([] = anywhere); grants: JSON of npm 11's granular
-- fields ('' = unrestricted); expires_at: NULL = never.
ALTER TABLE tokens ADD COLUMN redacted VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN readonly INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tokens ADD COLUMN cidr_whitelist TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tokens ADD COLUMN name VARCHAR(256) NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN expires_at VARCHAR(40) DEFAULT NULL;
ALTER TABLE tokens ADD COLUMN grants TEXT NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN bypass_2fa INTEGER NOT NULL DEFAULT 0;

-- The editable profile of `npm profile get/set` ('' = unset).
CREATE TABLE user_profiles (
  user_name VARCHAR(214) NOT NULL PRIMARY KEY REFERENCES users (name),
  fullname TEXT NOT NULL,
  homepage TEXT NOT NULL,
  twitter TEXT NOT NULL,
  github TEXT NOT NULL,
  freenode TEXT NOT NULL,
  email_verified INTEGER NOT NULL,
  updated_at VARCHAR(40) NOT NULL
);

-- Two-factor authentication: mode auth-only / auth-and-writes, pending until confirmed; the TOTP
-- secret encrypted (AES-GCM, see accounts.SecretBox); last_step: the last TOTP time step
-- accepted, so a code is never accepted twice.
CREATE TABLE user_tfa (
  user_name VARCHAR(214) NOT NULL PRIMARY KEY REFERENCES users (name),
  mode VARCHAR(32) NOT NULL,
  pending INTEGER NOT NULL,
  secret TEXT NOT NULL,
  last_step BIGINT NOT NULL
);

-- Single-use recovery codes, stored as hex SHA-256 of the code.
CREATE TABLE recovery_codes (
  user_name VARCHAR(214) NOT NULL REFERENCES users (name),
  code_hash CHAR(64) NOT NULL,
  PRIMARY KEY (user_name, code_hash)
);
