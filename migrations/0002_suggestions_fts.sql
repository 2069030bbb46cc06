-- Full-text search over suggestions' title and content. Trigram tokens find
-- Chinese phrases of three or more characters (shorter words use LIKE).
-- Written by hand: drizzle-kit does not generate virtual tables. Triggers keep
-- the index in step with the table in the same statement as every change.
CREATE VIRTUAL TABLE `suggestions_fts` USING fts5(title, content, content='suggestions', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `suggestions_fts` (rowid, title, content) SELECT id, title, content FROM `suggestions`;
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_insert` AFTER INSERT ON `suggestions` BEGIN
  INSERT INTO `suggestions_fts` (rowid, title, content) VALUES (new.id, new.title, new.content);
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_delete` AFTER DELETE ON `suggestions` BEGIN
  INSERT INTO `suggestions_fts` (`suggestions_fts`, rowid, title, content) VALUES ('delete', old.id, old.title, old.content);
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_update` AFTER UPDATE OF title, content ON `suggestions` BEGIN
  INSERT INTO `suggestions_fts` (`suggestions_fts`, rowid, title, content) VALUES ('delete', old.id, old.title, old.content);
  INSERT INTO `suggestions_fts` (rowid, title, content) VALUES (new.id, new.title, new.content);
END;
