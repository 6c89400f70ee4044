CREATE TABLE "project_investments" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"planned" double precision DEFAULT 0 NOT NULL,
	"completed" double precision DEFAULT 0 NOT NULL,
	"progress_text" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text,
	"owner" text,
	"deadline" text,
	"raised_on" text NOT NULL,
	"closed_on" text,
	"close_evidence" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer,
	"item_key" text,
	"code" text,
	"name" text NOT NULL,
	"programme" text,
	"region_code" text,
	"zone" text,
	"industry" text,
	"chain" text,
	"owner_name" text,
	"owner_credit_code" text,
	"total_investment" double precision,
	"library" text DEFAULT 'conceived' NOT NULL,
	"skips_signing" boolean DEFAULT false NOT NULL,
	"signed_on" text,
	"started_on" text,
	"completed_on" text,
	"in_production_on" text,
	"at_capacity_on" text,
	"capacity_rate" double precision,
	"planned_start_on" text,
	"planned_production_on" text,
	"planned_capacity_on" text,
	"responsible_unit" text,
	"liaison_leaders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"service_unit" text,
	"source_text" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_investments" ADD CONSTRAINT "project_investments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_problems" ADD CONSTRAINT "project_problems_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_investments_month_idx" ON "project_investments" USING btree ("project_id","year","month");--> statement-breakpoint
CREATE INDEX "project_investments_year_idx" ON "project_investments" USING btree ("year","month");--> statement-breakpoint
CREATE INDEX "project_problems_project_idx" ON "project_problems" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "projects_region_idx" ON "projects" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "projects_library_idx" ON "projects" USING btree ("library");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_plan_item_idx" ON "projects" USING btree ("plan_id","item_key");