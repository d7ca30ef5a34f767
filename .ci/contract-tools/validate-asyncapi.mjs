// Validates an AsyncAPI document with the reference parser; any diagnostic of severity error fails.
import { readFileSync } from 'node:fs';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const file = process.argv[2];
const { document, diagnostics } = await new Parser().parse(readFileSync(file, 'utf8'));
const errors = diagnostics.filter(d => d.severity === DiagnosticSeverity.Error);
for (const d of diagnostics) {
  console.log(`${DiagnosticSeverity[d.severity]} ${d.code} ${d.path.join('.')}: ${d.message}`);
}
if (!document || errors.length > 0) {
  console.error(`${file}: ${errors.length} error(s)`);
  process.exit(1);
}
console.log(`${file}: valid AsyncAPI ${document.version()}, ${document.channels().length} channel(s)`);
