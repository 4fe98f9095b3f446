-- The events outbox (`events({ outbox })`, docs/operations.md#the-events-outbox): a write that emits an event with a
-- durable listener inserts the event's row in the same D1 batch as its data, so the event commits with the write or
-- not at all. Delivery after the response sends it to the queue and deletes the row; the relay job sends rows older
-- than a minute (their delivery was lost) and deletes them. `id` is the event's id, carried by every delivery as
-- `eventId`; `payload` is JSON text built in SQL from the written row; `created_at` is epoch milliseconds.
CREATE TABLE event_outbox (
  id TEXT PRIMARY KEY,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  request_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX event_outbox_created_at ON event_outbox (created_at);
