-- The one stock writer. stock_post(lines, timezone) posts a whole batch of movement lines with a
-- constant number of statements, whatever the number of lines:
--   1. resolve every line at once (product, unit, warehouse, bin, lot, reservation) and note the
--      refusals that need no stock: unknown product, too many decimals, lot required, ...;
--   2. create the lots receipts name for the first time;
--   3. make sure every balance an add goes into exists, then lock every balance the batch can
--      touch, in one key order (product, warehouse, bin, lot), so batches never deadlock;
--   4. add what groups that only add bring;
--   5. take, group by group in the order given: FEFO from available stock, or what a reservation
--      holds first (the rest FEFO). A group short of stock is refused and its takes undone;
--      then add what the groups that also take bring;
--   6. write the ledger and return each line's rows, or its refusal.
-- A group (one request of a group-commit batch, or one document) is all or nothing: a refused
-- line refuses its whole group and changes nothing, and never aborts the transaction, so its
-- neighbours still post. Reservations hold and release stock through it too (lines `hold` and
-- `release`, which change `reserved` and write no ledger row), so it is the one writer of the
-- balances.
CREATE TYPE stock_post_line AS (
  line integer,
  grp integer,
  kind text,
  movement_type text,
  posting_id uuid,
  product_id uuid,
  warehouse_id uuid,
  bin_id uuid,
  lot_id uuid,
  lot_number text,
  expiry_date date,
  quantity numeric,
  include_expired boolean,
  reservation_id uuid,
  unit_cost numeric,
  reference_type text,
  reference_id uuid,
  reference_number text,
  reason text,
  notes text,
  reverses_id uuid,
  actor_id uuid,
  request_id text,
  refusal text,
  detail jsonb
);
--> statement-breakpoint
-- One piece a take line took from one balance (`reserved`: how much of it was held for it).
CREATE TYPE stock_post_piece AS (
  line integer,
  grp integer,
  balance_id uuid,
  quantity numeric,
  reserved numeric,
  seq integer
);
--> statement-breakpoint
CREATE FUNCTION stock_post(p_lines jsonb, p_timezone text)
RETURNS TABLE (
  line integer,
  refusal text,
  detail jsonb,
  id uuid,
  posting_id uuid,
  movement_type text,
  product_id uuid,
  warehouse_id uuid,
  bin_id uuid,
  lot_id uuid,
  quantity numeric,
  unit_cost numeric,
  reference_type text,
  reference_id uuid,
  reference_number text,
  reason text,
  notes text,
  reverses_id uuid,
  actor_id uuid,
  request_id text,
  occurred_at timestamptz,
  lot_number text,
  expiry_date date
)
LANGUAGE plpgsql
AS $fn$
#variable_conflict use_column
DECLARE
  v_lines stock_post_line[];
  v_refused integer[];
  v_mixed integer[];
  v_pass integer;
  v_has_add boolean;
  v_new_lots boolean;
  v_has_take_reserved boolean;
  v_has_hold boolean;
  v_locked uuid[];
  v_pieces stock_post_piece[] := '{}';
  v_alloc stock_post_piece[];
  v_more stock_post_piece[];
  v_moved bigint;
  v_fast integer[];
  v_short jsonb;
  v_available numeric;
  v_rest numeric;
  v_today date := (now() AT TIME ZONE p_timezone)::date;
  r stock_post_line;
