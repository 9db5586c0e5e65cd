CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_trays" (
	"dispatch_id" uuid NOT NULL,
	"tray_type" text NOT NULL,
	"product_id" uuid NOT NULL,
	"dispatched" integer NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"written_off" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dispatch_trays_dispatch_id_tray_type_pk" PRIMARY KEY("dispatch_id","tray_type"),
	CONSTRAINT "dispatch_trays_counts_check" CHECK ("dispatch_trays"."dispatched" >= 0 and "dispatch_trays"."returned" >= 0 and "dispatch_trays"."written_off" >= 0
        and "dispatch_trays"."returned" + "dispatch_trays"."written_off" <= "dispatch_trays"."dispatched")
);
--> statement-breakpoint
CREATE TABLE "dispatches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispatch_number" text NOT NULL,
	"project_id" uuid NOT NULL,
	"drillhole_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"dispatch_date" date NOT NULL,
	"driver" text DEFAULT '' NOT NULL,
	"technician" text DEFAULT '' NOT NULL,
	"samples_collected" integer DEFAULT 0 NOT NULL,
	"sample_type" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'outstanding' NOT NULL,
	"return_date" date,
	"return_condition" text,
	"return_notes" text DEFAULT '' NOT NULL,
	"return_driver" text DEFAULT '' NOT NULL,
	"return_technician" text DEFAULT '' NOT NULL,
	"write_off_reason" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispatches_dispatch_number_unique" UNIQUE("dispatch_number"),
	CONSTRAINT "dispatches_status_check" CHECK ("dispatches"."status" in ('outstanding', 'partially_returned', 'returned')),
	CONSTRAINT "dispatches_samples_check" CHECK ("dispatches"."samples_collected" >= 0)
);
--> statement-breakpoint
CREATE TABLE "drillholes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"project_id" uuid NOT NULL,
	"planned_depth" numeric(10, 2),
	"actual_depth" numeric(10, 2),
	"collar_easting" numeric(14, 3),
	"collar_northing" numeric(14, 3),
	"collar_elevation" numeric(10, 3),
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drillholes_status_check" CHECK ("drillholes"."status" in ('active', 'completed', 'abandoned')),
	CONSTRAINT "drillholes_depth_check" CHECK (coalesce("drillholes"."planned_depth", 0) >= 0 and coalesce("drillholes"."actual_depth", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"company_id" uuid NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_status_check" CHECK ("projects"."status" in ('active', 'inactive', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "samples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sample_code" text NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"drillhole_id" uuid NOT NULL,
	"from_depth" numeric(10, 2) NOT NULL,
	"to_depth" numeric(10, 2) NOT NULL,
	"sample_type" text DEFAULT 'core' NOT NULL,
	"status" text DEFAULT 'collected' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "samples_depth_check" CHECK ("samples"."from_depth" >= 0 and "samples"."from_depth" < "samples"."to_depth"),
	CONSTRAINT "samples_type_check" CHECK ("samples"."sample_type" in ('core', 'assay', 'geochemical', 'mineralogy', 'duplicate', 'standard', 'blank')),
	CONSTRAINT "samples_status_check" CHECK ("samples"."status" in ('collected', 'processing', 'completed'))
);
--> statement-breakpoint
ALTER TABLE "imports" DROP CONSTRAINT "imports_kind_check";--> statement-breakpoint
ALTER TABLE "dispatch_trays" ADD CONSTRAINT "dispatch_trays_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_trays" ADD CONSTRAINT "dispatch_trays_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_drillhole_id_drillholes_id_fk" FOREIGN KEY ("drillhole_id") REFERENCES "public"."drillholes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drillholes" ADD CONSTRAINT "drillholes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_drillhole_id_drillholes_id_fk" FOREIGN KEY ("drillhole_id") REFERENCES "public"."drillholes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_name_key" ON "companies" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "dispatches_status_idx" ON "dispatches" USING btree ("status","dispatch_date");--> statement-breakpoint
CREATE INDEX "dispatches_project_idx" ON "dispatches" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "dispatches_drillhole_idx" ON "dispatches" USING btree ("drillhole_id");--> statement-breakpoint
CREATE INDEX "dispatches_company_idx" ON "dispatches" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "drillholes_project_code_key" ON "drillholes" USING btree ("project_id",lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_key" ON "projects" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "projects_company_idx" ON "projects" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "samples_code_key" ON "samples" USING btree (lower("sample_code"));--> statement-breakpoint
CREATE INDEX "samples_drillhole_idx" ON "samples" USING btree ("drillhole_id","from_depth");--> statement-breakpoint
CREATE INDEX "samples_dispatch_idx" ON "samples" USING btree ("dispatch_id");--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_kind_check" CHECK ("imports"."kind" in ('products', 'opening_stock', 'bins', 'partners', 'samples'));