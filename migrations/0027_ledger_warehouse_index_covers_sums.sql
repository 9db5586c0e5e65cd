-- as_of sums a warehouse's ledger between a moment and its nearest snapshot. With each row's keys
-- and quantity in the warehouse index that sum is an index-only scan, instead of one heap page per
-- row (the rows of one warehouse lie scattered among the others'). Built once: on a large ledger
-- this migration holds off postings while it builds.
DROP INDEX "stock_movements_warehouse_idx";--> statement-breakpoint
CREATE INDEX "stock_movements_warehouse_idx" ON "stock_movements" USING btree ("warehouse_id","occurred_at","id") INCLUDE ("product_id","bin_id","lot_id","quantity");
