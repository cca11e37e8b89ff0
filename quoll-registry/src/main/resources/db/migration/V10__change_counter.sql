-- One changes sequence for the whole registry, safe with concurrent writers on PostgreSQL (several
-- nodes): a package write takes the next number with UPDATE counters SET value = value + 1, which
-- locks this row until the write commits, so numbers are handed out, and become visible, in commit
-- order with no gaps. On SQLite (one writer at a time) it behaves the same. Portable SQL.
-- (V3..V9 are reserved for the accounts tables being written in parallel.)
CREATE TABLE counters (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value BIGINT NOT NULL
);

INSERT INTO counters (name, value) SELECT 'changes', COALESCE(MAX(seq), 0) FROM changes;
