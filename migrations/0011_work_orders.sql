CREATE TABLE "work_order_components" (
	"id" uuid PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity_per_unit" numeric(18, 4) NOT NULL,
	"consumed_quantity" numeric(18, 4) DEFAULT '0' NOT NULL,
	"reservation_id" uuid,
	CONSTRAINT "work_order_components_per_unit_check" CHECK ("work_order_components"."quantity_per_unit" > 0)
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"wo_number" text NOT NULL,
	"product_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"quantity" numeric(18, 4) NOT NULL,
	"produced_quantity" numeric(18, 4) DEFAULT '0' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_orders_wo_number_unique" UNIQUE("wo_number"),
	CONSTRAINT "work_orders_quantity_check" CHECK ("work_orders"."quantity" > 0 and "work_orders"."produced_quantity" >= 0),
	CONSTRAINT "work_orders_progress_check" CHECK ("work_orders"."progress" between 0 and 100),
	CONSTRAINT "work_orders_status_check" CHECK ("work_orders"."status" in ('planned', 'released', 'in_progress', 'completed', 'cancelled')),
	CONSTRAINT "work_orders_priority_check" CHECK ("work_orders"."priority" in ('low', 'normal', 'high', 'urgent'))
);
--> statement-breakpoint
ALTER TABLE "work_order_components" ADD CONSTRAINT "work_order_components_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_components" ADD CONSTRAINT "work_order_components_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_components" ADD CONSTRAINT "work_order_components_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_order_components_order_idx" ON "work_order_components" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "work_orders_status_idx" ON "work_orders" USING btree ("status","due_date");