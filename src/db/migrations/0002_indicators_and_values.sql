CREATE TABLE "indicator_values" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"note" text,
	"evidence" jsonb,
	"state" text DEFAULT 'draft' NOT NULL,
	"return_reason" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"key" text NOT NULL,
	"code" text NOT NULL,
	"ordinal" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"category" text,
	"parent_name" text,
	"attribute" text NOT NULL,
	"direction" text NOT NULL,
	"frequency" text DEFAULT 'year' NOT NULL,
	"baseline" jsonb,
	"target" jsonb NOT NULL,
	"target_text" text DEFAULT '' NOT NULL,
	"target_rule" text DEFAULT '' NOT NULL,
	"natural_limit" real,
	"lead_unit" text,
	"supporting_units" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data_source" text,
	"source_start" integer,
	"source_end" integer,
	"source_text" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_key_idx" ON "indicator_values" USING btree ("indicator_id","region_code","period");--> statement-breakpoint
CREATE INDEX "indicator_values_region_period_idx" ON "indicator_values" USING btree ("region_code","period");--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_plan_key_idx" ON "indicators" USING btree ("plan_id","key");--> statement-breakpoint
CREATE INDEX "indicators_plan_ordinal_idx" ON "indicators" USING btree ("plan_id","ordinal");