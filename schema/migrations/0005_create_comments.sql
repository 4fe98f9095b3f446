-- Comments under posts. Deleting a post (or its author) deletes its comments.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
-- Serves a post's comments in creation order and the keyset condition of their cursor pages.
CREATE INDEX comments_post_created ON comments (post_id, created_at, id);
CREATE INDEX comments_author_id ON comments (author_id);

-- The count lives on the post and triggers keep it, in the same statement as the comment's insert or delete, so
-- it can never drift from the rows. The post's version moves too: its representation (and so its ETag) changed.
ALTER TABLE posts ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER comments_count_insert AFTER INSERT ON comments BEGIN
  UPDATE posts SET comment_count = comment_count + 1, version = version + 1 WHERE id = NEW.post_id;
END;
CREATE TRIGGER comments_count_delete AFTER DELETE ON comments BEGIN
  UPDATE posts SET comment_count = comment_count - 1, version = version + 1 WHERE id = OLD.post_id;
END;
