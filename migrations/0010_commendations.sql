CREATE TABLE `commendations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`target_id` integer NOT NULL,
	`note` text,
	`created_by_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commendations_once` ON `commendations` (`tenant_id`,`year`,`kind`,`target_id`);