BEGIN
  -- A reservation is consumed once: lock the ones named before reading their state.
  IF jsonb_path_exists(p_lines, '$[*] ? (@.kind == "take_reserved" || @.kind == "release")') THEN
    PERFORM 1 FROM reservations rs
    WHERE rs.id IN (SELECT (e ->> 'reservation_id')::uuid FROM jsonb_array_elements(p_lines) e)
    ORDER BY rs.id
    FOR UPDATE;
  END IF;

  -- 1. Resolve every line; refusals that need no stock are decided here, in the order the
  -- single-line checks always had.
  WITH res AS MATERIALIZED (
    SELECT ROW(
        x.line, x.grp, x.kind, x.movement_type, x.posting_id, pr.id, wh.id,
        CASE WHEN x.bin_id IS NOT NULL THEN bn.id WHEN x.kind = 'add' THEN dbn.id END,
        coalesce(lt.id, ln.id, CASE WHEN x.kind IN ('take_reserved', 'release') THEN rs.lot_id END),
        trim(x.lot_number), x.expiry_date, coalesce(x.quantity, rs.quantity),
        coalesce(x.include_expired, false), x.reservation_id,
        x.unit_cost, x.reference_type, x.reference_id, x.reference_number, x.reason, coalesce(x.notes, ''),
        x.reverses_id, x.actor_id, x.request_id,
        CASE
          WHEN x.kind IN ('take_reserved', 'release', 'hold') AND rs.id IS NULL THEN 'reservation_not_found'
          WHEN x.kind IN ('take_reserved', 'release', 'hold') AND rs.status <> 'active' THEN 'reservation_closed'
          WHEN pr.id IS NULL THEN 'product_not_found'
          WHEN x.kind = 'add' AND NOT pr.is_active AND NOT coalesce(x.allow_inactive, false) THEN 'product_inactive'
          WHEN x.kind NOT IN ('take_reserved', 'release') AND scale(trim_scale(x.quantity)) > least(u.decimals, 4) THEN 'too_precise'
          WHEN wh.id IS NULL THEN 'warehouse_not_found'
          WHEN NOT wh.is_active AND x.kind = 'add' THEN 'warehouse_inactive'
          WHEN x.bin_id IS NOT NULL AND bn.id IS NULL THEN 'bin_not_found'
          WHEN x.kind = 'add' AND x.bin_id IS NULL AND dbn.id IS NULL THEN 'bin_not_found'
          WHEN x.lot_id IS NOT NULL AND lt.id IS NULL THEN 'lot_not_found'
          WHEN x.lot_id IS NOT NULL AND lt.product_id <> pr.id THEN 'lot_mismatch'
          WHEN x.lot_id IS NULL AND x.lot_number IS NOT NULL AND pr.tracking <> 'lot' THEN 'not_lot_tracked'
          WHEN x.lot_id IS NULL AND x.lot_number IS NOT NULL AND ln.id IS NULL AND x.kind <> 'add' THEN 'lot_not_found'
          WHEN x.kind = 'add' AND pr.tracking = 'lot' AND x.lot_id IS NULL AND x.lot_number IS NULL THEN 'lot_required'
        END,
        jsonb_build_object('sku', pr.sku, 'unit', u.code, 'decimals', least(u.decimals, 4), 'status', rs.status)
    )::stock_post_line AS l,
      x.grp, pr.id AS product_id, wh.id AS warehouse_id, x.bin_id, x.lot_id, x.line
    FROM jsonb_to_recordset(p_lines) AS x(
      line integer, grp integer, kind text, movement_type text, posting_id uuid,
      product_id uuid, warehouse_id uuid, bin_id uuid, lot_id uuid, lot_number text, expiry_date date,
      quantity numeric, include_expired boolean, allow_inactive boolean, reservation_id uuid,
      unit_cost numeric, reference_type text, reference_id uuid, reference_number text, reason text,
      notes text, reverses_id uuid, actor_id uuid, request_id text)
    LEFT JOIN reservations rs ON rs.id = x.reservation_id
    LEFT JOIN products pr ON pr.id = coalesce(x.product_id, rs.product_id)
    LEFT JOIN units u ON u.code = pr.unit_code
    LEFT JOIN warehouses wh ON wh.id = coalesce(x.warehouse_id, rs.warehouse_id)
    LEFT JOIN bins bn ON bn.id = x.bin_id AND bn.warehouse_id = wh.id
    LEFT JOIN bins dbn ON x.kind = 'add' AND x.bin_id IS NULL AND dbn.warehouse_id = wh.id AND dbn.is_default
    LEFT JOIN lots lt ON lt.id = x.lot_id
    LEFT JOIN lots ln ON x.lot_id IS NULL AND x.lot_number IS NOT NULL
      AND ln.product_id = pr.id AND lower(ln.lot_number) = lower(trim(x.lot_number))
  )
  -- With the lines: the refused groups, the groups that both add and take, and which of the
  -- optional steps below this batch needs at all.
  SELECT coalesce(array_agg(res.l ORDER BY res.grp, res.product_id, res.warehouse_id, res.bin_id, res.lot_id,
                            res.line), '{}'),
         coalesce(array_agg(DISTINCT res.grp) FILTER (WHERE (res.l).refusal IS NOT NULL), '{}'),
         coalesce((SELECT array_agg(m.grp) FROM (SELECT r2.grp FROM res r2 GROUP BY r2.grp
                     HAVING bool_or((r2.l).kind = 'add') AND bool_or((r2.l).kind <> 'add')) m), '{}'),
         coalesce(bool_or((res.l).kind = 'add'), false),
         coalesce(bool_or((res.l).kind = 'add' AND (res.l).lot_id IS NULL AND (res.l).lot_number IS NOT NULL), false),
         coalesce(bool_or((res.l).kind = 'take_reserved'), false),
         coalesce(bool_or((res.l).kind = 'hold'), false)
  INTO v_lines, v_refused, v_mixed, v_has_add, v_new_lots, v_has_take_reserved, v_has_hold
  FROM res;

  -- 2. Receipts create their lots as they arrive (a concurrent creator of the same lot wins,
  -- and its row is used).
  IF v_new_lots THEN
    INSERT INTO lots (id, product_id, lot_number, expiry_date)
    SELECT raktar_uuidv7(), w.product_id, w.lot_number, w.expiry_date
    FROM (SELECT DISTINCT ON (x.product_id, lower(x.lot_number)) x.product_id, x.lot_number, x.expiry_date
          FROM unnest(v_lines) x
          WHERE x.kind = 'add' AND x.lot_id IS NULL AND x.lot_number IS NOT NULL AND x.grp <> ALL (v_refused)
          ORDER BY x.product_id, lower(x.lot_number), x.line) w
    ORDER BY w.product_id, lower(w.lot_number)
    ON CONFLICT DO NOTHING;
    FOR i IN 1 .. coalesce(array_length(v_lines, 1), 0) LOOP
      IF v_lines[i].kind = 'add' AND v_lines[i].lot_id IS NULL AND v_lines[i].lot_number IS NOT NULL THEN
        v_lines[i].lot_id := (SELECT l.id FROM lots l WHERE l.product_id = v_lines[i].product_id
                                AND lower(l.lot_number) = lower(v_lines[i].lot_number));
      END IF;
    END LOOP;
  END IF;

  -- 3. Every balance an add goes into exists; then every balance the batch may touch is locked,
  -- in key order. Takes below use only the locked set.
  IF v_has_add THEN
    INSERT INTO stock_balances (id, product_id, warehouse_id, bin_id, lot_id, on_hand)
    SELECT raktar_uuidv7(), k.product_id, k.warehouse_id, k.bin_id, k.lot_id, 0
    FROM (SELECT DISTINCT x.product_id, x.warehouse_id, x.bin_id, x.lot_id
          FROM unnest(v_lines) x WHERE x.kind = 'add' AND x.grp <> ALL (v_refused)) k
    ORDER BY k.product_id, k.warehouse_id, k.bin_id, k.lot_id
    ON CONFLICT ON CONSTRAINT stock_balances_key DO NOTHING;
  END IF;

  SELECT coalesce(array_agg(s.id), '{}') INTO v_locked FROM (
    SELECT b.id FROM stock_balances b
    WHERE b.id IN (
      SELECT c.id FROM unnest(v_lines) x
      JOIN stock_balances c ON c.product_id = x.product_id AND c.warehouse_id = x.warehouse_id
        AND ((x.kind <> 'add' AND x.bin_id IS NULL) OR c.bin_id = x.bin_id)
        AND ((x.kind <> 'add' AND x.lot_id IS NULL) OR c.lot_id IS NOT DISTINCT FROM x.lot_id)
      WHERE x.kind <> 'release' AND x.grp <> ALL (v_refused)
      UNION
      SELECT a.balance_id FROM unnest(v_lines) x
      JOIN reservation_allocations a ON a.reservation_id = x.reservation_id
      WHERE x.kind IN ('take_reserved', 'release') AND x.grp <> ALL (v_refused))
    ORDER BY b.product_id, b.warehouse_id, b.bin_id, b.lot_id
    FOR UPDATE OF b) s;

  -- 4. Adds, one update per balance, in two passes around the takes. The first adds what groups
  -- without takes bring (nothing can refuse them any more), so takes in the same batch can use
  -- it; the second adds what the groups that also take bring, once their takes succeeded: within
  -- one group, takes see the stock from before the group.
  FOR v_pass IN 1 .. 2 LOOP
    IF v_has_add AND (v_pass = 1 OR cardinality(v_mixed) > 0) THEN
      UPDATE stock_balances b SET on_hand = b.on_hand + a.quantity, updated_at = now()
      FROM (SELECT x.product_id, x.warehouse_id, x.bin_id, x.lot_id, sum(x.quantity) AS quantity
            FROM unnest(v_lines) x
            WHERE x.kind = 'add' AND x.grp <> ALL (v_refused) AND (x.grp = ANY (v_mixed)) = (v_pass = 2)
            GROUP BY 1, 2, 3, 4) a
      WHERE b.product_id = a.product_id AND b.warehouse_id = a.warehouse_id AND b.bin_id = a.bin_id
        AND b.lot_id IS NOT DISTINCT FROM a.lot_id;
    END IF;
    EXIT WHEN v_pass = 2;

    -- 5a. The common take at once: a plain FEFO take (no bin or lot named) that is its group's
    -- only line, on a product and warehouse nothing else in the batch takes from. Such lines
    -- cannot affect each other, so one statement allocates and takes them all, and a short one
    -- is simply refused.
    WITH e AS (
      SELECT x.line, x.grp, x.product_id, x.warehouse_id, x.quantity, x.include_expired
      FROM (SELECT y.*, count(*) OVER (PARTITION BY y.grp) AS in_group,
                   count(*) FILTER (WHERE y.kind <> 'add') OVER (PARTITION BY y.product_id, y.warehouse_id) AS on_scope
            FROM unnest(v_lines) y WHERE y.grp <> ALL (v_refused)) x
      WHERE x.kind = 'take' AND x.bin_id IS NULL AND x.lot_id IS NULL AND x.in_group = 1 AND x.on_scope = 1
    ), c AS (
      SELECT e.line, e.grp, e.quantity, b.id, b.on_hand - b.reserved AS avail,
             sum(b.on_hand - b.reserved) OVER w AS running, row_number() OVER w AS seq,
             sum(b.on_hand - b.reserved) OVER (PARTITION BY e.line) AS total
      FROM e
      JOIN stock_balances b ON b.product_id = e.product_id AND b.warehouse_id = e.warehouse_id
      LEFT JOIN lots l ON l.id = b.lot_id
      WHERE b.id = ANY (v_locked) AND b.on_hand - b.reserved > 0
        AND (e.include_expired OR l.expiry_date IS NULL OR l.expiry_date >= v_today)
      WINDOW w AS (PARTITION BY e.line ORDER BY l.expiry_date ASC NULLS LAST, b.created_at, b.id)
    ), taken AS (
      SELECT c.line, c.grp, c.id, least(c.avail, c.quantity - (c.running - c.avail)) AS take, c.seq
      FROM c WHERE c.total >= c.quantity AND c.running - c.avail < c.quantity
    ), moved AS (
      UPDATE stock_balances b SET on_hand = b.on_hand - t.take, updated_at = now()
      FROM taken t WHERE b.id = t.id
      RETURNING b.id
    )
    SELECT coalesce((SELECT array_agg(ROW(t.line, t.grp, t.id, t.take, 0, 1000000 + t.seq)::stock_post_piece)
                     FROM taken t), '{}'),
           coalesce((SELECT array_agg(e.line) FROM e), '{}'),
           coalesce((SELECT jsonb_object_agg(e.line, coalesce(t.total, 0))
                     FROM e LEFT JOIN (SELECT DISTINCT c.line, c.total FROM c) t ON t.line = e.line
                     WHERE coalesce(t.total, 0) < e.quantity), '{}'),
           (SELECT count(*) FROM moved)
    INTO v_more, v_fast, v_short, v_moved;
    v_pieces := v_pieces || v_more;
    IF v_short <> '{}' THEN
      FOR i IN 1 .. coalesce(array_length(v_lines, 1), 0) LOOP
        IF v_short ? v_lines[i].line::text THEN
          v_lines[i].refusal := 'insufficient';
          v_lines[i].detail := v_lines[i].detail || jsonb_build_object('available', v_short -> (v_lines[i].line::text));
          v_refused := v_refused || v_lines[i].grp;
        END IF;
      END LOOP;
    END IF;

    -- 5b. Every other take, group after group. A take_reserved line takes what its reservation
    -- holds first (earliest expiry first, up to its quantity); a take, or whatever a take_reserved
    -- line needs beyond what is held, comes FEFO from available stock. A group short of stock
    -- gives back what it took and is refused.
    FOR i IN 1 .. coalesce(array_length(v_lines, 1), 0) LOOP
      r := v_lines[i];
      CONTINUE WHEN r.kind = 'add' OR r.grp = ANY (v_refused) OR r.line = ANY (v_fast);
      v_alloc := '{}';
      v_rest := r.quantity;
      IF r.kind = 'release' THEN
        -- A released reservation gives back what it holds; its stock stays where it is.
        SELECT coalesce(array_agg(ROW(r.line, r.grp, a.balance_id, 0, a.quantity, 0)::stock_post_piece), '{}')
        INTO v_alloc
        FROM reservation_allocations a WHERE a.reservation_id = r.reservation_id;
        v_rest := 0;
      ELSIF r.kind = 'take_reserved' THEN
        SELECT coalesce(array_agg(ROW(r.line, r.grp, h.balance_id, h.take, h.take, h.seq)::stock_post_piece
                                  ORDER BY h.seq) FILTER (WHERE h.take > 0), '{}'),
               r.quantity - coalesce(sum(h.take) FILTER (WHERE h.take > 0), 0)
        INTO v_alloc, v_rest
        FROM (SELECT a.balance_id, least(a.quantity, r.quantity - (sum(a.quantity) OVER w - a.quantity)) AS take,
                     (row_number() OVER w)::integer AS seq
              FROM reservation_allocations a
              JOIN stock_balances b ON b.id = a.balance_id LEFT JOIN lots l ON l.id = b.lot_id
              WHERE a.reservation_id = r.reservation_id
              WINDOW w AS (ORDER BY l.expiry_date ASC NULLS LAST, b.created_at, b.id)) h;
      END IF;
      IF cardinality(v_alloc) > 0 THEN
        UPDATE stock_balances b
        SET on_hand = b.on_hand - t.quantity, reserved = b.reserved - t.reserved, updated_at = now()
        FROM (SELECT p.balance_id, sum(p.quantity) AS quantity, sum(p.reserved) AS reserved
              FROM unnest(v_alloc) p GROUP BY p.balance_id) t
        WHERE b.id = t.balance_id;
      END IF;
      IF v_rest > 0 THEN
        -- FEFO (earliest expiry first, no expiry last, then the oldest balance), allocated and
        -- taken in one statement, and only when there is enough. A hold raises `reserved`
        -- instead of lowering `on_hand` (a negative reserved piece).
        WITH o AS (
          SELECT c.id, c.avail, sum(c.avail) OVER w AS running, row_number() OVER w AS seq
          FROM (SELECT b.id, b.on_hand - b.reserved AS avail, l.expiry_date, b.created_at
                FROM stock_balances b LEFT JOIN lots l ON l.id = b.lot_id
                WHERE b.id = ANY (v_locked)
                  AND b.product_id = r.product_id AND b.warehouse_id = r.warehouse_id
                  AND (r.bin_id IS NULL OR b.bin_id = r.bin_id)
                  AND (r.lot_id IS NULL OR b.lot_id = r.lot_id)
                  AND (r.include_expired OR l.expiry_date IS NULL OR l.expiry_date >= v_today)
                  AND b.on_hand - b.reserved > 0) c
          WINDOW w AS (ORDER BY c.expiry_date ASC NULLS LAST, c.created_at, c.id)
        ), total AS (
          SELECT coalesce(sum(o.avail), 0) AS available FROM o
        ), taken AS (
          SELECT o.id, least(o.avail, v_rest - (o.running - o.avail)) AS take, o.seq
          FROM o, total WHERE total.available >= v_rest AND o.running - o.avail < v_rest
        ), moved AS (
          UPDATE stock_balances b
          SET on_hand = b.on_hand - CASE WHEN r.kind = 'hold' THEN 0 ELSE t.take END,
              reserved = b.reserved + CASE WHEN r.kind = 'hold' THEN t.take ELSE 0 END,
              updated_at = now()
          FROM taken t WHERE b.id = t.id
          RETURNING b.id
        )
        SELECT total.available,
               coalesce((SELECT array_agg(ROW(r.line, r.grp, t.id,
                                              CASE WHEN r.kind = 'hold' THEN 0 ELSE t.take END,
                                              CASE WHEN r.kind = 'hold' THEN -t.take ELSE 0 END,
                                              1000000 + t.seq)::stock_post_piece ORDER BY t.seq)
                         FROM taken t), '{}'),
               (SELECT count(*) FROM moved)
        INTO v_available, v_more, v_moved
        FROM total;
        IF v_available < v_rest THEN
          -- Short: this line took nothing FEFO; give back what it and its group took before.
          v_lines[i].refusal := 'insufficient';
          v_lines[i].detail := v_lines[i].detail || jsonb_build_object('available', v_available + r.quantity - v_rest);
          v_refused := v_refused || r.grp;
          UPDATE stock_balances b SET on_hand = b.on_hand + g.quantity, reserved = b.reserved + g.reserved
          FROM (SELECT p.balance_id, sum(p.quantity) AS quantity, sum(p.reserved) AS reserved
                FROM unnest(v_pieces || v_alloc) p WHERE p.grp = r.grp GROUP BY p.balance_id) g
          WHERE b.id = g.balance_id;
          v_pieces := ARRAY(SELECT p FROM unnest(v_pieces) p WHERE p.grp <> r.grp);
          CONTINUE;
        END IF;
        v_alloc := v_alloc || v_more;
      END IF;
      v_pieces := v_pieces || v_alloc;
    END LOOP;
  END LOOP;

  -- A reservation used up ends consumed (its allocations stay, the record of what it held); one
  -- used in part keeps holding the rest.
  IF v_has_take_reserved THEN
    UPDATE reservations rs
    SET status = CASE WHEN u.quantity >= rs.quantity THEN 'consumed' ELSE rs.status END,
        closed_at = CASE WHEN u.quantity >= rs.quantity THEN now() ELSE rs.closed_at END,
        quantity = CASE WHEN u.quantity >= rs.quantity THEN rs.quantity ELSE rs.quantity - u.quantity END
    FROM (SELECT x.reservation_id, sum(p.reserved) AS quantity
          FROM unnest(v_pieces) p JOIN unnest(v_lines) x ON x.line = p.line
          WHERE x.kind = 'take_reserved' GROUP BY x.reservation_id) u
    WHERE rs.id = u.reservation_id;
    DELETE FROM reservation_allocations a
    USING (SELECT x.reservation_id, p.balance_id, sum(p.reserved) AS quantity
           FROM unnest(v_pieces) p JOIN unnest(v_lines) x ON x.line = p.line
           WHERE x.kind = 'take_reserved' AND p.reserved > 0 GROUP BY 1, 2) u, reservations rs
    WHERE a.reservation_id = u.reservation_id AND a.balance_id = u.balance_id AND a.quantity <= u.quantity
      AND rs.id = u.reservation_id AND rs.status = 'active';
    UPDATE reservation_allocations a SET quantity = a.quantity - u.quantity
    FROM (SELECT x.reservation_id, p.balance_id, sum(p.reserved) AS quantity
          FROM unnest(v_pieces) p JOIN unnest(v_lines) x ON x.line = p.line
          WHERE x.kind = 'take_reserved' AND p.reserved > 0 GROUP BY 1, 2) u, reservations rs
    WHERE a.reservation_id = u.reservation_id AND a.balance_id = u.balance_id AND a.quantity > u.quantity
      AND rs.id = u.reservation_id AND rs.status = 'active';
  END IF;

  -- A hold records which balances it holds, and how much of each.
  IF v_has_hold THEN
    INSERT INTO reservation_allocations (reservation_id, balance_id, quantity)
    SELECT x.reservation_id, p.balance_id, -p.reserved
    FROM unnest(v_pieces) p JOIN unnest(v_lines) x ON x.line = p.line
    WHERE x.kind = 'hold';
  END IF;

  -- 6. The ledger: one row per add, one per piece taken; then every refusal.
  RETURN QUERY
  WITH src AS MATERIALIZED (
    SELECT raktar_uuidv7() AS id, s.* FROM (
      SELECT x.line, 0 AS seq, x.posting_id, x.movement_type, x.product_id, x.warehouse_id, x.bin_id,
             x.lot_id, x.quantity, x.unit_cost, x.reference_type, x.reference_id, x.reference_number,
             x.reason, x.notes, x.reverses_id, x.actor_id, x.request_id
      FROM unnest(v_lines) x WHERE x.kind = 'add' AND x.grp <> ALL (v_refused)
      UNION ALL
      SELECT x.line, p.seq, x.posting_id, x.movement_type, b.product_id, b.warehouse_id, b.bin_id,
             b.lot_id, -p.quantity, x.unit_cost, x.reference_type, x.reference_id, x.reference_number,
             x.reason, x.notes, x.reverses_id, x.actor_id, x.request_id
      FROM unnest(v_pieces) p
      JOIN unnest(v_lines) x ON x.line = p.line AND x.kind IN ('take', 'take_reserved')
      JOIN stock_balances b ON b.id = p.balance_id
      ORDER BY 1, 2) s
  ), ins AS (
    INSERT INTO stock_movements (id, posting_id, movement_type, product_id, warehouse_id, bin_id, lot_id,
      quantity, unit_cost, reference_type, reference_id, reference_number, reason, notes, reverses_id,
      actor_id, request_id)
    SELECT src.id, src.posting_id, src.movement_type, src.product_id, src.warehouse_id, src.bin_id,
      src.lot_id, src.quantity, src.unit_cost, src.reference_type, src.reference_id, src.reference_number,
      src.reason, src.notes, src.reverses_id, src.actor_id, src.request_id
    FROM src
    RETURNING *
  )
  (SELECT src.line, NULL::text, NULL::jsonb, ins.id, ins.posting_id, ins.movement_type, ins.product_id,
    ins.warehouse_id, ins.bin_id, ins.lot_id, ins.quantity, ins.unit_cost, ins.reference_type,
    ins.reference_id, ins.reference_number, ins.reason, ins.notes, ins.reverses_id, ins.actor_id,
    ins.request_id, ins.occurred_at, l.lot_number, l.expiry_date
  FROM ins JOIN src ON src.id = ins.id LEFT JOIN lots l ON l.id = ins.lot_id
  ORDER BY src.line, src.seq)
  UNION ALL
  (SELECT x.line, x.refusal, x.detail, NULL, NULL, NULL, NULL, NULL, NULL, NULL, x.quantity, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM unnest(v_lines) x WHERE x.refusal IS NOT NULL);
END
$fn$;
