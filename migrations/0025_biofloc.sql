CREATE TABLE "biofloc_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_code" text NOT NULL,
	"species" text NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"stocking_date" date NOT NULL,
	"initial_count" integer NOT NULL,
	"initial_avg_weight_g" numeric(18, 4) NOT NULL,
	"current_count" integer NOT NULL,
	"current_avg_weight_g" numeric(18, 4) NOT NULL,
	"total_mortality" integer DEFAULT 0 NOT NULL,
	"dead_biomass_kg" numeric(18, 4) DEFAULT '0' NOT NULL,
	"total_feed_kg" numeric(18, 4) DEFAULT '0' NOT NULL,
	"feed_cost" numeric(18, 4) DEFAULT '0' NOT NULL,
	"input_cost" numeric(18, 4) DEFAULT '0' NOT NULL,
	"fingerling_cost" numeric(18, 4) DEFAULT '0' NOT NULL,
	"inherited_cost" numeric(18, 4) DEFAULT '0' NOT NULL,
	"harvested_count" integer DEFAULT 0 NOT NULL,
	"harvested_kg" numeric(18, 4) DEFAULT '0' NOT NULL,
	"revenue" numeric(18, 4) DEFAULT '0' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"current_tank_id" uuid NOT NULL,
	"harvest_product_id" uuid,
	"stock_product_id" uuid,
	"parent_batch_id" uuid,
	"weighed_on" date NOT NULL,
	"end_date" date,
	"notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biofloc_batches_batch_code_unique" UNIQUE("batch_code"),
	CONSTRAINT "biofloc_batches_counts_check" CHECK ("biofloc_batches"."initial_count" > 0 and "biofloc_batches"."current_count" >= 0),
	CONSTRAINT "biofloc_batches_status_check" CHECK ("biofloc_batches"."status" in ('active', 'harvested', 'terminated', 'graded'))
);
--> statement-breakpoint
CREATE TABLE "biofloc_tank_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"tank_id" uuid NOT NULL,
	"from_tank_id" uuid,
	"transfer_date" date NOT NULL,
	"reason" text NOT NULL,
	"fish_count" integer NOT NULL,
	"avg_weight_g" numeric(18, 4) NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "biofloc_tanks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tank_code" text NOT NULL,
	"tank_name" text NOT NULL,
	"capacity_liters" numeric(18, 4) NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"tank_type" text DEFAULT 'circular' NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	"warehouse_id" uuid,
	"notes" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"in_use_since" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biofloc_tanks_tank_code_unique" UNIQUE("tank_code"),
	CONSTRAINT "biofloc_tanks_capacity_check" CHECK ("biofloc_tanks"."capacity_liters" > 0),
	CONSTRAINT "biofloc_tanks_type_check" CHECK ("biofloc_tanks"."tank_type" in ('circular', 'rectangular', 'raceway')),
	CONSTRAINT "biofloc_tanks_status_check" CHECK ("biofloc_tanks"."status" in ('available', 'in_use', 'maintenance', 'decommissioned'))
);
--> statement-breakpoint
CREATE TABLE "biofloc_feeding_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"feeding_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity_kg" numeric(18, 4) NOT NULL,
	"unit_cost" numeric(18, 6),
	"cost" numeric(18, 4) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "biofloc_feedings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"tank_id" uuid NOT NULL,
	"feeding_date" date NOT NULL,
	"session_number" integer NOT NULL,
	"feed_time" text,
	"total_kg" numeric(18, 4) NOT NULL,
	"cost" numeric(18, 4) NOT NULL,
	"biomass_kg" numeric(18, 4) NOT NULL,
	"feeding_rate_pct" numeric(18, 4),
	"posting_id" uuid NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "biofloc_harvests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"harvest_date" date NOT NULL,
	"harvest_type" text NOT NULL,
	"fish_count" integer NOT NULL,
	"total_weight_kg" numeric(18, 4) NOT NULL,
	"avg_weight_g" numeric(18, 4) NOT NULL,
	"grade" text DEFAULT '' NOT NULL,
	"buyer" text DEFAULT '' NOT NULL,
	"price_per_kg" numeric(18, 4),
	"revenue" numeric(18, 4) NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_number" text NOT NULL,
	"posting_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biofloc_harvests_type_check" CHECK ("biofloc_harvests"."harvest_type" in ('partial', 'complete'))
);
--> statement-breakpoint
CREATE TABLE "biofloc_mortalities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"mortality_date" date NOT NULL,
	"count" integer NOT NULL,
	"cause" text DEFAULT '' NOT NULL,
	"avg_weight_g" numeric(18, 4) NOT NULL,
	"biomass_kg" numeric(18, 4) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biofloc_mortalities_count_check" CHECK ("biofloc_mortalities"."count" > 0)
);
--> statement-breakpoint
CREATE TABLE "biofloc_samplings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"sample_date" date NOT NULL,
	"sample_size" integer NOT NULL,
	"avg_weight_g" numeric(18, 4) NOT NULL,
	"min_weight_g" numeric(18, 4),
	"max_weight_g" numeric(18, 4),
	"avg_length_cm" numeric(18, 4),
	"condition_factor" numeric(18, 4),
	"fish_count" integer NOT NULL,
	"biomass_kg" numeric(18, 4) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "biofloc_tank_inputs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tank_id" uuid NOT NULL,
	"batch_id" uuid,
	"input_date" date NOT NULL,
	"input_time" text,
	"input_type" text NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" numeric(18, 4) NOT NULL,
	"unit" text NOT NULL,
	"unit_cost" numeric(18, 6),
	"cost" numeric(18, 4) NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"posting_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biofloc_tank_inputs_type_check" CHECK ("biofloc_tank_inputs"."input_type" in ('chemical', 'probiotic', 'carbon_source', 'mineral', 'other'))
);
--> statement-breakpoint
CREATE TABLE "biofloc_water_profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"species" text NOT NULL,
	"do_min" numeric(18, 4),
	"nh3_max" numeric(18, 4),
	"no2_max" numeric(18, 4),
	"ph_min" numeric(18, 4),
	"ph_max" numeric(18, 4),
	"floc_min" numeric(18, 4),
	"floc_max" numeric(18, 4),
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biofloc_water_profiles_species_unique" UNIQUE("species")
);
--> statement-breakpoint
CREATE TABLE "biofloc_water_tests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tank_id" uuid NOT NULL,
	"batch_id" uuid,
	"test_date" date NOT NULL,
	"test_time" text,
	"temperature_c" numeric(18, 4),
	"ph" numeric(18, 4),
	"dissolved_oxygen_mgl" numeric(18, 4),
	"salinity_ppt" numeric(18, 4),
	"ammonia_nh3_mgl" numeric(18, 4),
	"nitrite_no2_mgl" numeric(18, 4),
	"nitrate_no3_mgl" numeric(18, 4),
	"alkalinity_mgl" numeric(18, 4),
	"hardness_mgl" numeric(18, 4),
	"turbidity_ntu" numeric(18, 4),
	"tds_mgl" numeric(18, 4),
	"floc_volume_mll" numeric(18, 4),
	"breaches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biofloc_water_tests_ph_check" CHECK ("biofloc_water_tests"."ph" between 0 and 14)
);
--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_once_a_day_key";--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_kind_check";--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "product_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "sku" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "product_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "on_hand" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "subject_label" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "source_id" uuid;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "parameter" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "value" numeric(18, 4);--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "threshold" numeric(18, 4);--> statement-breakpoint
ALTER TABLE "biofloc_batches" ADD CONSTRAINT "biofloc_batches_current_tank_id_biofloc_tanks_id_fk" FOREIGN KEY ("current_tank_id") REFERENCES "public"."biofloc_tanks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_batches" ADD CONSTRAINT "biofloc_batches_harvest_product_id_products_id_fk" FOREIGN KEY ("harvest_product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_batches" ADD CONSTRAINT "biofloc_batches_stock_product_id_products_id_fk" FOREIGN KEY ("stock_product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_tank_history" ADD CONSTRAINT "biofloc_tank_history_batch_id_biofloc_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."biofloc_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_tank_history" ADD CONSTRAINT "biofloc_tank_history_tank_id_biofloc_tanks_id_fk" FOREIGN KEY ("tank_id") REFERENCES "public"."biofloc_tanks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_tank_history" ADD CONSTRAINT "biofloc_tank_history_from_tank_id_biofloc_tanks_id_fk" FOREIGN KEY ("from_tank_id") REFERENCES "public"."biofloc_tanks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_tanks" ADD CONSTRAINT "biofloc_tanks_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_feeding_items" ADD CONSTRAINT "biofloc_feeding_items_feeding_id_biofloc_feedings_id_fk" FOREIGN KEY ("feeding_id") REFERENCES "public"."biofloc_feedings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_feeding_items" ADD CONSTRAINT "biofloc_feeding_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_feedings" ADD CONSTRAINT "biofloc_feedings_batch_id_biofloc_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."biofloc_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_feedings" ADD CONSTRAINT "biofloc_feedings_tank_id_biofloc_tanks_id_fk" FOREIGN KEY ("tank_id") REFERENCES "public"."biofloc_tanks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_harvests" ADD CONSTRAINT "biofloc_harvests_batch_id_biofloc_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."biofloc_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_harvests" ADD CONSTRAINT "biofloc_harvests_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_mortalities" ADD CONSTRAINT "biofloc_mortalities_batch_id_biofloc_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."biofloc_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_samplings" ADD CONSTRAINT "biofloc_samplings_batch_id_biofloc_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."biofloc_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_tank_inputs" ADD CONSTRAINT "biofloc_tank_inputs_tank_id_biofloc_tanks_id_fk" FOREIGN KEY ("tank_id") REFERENCES "public"."biofloc_tanks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_tank_inputs" ADD CONSTRAINT "biofloc_tank_inputs_batch_id_biofloc_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."biofloc_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_tank_inputs" ADD CONSTRAINT "biofloc_tank_inputs_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_water_tests" ADD CONSTRAINT "biofloc_water_tests_tank_id_biofloc_tanks_id_fk" FOREIGN KEY ("tank_id") REFERENCES "public"."biofloc_tanks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biofloc_water_tests" ADD CONSTRAINT "biofloc_water_tests_batch_id_biofloc_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."biofloc_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "biofloc_batches_one_active_per_tank" ON "biofloc_batches" USING btree ("current_tank_id") WHERE "biofloc_batches"."status" = 'active';--> statement-breakpoint
CREATE INDEX "biofloc_batches_status_idx" ON "biofloc_batches" USING btree ("status");--> statement-breakpoint
CREATE INDEX "biofloc_tank_history_batch_idx" ON "biofloc_tank_history" USING btree ("batch_id","created_at");--> statement-breakpoint
CREATE INDEX "biofloc_feeding_items_feeding_idx" ON "biofloc_feeding_items" USING btree ("feeding_id");--> statement-breakpoint
CREATE INDEX "biofloc_feedings_batch_idx" ON "biofloc_feedings" USING btree ("batch_id","feeding_date");--> statement-breakpoint
CREATE INDEX "biofloc_harvests_batch_idx" ON "biofloc_harvests" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "biofloc_mortalities_batch_idx" ON "biofloc_mortalities" USING btree ("batch_id","mortality_date");--> statement-breakpoint
CREATE INDEX "biofloc_samplings_batch_idx" ON "biofloc_samplings" USING btree ("batch_id","sample_date");--> statement-breakpoint
CREATE INDEX "biofloc_tank_inputs_tank_idx" ON "biofloc_tank_inputs" USING btree ("tank_id","input_date");--> statement-breakpoint
CREATE INDEX "biofloc_water_tests_tank_idx" ON "biofloc_water_tests" USING btree ("tank_id","created_at");--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_once_a_day_key" UNIQUE NULLS NOT DISTINCT("kind","business_day","product_id","lot_id","warehouse_id","subject_id","source_id","parameter");--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_kind_check" CHECK ("alerts"."kind" in ('lot_expiring', 'lot_expired', 'low_stock', 'water_quality', 'water_test_overdue'));