// Builds data/postcode-districts.csv (outcode,la_code): the English local
// authority that each postcode district is in, as far as GIAS's own rows
// tell, for the demo data (src/registry/demo_rules.c), which puts each
// school of a register that has postcodes but no local authorities
// (../shared/data/gias/DFE-Digital__register-trainee-teachers/schools.csv)
// in its real local authority, and so in a hub of its own region:
//   node scripts/postcode-districts.mjs ../shared/data > data/postcode-districts.csv
// The rows with both a postcode and a local authority code are GIAS's
// children's centres (RogerHowellDfE__gias-data/edubaseallchildrencentre.csv,
// 2025's codes: Cumberland, Westmorland and Furness ...) and two extracts of
// establishments (clarelgibson__2022-school-admissions-dashboard), as
// ../shared/data/SOURCES.txt describes them. Only current English authorities
// of data/local-authorities.csv are kept. A district ("EX4") gets the
// authority most of its rows have (the lowest code on a tie); an area ("EX",
// letters alone) gets the authority most rows of the area have, for a
// district no row names, except the areas that cross into Wales or Scotland
// (CH, SY, TD: their unnamed districts are mostly Welsh or Scottish, whose
// schools are not in the programme).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { csvRecords, parseCsv } from '../tests/lib/csv.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/postcode-districts.mjs SHARED_DATA_DIR > data/postcode-districts.csv');
  process.exit(2);
}
const HERE = path.dirname(fileURLToPath(import.meta.url));
const current = new Set(parseCsv(readFileSync(path.join(HERE, '../data/local-authorities.csv'), 'utf8'))
  .filter((r) => r.current === 'yes' && r.region && r.region !== 'Wales').map((r) => r.code));
const BORDER_AREAS = new Set(['CH', 'SY', 'TD']);
const SOURCES = [
  'gias/RogerHowellDfE__gias-data/edubaseallchildrencentre.csv',
  'gias/clarelgibson__2022-school-admissions-dashboard/2021_936_gias.csv',
  'gias/clarelgibson__2022-school-admissions-dashboard/20220420_gias.csv',
];

/** GIAS publishes Windows-1252; a file that is valid UTF-8 is read as such. */
function readText(file) {
  const bytes = readFileSync(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const counts = new Map(); // outcode -> Map(la -> rows)
const add = (key, la) => {
  if (!counts.has(key)) counts.set(key, new Map());
  const m = counts.get(key);
  m.set(la, (m.get(la) || 0) + 1);
};
for (const name of SOURCES) {
  const [head, ...rows] = csvRecords(readText(path.join(dir, name))); // GIAS rows may be ragged
  const laCol = head.indexOf('LA (code)');
  const postcodeCol = head.indexOf('Postcode');
  for (const r of rows) {
    const la = r[laCol];
    const m = /^([A-Z]{1,2})(\d[A-Z\d]?) ?\d[A-Z]{2}$/.exec((r[postcodeCol] || '').trim().toUpperCase());
    if (!m || !current.has(la)) continue;
    add(m[1] + m[2], la);
    if (!BORDER_AREAS.has(m[1])) add(m[1], la);
  }
}
const best = (m) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
const keys = [...counts.keys()].sort((a, b) => {
  const [, la, na, ra] = /^([A-Z]+)(\d*)(.*)$/.exec(a);
  const [, lb, nb, rb] = /^([A-Z]+)(\d*)(.*)$/.exec(b);
  return la.localeCompare(lb) || (Number(na || -1) - Number(nb || -1)) || ra.localeCompare(rb);
});
const lines = ['outcode,la_code', ...keys.map((k) => `${k},${best(counts.get(k))}`)];
process.stdout.write(lines.join('\n') + '\n');
