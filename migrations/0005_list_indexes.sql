CREATE INDEX `cosigners_tenant_suggestion` ON `suggestion_cosigners` (`tenant_id`,`suggestion_id`);--> statement-breakpoint
CREATE INDEX `suggestions_tenant_submitted` ON `suggestions` (`tenant_id`,`submitted_at`);--> statement-breakpoint
-- Let the query planner see the new indexes (measured in bench/list-scale).
PRAGMA optimize;
