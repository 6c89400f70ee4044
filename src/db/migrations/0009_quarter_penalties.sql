CREATE TABLE "quarter_penalties" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"group_by" text NOT NULL,
	"group_key" text NOT NULL,
	"input" text NOT NULL,
	"occurred_on" text NOT NULL,
	"reason" text NOT NULL,
	"source" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "quarter_penalties_quarter_idx" ON "quarter_penalties" USING btree ("year","quarter","group_by");