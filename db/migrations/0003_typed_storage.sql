PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`campaign_id` integer,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("id", "at", "actor", "action", "campaign_id", "detail") SELECT "id", "at", "actor", "action", "campaign_id", "detail" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_log_campaign` ON `audit_log` (`campaign_id`,`id`);--> statement-breakpoint
CREATE TABLE `__new_form_instances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`serial` text NOT NULL,
	`access_code` text NOT NULL,
	`form_code` text NOT NULL,
	`group_code` text NOT NULL,
	`home_unit` text,
	`targets` text NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'issued' NOT NULL,
	`counted_from` text,
	`final_submission_id` integer,
	`invalid_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`final_submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_form_instances`("id", "campaign_id", "seq", "serial", "access_code", "form_code", "group_code", "home_unit", "targets", "channel", "status", "counted_from", "final_submission_id", "invalid_reason", "created_at", "updated_at") SELECT "id", "campaign_id", "seq", "serial", "access_code", "form_code", "group_code", "home_unit", "targets", "channel", "status", "counted_from", "final_submission_id", "invalid_reason", "created_at", "updated_at" FROM `form_instances`;--> statement-breakpoint
DROP TABLE `form_instances`;--> statement-breakpoint
ALTER TABLE `__new_form_instances` RENAME TO `form_instances`;--> statement-breakpoint
CREATE UNIQUE INDEX `form_instances_access_code_unique` ON `form_instances` (`access_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `form_instances_campaign_serial` ON `form_instances` (`campaign_id`,`serial`);--> statement-breakpoint
CREATE INDEX `form_instances_campaign_status` ON `form_instances` (`campaign_id`,`status`);--> statement-breakpoint
CREATE INDEX `form_instances_campaign_group_home` ON `form_instances` (`campaign_id`,`group_code`,`home_unit`);--> statement-breakpoint
CREATE TABLE `__new_submission_cells` (
	`submission_id` integer NOT NULL,
	`unit` text NOT NULL,
	`question` text NOT NULL,
	`answer` text NOT NULL,
	PRIMARY KEY(`submission_id`, `unit`, `question`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_submission_cells`("submission_id", "unit", "question", "answer") SELECT "submission_id", "unit", "question", "answer" FROM `submission_cells`;--> statement-breakpoint
DROP TABLE `submission_cells`;--> statement-breakpoint
ALTER TABLE `__new_submission_cells` RENAME TO `submission_cells`;