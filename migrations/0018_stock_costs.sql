CREATE TABLE "stock_costs" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"average_cost" numeric(18, 6),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stock_costs" ADD CONSTRAINT "stock_costs_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;