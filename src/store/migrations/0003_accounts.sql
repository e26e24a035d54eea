-- 0003: user accounts, sign-in sessions and sign-in throttling.

-- People who sign in. Never deleted (the audit log and cases name them):
-- an account that must not be used any more is disabled.
CREATE TABLE users (
  id                  TEXT PRIMARY KEY,            -- ULID
  login               TEXT NOT NULL UNIQUE,        -- 1..64 of [a-z0-9._-]
  full_name           TEXT NOT NULL,               -- UTF-8, <= 200 bytes
  unit_id             TEXT NOT NULL REFERENCES units(id),
  roles               INTEGER NOT NULL             -- enum role bits (core/actor.h)
                      CHECK (roles > 0 AND roles < 32),
  password_hash       TEXT NOT NULL,               -- crypto_pwhash_str (Argon2id, salt inside)
  disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  demo                INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)), -- made by init --demo
  created_at          TEXT NOT NULL,               -- UTC, YYYY-MM-DDTHH:MM:SS.mmmZ
  updated_at          TEXT NOT NULL,               -- UTC, last change of any field
  password_changed_at TEXT NOT NULL                -- UTC
) STRICT;
CREATE INDEX users_unit ON users(unit_id);

-- Signed-in sessions. The bearer token is never stored: only its SHA-256,
-- so a copy of the database cannot be used to take over sessions. Times
-- are milliseconds since the epoch from rl_now_ms(), because expiry is
-- arithmetic on them.
CREATE TABLE sessions (
  id            TEXT PRIMARY KEY,                  -- ULID, safe to show and log
  token_hash    TEXT NOT NULL UNIQUE,              -- hex SHA-256 of the token
  user_id       TEXT NOT NULL REFERENCES users(id),
  created_ms    INTEGER NOT NULL,
  last_seen_ms  INTEGER NOT NULL,                  -- last request (touched coarsely)
  idle_until_ms INTEGER NOT NULL,                  -- last_seen + idle timeout
  expires_ms    INTEGER NOT NULL,                  -- created + absolute lifetime
  csrf_token    TEXT NOT NULL,                     -- sent back in a header on writes
  client_ip     TEXT NOT NULL,                     -- address that signed in
  ended_ms      INTEGER                            -- NULL while open; sign-out, disable
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id, ended_ms);

-- Failed sign-ins, per typed login (known or not, so a lock does not tell
-- whether an account exists) and per client address. A row is one
-- counting window; it is reset when the window is over.
CREATE TABLE signin_throttle (
  kind         TEXT NOT NULL CHECK (kind IN ('login', 'ip')),
  key          TEXT NOT NULL,                      -- the login as typed, or the address
  failures     INTEGER NOT NULL,                   -- in the window that began at window_ms
  window_ms    INTEGER NOT NULL,                   -- first failure of the window
  locked_ms    INTEGER NOT NULL DEFAULT 0,         -- refuse attempts until then
  PRIMARY KEY (kind, key)
) STRICT;
