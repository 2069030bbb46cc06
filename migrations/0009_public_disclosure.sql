CREATE TABLE `publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`suggestion_id` integer NOT NULL,
	`number` text,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`reply_text` text NOT NULL,
	`unit_names` text NOT NULL,
	`reply_class` text,
	`submitted_at` integer,
	`replied_at` integer NOT NULL,
	`redacted` integer DEFAULT false NOT NULL,
	`published` integer NOT NULL,
	`published_at` integer NOT NULL,
	`published_by_user_id` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publications_suggestion` ON `publications` (`suggestion_id`);--> statement-breakpoint
CREATE INDEX `publications_tenant_published` ON `publications` (`tenant_id`,`published`,`published_at`);