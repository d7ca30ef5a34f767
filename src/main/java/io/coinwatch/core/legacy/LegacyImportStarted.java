package io.coinwatch.core.legacy;

/** The answer of POST /api/v1/system/legacy-import: the import started; follow it with GET. */
public record LegacyImportStarted(String status) {
}
