-- Sample data for local development (`npm run dev` loads it after the migrations). Idempotent: users are
-- skipped when their email exists, posts when their author already has a post with that title.
-- Passwords (documented in README): admin@example.com / admin-password, alice@example.com / alice-password,
-- bob@example.com / bob-password. Hashes are in hashPassword's format: pbkdf2-sha256$iterations$salt$hash.
INSERT OR IGNORE INTO users (name, email, age, password_hash, role) VALUES
  ('Admin', 'admin@example.com', 40, 'pbkdf2-sha256$100000$b9ZAG6DKKgFq5vo0OoAp0g==$/i3D0Lzh0WTINd62gHYd2gjaRNKKuYbcJMG2G7K2BcM=', 'admin'),
  ('Alice Example', 'alice@example.com', 31, 'pbkdf2-sha256$100000$I9F2ULwWuAddOVInPgeQ3g==$+IDEdpqWIVd1UJQsMM/6hr92CmReflFyZKBBv9hIlE8=', 'user'),
  ('Bob Example', 'bob@example.com', 27, 'pbkdf2-sha256$100000$ORaR64assr1H9+KKk+mE3A==$KuGmvHDJGKEcN3L70Xj6WiSKEPSUYLuCskhxqAF6tdQ=', 'user');

INSERT INTO posts (author_id, title, content)
SELECT u.id, p.title, p.content
FROM (
  SELECT 'alice@example.com' AS email, 'Hello, edge' AS title, 'My first post, served from a Worker next to you.' AS content
  UNION ALL SELECT 'alice@example.com', 'On D1', 'SQLite at the edge: migrations, prepared statements, a UNIQUE index doing the hard work.'
  UNION ALL SELECT 'bob@example.com', 'Notes from Bob', 'Search me: 100% literal, under_scores included.'
  UNION ALL SELECT 'admin@example.com', 'Welcome', 'This API is explorable at once: try GET /users and GET /posts.'
) AS p
JOIN users AS u ON u.email = p.email
WHERE NOT EXISTS (SELECT 1 FROM posts AS q WHERE q.author_id = u.id AND q.title = p.title);
