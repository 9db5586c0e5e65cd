DROP INDEX "stock_movements_reference_idx";--> statement-breakpoint
DROP INDEX "stock_movements_reverses_key";--> statement-breakpoint
CREATE INDEX "stock_movements_reference_idx" ON "stock_movements" USING btree ("reference_type","reference_id") WHERE "stock_movements"."reference_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_reverses_key" ON "stock_movements" USING btree ("reverses_id") WHERE "stock_movements"."reverses_id" is not null;