-- npm web login sessions (wire note §13.3), kept in the database so that with several nodes the
-- browser form, the CLI's polls of doneUrl and the start can each reach a different node.
-- token holds the minted token only between the browser completing the login and the one poll
-- that hands it out (then the row is deleted); expired rows are deleted when sessions start.
-- expires_at is epoch milliseconds, so expiry compares as a number.
CREATE TABLE web_login_sessions (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  secret VARCHAR(64) NOT NULL,
  is_create INTEGER NOT NULL,
  expires_at BIGINT NOT NULL,
  token VARCHAR(512)
);

CREATE INDEX web_login_sessions_by_expiry ON web_login_sessions (expires_at);
