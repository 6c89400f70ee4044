CREATE TABLE "documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text NOT NULL,
	"encoding_confidence" real NOT NULL,
	"byte_size" bigint NOT NULL,
	"original" "bytea" NOT NULL,
	"text" text NOT NULL,
	"repairs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"normalization" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text,
	"published_on" text,
	"region_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_sections" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"parent_id" integer,
	"kind" text NOT NULL,
	"level" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"period_start" integer NOT NULL,
	"period_end" integer NOT NULL,
	"title" text NOT NULL,
	"document_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sections" ADD CONSTRAINT "plan_sections_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_sha256_idx" ON "documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "plan_sections_plan_idx" ON "plan_sections" USING btree ("plan_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_region_period_document_idx" ON "plans" USING btree ("region_code","period_start","period_end","document_id");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");