-- The ledger is append-only: corrections are reversing movements, never edits.
CREATE OR REPLACE FUNCTION raktar_ledger_is_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only (% refused)', TG_OP USING ERRCODE = 'raise_exception';
END;
$$;--> statement-breakpoint
CREATE TRIGGER stock_movements_no_update_delete
  BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION raktar_ledger_is_append_only();--> statement-breakpoint
CREATE TRIGGER stock_movements_no_truncate
  BEFORE TRUNCATE ON stock_movements
  FOR EACH STATEMENT EXECUTE FUNCTION raktar_ledger_is_append_only();
--> statement-breakpoint
-- UUIDv7 in SQL (PostgreSQL 15 has no uuidv7(); no pgcrypto needed): the millisecond clock over
-- the first 48 bits of a random UUID, version bits set to 7. For ledger rows a statement splits.
CREATE OR REPLACE FUNCTION raktar_uuidv7() RETURNS uuid
  LANGUAGE sql VOLATILE PARALLEL SAFE
  AS $$
    SELECT encode(
      set_bit(set_bit(
        overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
          FROM 1 FOR 6),
        52, 1), 53, 1),
      'hex')::uuid
  $$;
