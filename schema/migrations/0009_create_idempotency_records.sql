-- What makes a keyed write exact under faults (the `idempotency` extension, docs/idempotency.md): the record of an
-- Idempotency-Key commits in the same D1 batch as the row the request inserts, so a retry after a lost response
-- finds the row instead of inserting a second one. `key` is the SHA-256 of the caller and the key; `row_key` the
-- inserted row's primary key in `table_name`. Times are epoch milliseconds; expired records are deleted a few at a
-- time by later keyed inserts.
CREATE TABLE idempotency_records (
  key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  table_name TEXT NOT NULL,
  -- No declared type: the primary key keeps its own (an integer stays an integer).
  row_key NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX idempotency_records_expires_at ON idempotency_records (expires_at);
