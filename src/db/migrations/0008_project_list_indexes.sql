CREATE INDEX "projects_zone_idx" ON "projects" USING btree ("zone");--> statement-breakpoint
CREATE INDEX "projects_chain_idx" ON "projects" USING btree ("chain");--> statement-breakpoint
CREATE INDEX "projects_library_name_idx" ON "projects" USING btree ("library","name");