CREATE TABLE `supervision_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`suggestion_id` integer NOT NULL,
	`kind` text NOT NULL,
	`acted_on` text NOT NULL,
	`note` text,
	`created_by_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_actions_tenant_suggestion` ON `supervision_actions` (`tenant_id`,`suggestion_id`);--> statement-breakpoint
CREATE INDEX `deadlines_tenant_open_colour` ON `deadlines` (`tenant_id`,`colour`,`due_date`) WHERE ended_at is null;