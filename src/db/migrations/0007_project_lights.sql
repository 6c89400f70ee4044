CREATE TABLE "project_light_dirty" (
	"project_id" integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_lights" (
	"project_id" integer PRIMARY KEY NOT NULL,
	"as_of" text NOT NULL,
	"level" integer NOT NULL,
	"planned_year" double precision DEFAULT 0 NOT NULL,
	"completed_ytd" double precision DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_lights" ADD CONSTRAINT "project_lights_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_lights_level_idx" ON "project_lights" USING btree ("level","project_id");