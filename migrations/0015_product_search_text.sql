-- Product search matches one maintained column instead of folding accents of every candidate row
-- at query time: name, SKU, barcode, description and category name, lower-cased and accent-free,
-- kept by triggers and served by one trigram index.
DROP INDEX "products_search_idx";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE FUNCTION raktar_product_search_text(name text, sku text, barcode text, description text, category_id uuid)
  RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT raktar_search_text(concat_ws(' ', name, sku, barcode, description,
    (SELECT c.name FROM categories c WHERE c.id = category_id))) $$;--> statement-breakpoint
UPDATE "products" SET "search_text" = raktar_product_search_text("name", "sku", "barcode", "description", "category_id");--> statement-breakpoint
CREATE FUNCTION raktar_products_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := raktar_product_search_text(NEW.name, NEW.sku, NEW.barcode, NEW.description, NEW.category_id);
  RETURN NEW;
END $$;--> statement-breakpoint
-- search_text is in the list so that no write can set it to anything else.
CREATE TRIGGER products_search_text_trg BEFORE INSERT OR UPDATE OF name, sku, barcode, description, category_id, search_text
  ON "products" FOR EACH ROW EXECUTE FUNCTION raktar_products_search_text();--> statement-breakpoint
-- A renamed category is found under its new name at once.
CREATE FUNCTION raktar_categories_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE products SET search_text = '' WHERE category_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER categories_search_text_trg AFTER UPDATE OF name ON "categories"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION raktar_categories_search_text();--> statement-breakpoint
CREATE INDEX "products_search_text_idx" ON "products" USING gin ("search_text" gin_trgm_ops);
