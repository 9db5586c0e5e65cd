DROP INDEX "stock_movements_product_idx";--> statement-breakpoint
DROP INDEX "stock_movements_bin_idx";--> statement-breakpoint
DROP INDEX "stock_movements_warehouse_idx";--> statement-breakpoint
CREATE INDEX "stock_movements_occurred_idx" ON "stock_movements" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "stock_movements_product_idx" ON "stock_movements" USING btree ("product_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "stock_movements_bin_idx" ON "stock_movements" USING btree ("bin_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "stock_movements_warehouse_idx" ON "stock_movements" USING btree ("warehouse_id","occurred_at","id");