-- Which symbols the legacy import added (issue 21): their first backfill waits until the import has brought their
-- candles in, so the exchange is not asked for history the import is about to store. Until now only the legacy
-- import wrote trading_parameters, so those rows are its symbols.
ALTER TABLE symbol ADD COLUMN legacy_import boolean NOT NULL DEFAULT false;
UPDATE symbol SET legacy_import = true WHERE trading_parameters IS NOT NULL;
