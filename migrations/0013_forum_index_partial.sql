DROP INDEX `suggestions_tenant_forum`;--> statement-breakpoint
CREATE INDEX `suggestions_tenant_forum` ON `suggestions` (`tenant_id`,`forum_topic_id`) WHERE forum_topic_id is not null;--> statement-breakpoint
PRAGMA optimize;
