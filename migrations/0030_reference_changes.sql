-- Which transactions changed the rows other rows are shown and ordered by (products, warehouses,
-- bins, lots), how, and when they committed: one row per transaction, table and kind of change,
-- whatever path wrote them. A page remembered from one snapshot is reused only while no
-- transaction that snapshot could not see has made a change it depends on (src/db/reference-changes.ts).
CREATE TABLE "reference_changes" (
  "source" text NOT NULL,
  "xid" xid8 NOT NULL,
  "committed_at" timestamptz,
  PRIMARY KEY ("source", "xid")
);--> statement-breakpoint
CREATE INDEX "reference_changes_committed_at_idx" ON "reference_changes" ("committed_at");--> statement-breakpoint
CREATE FUNCTION raktar_note_reference_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reference_changes (source, xid) VALUES (TG_TABLE_NAME || ':' || lower(TG_OP), pg_current_xact_id())
    ON CONFLICT (source, xid) DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER products_reference_change_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "products"
  FOR EACH STATEMENT EXECUTE FUNCTION raktar_note_reference_change();--> statement-breakpoint
CREATE TRIGGER warehouses_reference_change_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "warehouses"
  FOR EACH STATEMENT EXECUTE FUNCTION raktar_note_reference_change();--> statement-breakpoint
CREATE TRIGGER bins_reference_change_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "bins"
  FOR EACH STATEMENT EXECUTE FUNCTION raktar_note_reference_change();--> statement-breakpoint
CREATE TRIGGER lots_reference_change_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "lots"
  FOR EACH STATEMENT EXECUTE FUNCTION raktar_note_reference_change();--> statement-breakpoint
-- At commit, once per row: when the transaction committed, so that a row is forgotten only long
-- after every remembered page could have needed it. Rows other transactions hold are skipped, never
-- waited for.
CREATE FUNCTION raktar_stamp_reference_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reference_changes SET committed_at = clock_timestamp() WHERE source = NEW.source AND xid = NEW.xid;
  DELETE FROM reference_changes WHERE ctid = ANY (ARRAY(
    SELECT ctid FROM reference_changes WHERE committed_at < clock_timestamp() - interval '1 hour'
    LIMIT 100 FOR UPDATE SKIP LOCKED));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER reference_changes_stamp_trg AFTER INSERT ON "reference_changes"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raktar_stamp_reference_change();
