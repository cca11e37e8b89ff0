-- Leases on background jobs (uplink refresh, hook deliveries): with several nodes exactly one node
-- holds a job's lease at a time; it renews before expires_at (epoch milliseconds) or loses it to
-- the next node that asks. Portable SQL (upsert with a WHERE clause: SQLite 3.24+, PostgreSQL 9.5+).
CREATE TABLE job_leases (
  name VARCHAR(200) NOT NULL PRIMARY KEY,
  holder VARCHAR(200) NOT NULL,
  expires_at BIGINT NOT NULL
);
