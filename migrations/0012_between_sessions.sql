CREATE TABLE `ballot_candidates` (
	`tenant_id` integer NOT NULL,
	`ballot_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`ballot_id`, `project_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ballot_voters` (
	`tenant_id` integer NOT NULL,
	`ballot_id` integer NOT NULL,
	`deputy_id` integer NOT NULL,
	PRIMARY KEY(`ballot_id`, `deputy_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deputy_id`) REFERENCES `deputies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ballots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`places` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_at` integer,
	`closes_at` integer,
	`closed_at` integer,
	`created_by_user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ballots_tenant_year` ON `ballots` (`tenant_id`,`year`);--> statement-breakpoint
CREATE TABLE `forum_topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`month` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`closes_on` text NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forum_topics_tenant_month` ON `forum_topics` (`tenant_id`,`month`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`deputy_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`occurred_on` text NOT NULL,
	`note` text,
	`created_by_user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deputy_id`) REFERENCES `deputies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_entries_tenant_deputy_date` ON `ledger_entries` (`tenant_id`,`deputy_id`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `project_satisfaction` (
	`tenant_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`deputy_id` integer NOT NULL,
	`rating` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`project_id`, `deputy_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deputy_id`) REFERENCES `deputies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `project_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`percent` integer NOT NULL,
	`note` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_updates_project` ON `project_updates` (`tenant_id`,`project_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`budget_yuan` integer,
	`unit_id` integer,
	`proposer_kind` text NOT NULL,
	`proposer_name` text,
	`proposer_contact` text,
	`proposer_user_id` integer,
	`status` text NOT NULL,
	`planned_finish` text,
	`progress_percent` integer DEFAULT 0 NOT NULL,
	`colour` text DEFAULT 'green' NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `handling_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `projects_tenant_year_status` ON `projects` (`tenant_id`,`year`,`status`);--> statement-breakpoint
CREATE TABLE `reception_deputies` (
	`tenant_id` integer NOT NULL,
	`reception_id` integer NOT NULL,
	`deputy_id` integer NOT NULL,
	PRIMARY KEY(`reception_id`, `deputy_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reception_id`) REFERENCES `receptions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deputy_id`) REFERENCES `deputies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reception_deputies_deputy` ON `reception_deputies` (`tenant_id`,`deputy_id`);--> statement-breakpoint
CREATE TABLE `receptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`station_id` integer NOT NULL,
	`date` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`place` text NOT NULL,
	`note` text,
	`created_by_user_id` integer NOT NULL,
	`cancelled_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `liaison_stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `receptions_tenant_date` ON `receptions` (`tenant_id`,`date`);--> statement-breakpoint
CREATE INDEX `receptions_tenant_station_date` ON `receptions` (`tenant_id`,`station_id`,`date`);--> statement-breakpoint
CREATE TABLE `voter_issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`reception_id` integer,
	`station_id` integer NOT NULL,
	`voter_name` text NOT NULL,
	`voter_contact` text,
	`content` text NOT NULL,
	`category_id` integer,
	`measure` text,
	`outcome` text DEFAULT 'open' NOT NULL,
	`outcome_note` text,
	`suggestion_id` integer,
	`handed_to` text,
	`due_date` text,
	`feedback` text,
	`feedback_at` integer,
	`closed_at` integer,
	`logged_by_user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reception_id`) REFERENCES `receptions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `liaison_stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `voter_issues_tenant_station_time` ON `voter_issues` (`tenant_id`,`station_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `voter_issues_tenant_reception` ON `voter_issues` (`tenant_id`,`reception_id`);--> statement-breakpoint
CREATE INDEX `voter_issues_tenant_outcome_due` ON `voter_issues` (`tenant_id`,`outcome`,`due_date`);--> statement-breakpoint
CREATE INDEX `voter_issues_tenant_suggestion` ON `voter_issues` (`tenant_id`,`suggestion_id`);--> statement-breakpoint
ALTER TABLE `suggestions` ADD `forum_topic_id` integer;--> statement-breakpoint
CREATE INDEX `suggestions_tenant_forum` ON `suggestions` (`tenant_id`,`forum_topic_id`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `db_binding` text DEFAULT 'DB' NOT NULL;