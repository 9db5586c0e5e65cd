-- as_of reads a snapshot's balances of one warehouse through this key: with on_hand included, from
-- the index alone.
ALTER TABLE "stock_snapshot_balances" DROP CONSTRAINT "stock_snapshot_balances_key";--> statement-breakpoint
ALTER TABLE "stock_snapshot_balances" ADD CONSTRAINT "stock_snapshot_balances_key" UNIQUE NULLS NOT DISTINCT ("snapshot_id","warehouse_id","product_id","bin_id","lot_id") INCLUDE ("on_hand");
