-- Which transactions changed products, and when they committed. A page of products remembered
-- from one snapshot is reused only while no transaction that snapshot could not see has changed a
-- product (catalog-changes.repo.ts): one row per transaction, whatever path wrote the products.
CREATE TABLE "catalog_changes" (
  "xid" xid8 PRIMARY KEY,
  "committed_at" timestamptz
);--> statement-breakpoint
CREATE INDEX "catalog_changes_committed_at_idx" ON "catalog_changes" ("committed_at");--> statement-breakpoint
CREATE FUNCTION raktar_note_catalog_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_changes (xid) VALUES (pg_current_xact_id()) ON CONFLICT (xid) DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER products_catalog_change_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "products"
  FOR EACH STATEMENT EXECUTE FUNCTION raktar_note_catalog_change();--> statement-breakpoint
-- At commit, once per transaction: when it committed, so that a row is forgotten only long after
-- every remembered page could have needed it. Rows other transactions hold are skipped, never waited for.
CREATE FUNCTION raktar_stamp_catalog_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog_changes SET committed_at = clock_timestamp() WHERE xid = NEW.xid;
  DELETE FROM catalog_changes WHERE ctid = ANY (ARRAY(
    SELECT ctid FROM catalog_changes WHERE committed_at < clock_timestamp() - interval '1 hour'
    LIMIT 100 FOR UPDATE SKIP LOCKED));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER catalog_changes_stamp_trg AFTER INSERT ON "catalog_changes"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raktar_stamp_catalog_change();
