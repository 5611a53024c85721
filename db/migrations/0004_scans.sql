CREATE TABLE `scan_cells` (
	`page_id` integer NOT NULL,
	`unit` text NOT NULL,
	`question` text NOT NULL,
	`answer` text NOT NULL,
	`sure` integer NOT NULL,
	`why` text,
	`fill` text NOT NULL,
	`row` text NOT NULL,
	`queued` integer NOT NULL,
	PRIMARY KEY(`page_id`, `unit`, `question`),
	FOREIGN KEY (`page_id`) REFERENCES `scan_pages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `scan_pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`batch_id` integer,
	`file_name` text NOT NULL,
	`file_page` integer NOT NULL,
	`image_hash` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`serial` text,
	`page` integer,
	`pages` integer,
	`rotation` integer,
	`skew` real,
	`dpi` real,
	`transform` text,
	`problem` text,
	`scanned_by` text NOT NULL,
	`loaded_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scan_pages_campaign_serial` ON `scan_pages` (`campaign_id`,`serial`);--> statement-breakpoint
CREATE TABLE `scan_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`form_id` integer NOT NULL,
	`unit` text NOT NULL,
	`question` text NOT NULL,
	`machine` text NOT NULL,
	`answer` text NOT NULL,
	`operator` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `form_instances`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scan_verifications_cell` ON `scan_verifications` (`form_id`,`unit`,`question`);