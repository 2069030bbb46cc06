CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`suggestion_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`role` text NOT NULL,
	`state` text NOT NULL,
	`assigned_at` integer NOT NULL,
	`return_due` text NOT NULL,
	`opinion_due` text,
	`reply_due` text,
	`original_reply_due` text,
	`signed_at` integer,
	`opinion_at` integer,
	`replied_at` integer,
	`return_reason` text,
	`withdrawn_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `handling_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_tenant_unit_state_due` ON `assignments` (`tenant_id`,`unit_id`,`state`,`reply_due`);--> statement-breakpoint
CREATE INDEX `assignments_tenant_suggestion` ON `assignments` (`tenant_id`,`suggestion_id`);--> statement-breakpoint
CREATE TABLE `calendar_days` (
	`tenant_id` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	PRIMARY KEY(`tenant_id`, `date`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`suggestion_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`contacted_on` text NOT NULL,
	`who` text NOT NULL,
	`how` text NOT NULL,
	`note` text,
	`created_by_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `handling_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_tenant_suggestion` ON `contacts` (`tenant_id`,`suggestion_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`suggestion_id` integer,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_tenant_user_unread` ON `notifications` (`tenant_id`,`user_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`suggestion_id` integer NOT NULL,
	`round` integer NOT NULL,
	`attitude` text NOT NULL,
	`result` text NOT NULL,
	`comment` text,
	`rated_by_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_suggestion_round` ON `ratings` (`suggestion_id`,`round`);--> statement-breakpoint
CREATE TABLE `replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`suggestion_id` integer NOT NULL,
	`assignment_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`round` integer NOT NULL,
	`body` text NOT NULL,
	`signer` text,
	`reply_class` text,
	`promised_date` text,
	`created_by_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `handling_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `replies_tenant_suggestion` ON `replies` (`tenant_id`,`suggestion_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `write_guards` (
	`ok` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `suggestions` ADD `is_key` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `suggestions` ADD `supervising_leader` text;--> statement-breakpoint
ALTER TABLE `suggestions` ADD `merged_into_id` integer;--> statement-breakpoint
ALTER TABLE `suggestions` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `suggestions` ADD `reply_class` text;--> statement-breakpoint
ALTER TABLE `suggestions` ADD `evaluation_due` text;--> statement-breakpoint
ALTER TABLE `suggestions` ADD `closed_at` integer;--> statement-breakpoint
CREATE INDEX `suggestions_tenant_evaluation_due` ON `suggestions` (`tenant_id`,`state`,`evaluation_due`);