CREATE TABLE "stock_snapshot_balances" (
	"snapshot_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"bin_id" uuid NOT NULL,
	"lot_id" uuid,
	"on_hand" numeric(18, 4) NOT NULL,
	CONSTRAINT "stock_snapshot_balances_key" UNIQUE NULLS NOT DISTINCT("snapshot_id","warehouse_id","product_id","bin_id","lot_id"),
	CONSTRAINT "stock_snapshot_balances_on_hand_check" CHECK ("stock_snapshot_balances"."on_hand" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_snapshots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cut_at" timestamp with time zone NOT NULL,
	"movements" bigint NOT NULL,
	"balances" integer NOT NULL,
	"based_on" uuid,
	"taken_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp with time zone,
	CONSTRAINT "stock_snapshots_cut_key" UNIQUE("cut_at")
);
--> statement-breakpoint
ALTER TABLE "stock_snapshot_balances" ADD CONSTRAINT "stock_snapshot_balances_snapshot_id_stock_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."stock_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Snapshots are append-only like the ledger they summarize; a snapshot row may only record that a
-- full recount matched it (verified_at).
CREATE FUNCTION raktar_snapshots_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'stock_snapshots' THEN
    IF (NEW.id, NEW.cut_at, NEW.movements, NEW.balances, NEW.based_on, NEW.taken_by, NEW.created_at)
       IS NOT DISTINCT FROM (OLD.id, OLD.cut_at, OLD.movements, OLD.balances, OLD.based_on, OLD.taken_by, OLD.created_at) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'raise_exception';
END $$;--> statement-breakpoint
CREATE TRIGGER stock_snapshots_append_only BEFORE UPDATE OR DELETE ON "stock_snapshots"
  FOR EACH ROW EXECUTE FUNCTION raktar_snapshots_are_append_only();--> statement-breakpoint
CREATE TRIGGER stock_snapshots_no_truncate BEFORE TRUNCATE ON "stock_snapshots"
  FOR EACH STATEMENT EXECUTE FUNCTION raktar_snapshots_are_append_only();--> statement-breakpoint
CREATE TRIGGER stock_snapshot_balances_append_only BEFORE UPDATE OR DELETE ON "stock_snapshot_balances"
  FOR EACH ROW EXECUTE FUNCTION raktar_snapshots_are_append_only();--> statement-breakpoint
CREATE TRIGGER stock_snapshot_balances_no_truncate BEFORE TRUNCATE ON "stock_snapshot_balances"
  FOR EACH STATEMENT EXECUTE FUNCTION raktar_snapshots_are_append_only();
