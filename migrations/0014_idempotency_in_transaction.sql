-- Keys are now claimed in the transaction of the request's own work, so a committed key is always
-- answered. A key left 'in_progress' was claimed the old way by a request that never answered (a
-- crash): free it, so its retry runs instead of waiting 24 hours.
DELETE FROM "idempotency_keys" WHERE "state" = 'in_progress';
