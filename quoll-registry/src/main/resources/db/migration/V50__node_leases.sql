-- Read leases of the nodes (several nodes on PostgreSQL; unused on the embedded default): a node
-- with a healthy LISTEN connection renews its row about every second, setting expires_at (epoch
-- milliseconds by the database's clock) a lease length ahead and applied_seq to the last change
-- it has applied. While its lease lasts a node serves cached reads without asking the database,
-- and a writer waits, before acknowledging a write, until every other node holding a lease has
-- applied it or its lease has run out (storage/NodeLeases.java, docs/deployment.md).
-- Portable SQL.
CREATE TABLE node_leases (
  node_id VARCHAR(200) NOT NULL PRIMARY KEY,
  applied_seq BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
