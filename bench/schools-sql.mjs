// Writes SQL (to stdout) that puts 50,000 schools into a migrated mathshubs
// database, either backend: the 49,514 real establishments of
// register-trainee-teachers' schools.csv (every GIAS URN with its name, town,
// postcode and dates), then the first of them again under URNs from 900000
// until there are 50,000. For bench/schools; the search index is built after
// by `mathshubs reindex-schools`, as the import does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseCsvRows } from '../tests/lib/csv.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] || path.join(here, '..', '..', 'shared', 'data', 'gias', 'DFE-Digital__register-trainee-teachers', 'schools.csv');
const [head, ...rows] = parseCsvRows(readFileSync(file, 'utf8'));
const col = Object.fromEntries(head.map((h, i) => [h, i]));
const q = (v) => (v ? `'${v.replace(/'/g, "''")}'` : 'NULL');
const t = (v) => `'${(v || '').replace(/'/g, "''")}'`; // text, '' when empty
const iso = (d) => { const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(d || ''); return m ? `${m[3]}-${m[2]}-${m[1]}` : null; };
const WANT = 50000;
const out = ['BEGIN;'];
for (let i = 0; i < WANT; i++) {
  const r = rows[i % rows.length];
  const urn = i < rows.length ? r[col.urn] : String(900000 + i - rows.length);
  const closed = iso(r[col.close_date]);
  out.push(`INSERT INTO schools (urn, name, town, postcode, status, open_date, close_date, digest, imported_at) VALUES (${t(urn)}, ${t(r[col.name])}, ${t(r[col.town])}, ${t(r[col.postcode])}, '${closed ? 'closed' : 'open'}', ${q(iso(r[col.open_date]))}, ${q(closed)}, 'bench-${i}', 0);`);
}
out.push('COMMIT;');
process.stdout.write(out.join('\n') + '\n');
