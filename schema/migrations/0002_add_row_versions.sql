-- A row version bumped on every update: the strong ETag behind If-Match, checked inside the UPDATE itself
-- (`WHERE id = ? AND version = ?`), so two clients cannot both overwrite the same version.
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE posts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
