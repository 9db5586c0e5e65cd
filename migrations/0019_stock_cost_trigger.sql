-- The moving average cost per product, kept in the posting's transaction. Once per ledger insert
-- statement (a whole posting), for the products a receipt with a unit cost brings:
--   new average = (stock before × old average + Σ quantity × unit cost) / (stock before + Σ quantity)
-- where the stock before is the product's on hand in every warehouse less what these receipts
-- added (the balances are updated before the ledger is written). With nothing before (or no
-- average yet), the receipts' own average. Transfers in and reversals move stock at its cost and
-- re-weigh nothing; issues never change the average. The cost rows are locked in product order
-- after the balances, so postings never deadlock on them, and each reads the stock anew once it
-- holds the lock.
CREATE FUNCTION raktar_stock_costs_after_posting() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  v_products uuid[];
BEGIN
  SELECT array_agg(DISTINCT n.product_id ORDER BY n.product_id) INTO v_products
  FROM posted n
  WHERE n.quantity > 0 AND n.unit_cost IS NOT NULL AND n.reverses_id IS NULL AND n.movement_type <> 'transfer_in';
  IF v_products IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO stock_costs (product_id) SELECT unnest(v_products) ORDER BY 1 ON CONFLICT DO NOTHING;
  PERFORM 1 FROM stock_costs c WHERE c.product_id = ANY (v_products) ORDER BY c.product_id FOR UPDATE;
  UPDATE stock_costs c
  SET average_cost = CASE
        WHEN c.average_cost IS NULL OR s.before <= 0 THEN a.value / a.quantity
        ELSE (s.before * c.average_cost + a.value) / (s.before + a.quantity)
      END,
      updated_at = now()
  FROM (SELECT n.product_id, sum(n.quantity) AS quantity, sum(n.quantity * n.unit_cost) AS value
        FROM posted n
        WHERE n.quantity > 0 AND n.unit_cost IS NOT NULL AND n.reverses_id IS NULL AND n.movement_type <> 'transfer_in'
        GROUP BY n.product_id) a,
       LATERAL (SELECT coalesce(sum(b.on_hand), 0) - a.quantity AS before
                FROM stock_balances b WHERE b.product_id = a.product_id) s
  WHERE c.product_id = a.product_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stock_movements_costs
  AFTER INSERT ON stock_movements
  REFERENCING NEW TABLE AS posted
  FOR EACH STATEMENT EXECUTE FUNCTION raktar_stock_costs_after_posting();
--> statement-breakpoint
-- History posted before: the weighted average of the costed receipts so far.
INSERT INTO stock_costs (product_id, average_cost)
SELECT m.product_id, sum(m.quantity * m.unit_cost) / sum(m.quantity)
FROM stock_movements m
WHERE m.quantity > 0 AND m.unit_cost IS NOT NULL AND m.reverses_id IS NULL AND m.movement_type <> 'transfer_in'
GROUP BY m.product_id
HAVING sum(m.quantity) > 0;
