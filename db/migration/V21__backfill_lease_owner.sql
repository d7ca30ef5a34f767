-- Which process holds a running backfill (its instance id): with several market-data replicas the lease in
-- backfill_progress (status running, updated_at moving with every page) needs a holder an operator can see.
ALTER TABLE backfill_progress ADD COLUMN owner text;
