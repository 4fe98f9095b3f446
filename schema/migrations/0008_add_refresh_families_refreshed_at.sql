-- When a refresh family last issued a refresh token (ms since the epoch; NULL until its first refresh, when the
-- login's created_at is that time). The nightly purge deletes a family once its newest refresh token has expired.
ALTER TABLE refresh_families ADD COLUMN refreshed_at INTEGER;
