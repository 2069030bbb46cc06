CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`deadline_id` integer NOT NULL,
	`colour` text NOT NULL,
	`write_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deadline_id`) REFERENCES `deadlines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_deadline_colour` ON `alerts` (`deadline_id`,`colour`);--> statement-breakpoint
CREATE TABLE `deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`suggestion_id` integer NOT NULL,
	`assignment_id` integer,
	`stage` text NOT NULL,
	`due_date` text NOT NULL,
	`yellow_from` text NOT NULL,
	`colour` text DEFAULT 'green' NOT NULL,
	`created_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deadlines_turning_yellow` ON `deadlines` (`yellow_from`) WHERE colour = 'green' and ended_at is null;--> statement-breakpoint
CREATE INDEX `deadlines_turning_red` ON `deadlines` (`due_date`) WHERE colour <> 'red' and ended_at is null;--> statement-breakpoint
CREATE INDEX `deadlines_tenant_suggestion` ON `deadlines` (`tenant_id`,`suggestion_id`);--> statement-breakpoint
ALTER TABLE `suggestions` ADD `colour` text DEFAULT 'green' NOT NULL;--> statement-breakpoint
CREATE INDEX `suggestions_tenant_colour` ON `suggestions` (`tenant_id`,`colour`,`submitted_at`);