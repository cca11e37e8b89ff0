-- Names the uplink answered 404 for, shared by every node so that a miss seen by one node is not
-- asked upstream again by the others until it expires. expires_at is epoch milliseconds. Rows past
-- their expiry are ignored and deleted now and then. Portable SQL.
CREATE TABLE uplink_missing (
  name VARCHAR(214) NOT NULL PRIMARY KEY,
  expires_at BIGINT NOT NULL
);

CREATE INDEX uplink_missing_by_expiry ON uplink_missing (expires_at);
