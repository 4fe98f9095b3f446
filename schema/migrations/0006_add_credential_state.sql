-- Credentials that end when they should. Every authenticated request reads the user's row: a deleted user, a
-- changed role or a bumped credential_version (password change, "log out everywhere") takes effect at once.
ALTER TABLE users ADD COLUMN credential_version INTEGER NOT NULL DEFAULT 1;

-- Cookie sessions (src/core/auth/cookie-session.ts). The id column holds the SHA-256 of the cookie's value, so a
-- leaked table holds no usable session. Times are milliseconds since the epoch. D1, not KV: a deleted session
-- must be gone on the next request everywhere, and KV may serve a deleted key for about a minute elsewhere.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_subject ON sessions (subject);

-- Refresh-token families (OAuth 2.0 security BCP §4.14): one per login. Each refresh moves generation on; a
-- token of an older generation is a reuse, and revokes the family, which also ends its access tokens.
CREATE TABLE refresh_families (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  generation INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX refresh_families_user_id ON refresh_families (user_id);
