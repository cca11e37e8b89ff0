-- Packuments fetched from the uplink, exactly as the upstream sent them (tarball URLs are
-- rewritten when rendered), with the upstream ETag for revalidation and the last check time.
CREATE TABLE uplink_packuments (
  name VARCHAR(214) NOT NULL PRIMARY KEY,
  document TEXT NOT NULL,
  etag VARCHAR(512) NOT NULL,
  checked_at VARCHAR(40) NOT NULL
);
