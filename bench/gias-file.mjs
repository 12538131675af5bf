#!/usr/bin/env node
// Writes a national-size GIAS establishments file (edubasealldata's newest,
// 135-column layout, every field quoted, CRLF, UTF-8) for make bench and the
// import tests:
//
//   node bench/gias-file.mjs OUT.csv [ROWS]      (ROWS: 50000 by default)
//
// Every row is a real establishment of ../shared/data/gias/DFE-Digital__
// register-trainee-teachers/schools.csv (49,514 URNs, names, towns,
// postcodes, open and close dates, open and closed), laid over one of the
// two real rows of the 135-column example file (the Aldgate School's for an
// open school, Sherborne Nursery School's for a closed one), so a row has
// the size and shape of GIAS's. That file's names were once decoded as
// Windows-1251 instead of Windows-1252 ("Ecole Franзaise"): they are put
// right ("Ecole Française"), and the rows with letters outside ASCII come
// first, so a small file has them too. Past 49,514 rows, rows repeat with
// 7-digit URNs (9000000 + n). Local authorities are the real English ones
// (dfeR's list, with their regions), given round-robin by URN; the type,
// phase and trust follow the name (an "Academy" in a trust of 40); these
// are made up, and only their shape matters here.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseCsv } from '../tests/lib/csv.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHARED = path.resolve(HERE, '../../shared/data');
const SCHOOLS = path.join(SHARED, 'gias/DFE-Digital__register-trainee-teachers/schools.csv');
const LAYOUT = path.join(SHARED, 'gias/JackFrostStudios__summer-born-info/ExampleImportFile.csv');
const LAS = path.join(SHARED, 'local_authorities/dfe-analytical-services__dfeR/EnglishLaNameCodes.csv');
const LA_REGIONS = path.join(SHARED, 'local_authorities/dfe-analytical-services__dfeR/las.csv');
const REGIONS = {
  E12000001: 'North East', E12000002: 'North West', E12000003: 'Yorkshire and the Humber',
  E12000004: 'East Midlands', E12000005: 'West Midlands', E12000006: 'East of England', E12000007: 'London',
  E12000008: 'South East', E12000009: 'South West',
};

/** Rows of a CSV file as arrays (the layout file's rows have 135 fields). */
function records(file) {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows = parseCsv(text);
  const header = Object.keys(rows[0]);
  return { header, rows: rows.map((r) => header.map((h) => r[h])) };
}

// Windows-1251 mojibake back to the Windows-1252 text it was
const cp1251 = new TextDecoder('windows-1251');
const cp1252 = new TextDecoder('windows-1252');
const byteOf = new Map();
for (let b = 0x80; b < 0x100; b++) byteOf.set(cp1251.decode(Uint8Array.of(b)), b);
const repair = (s) => [...s].map((c) => (c.charCodeAt(0) >= 0x400 && c.charCodeAt(0) < 0x500 && byteOf.has(c)
  ? cp1252.decode(Uint8Array.of(byteOf.get(c))) : c)).join('');

export function giasFile(rows = 50000) {
  const layout = records(LAYOUT);
  const col = Object.fromEntries(layout.header.map((h, i) => [h, i]));
  const [openRow, closedRow] = layout.rows;
  const regionOf = new Map(parseCsv(readFileSync(LA_REGIONS, 'utf8'))
    .map((r) => [r.old_la_code, REGIONS[r.parent_geography_code] || '']));
  const las = parseCsv(readFileSync(LAS, 'utf8')).map((r) => {
    const [name, code] = Object.values(r);
    return { name, code, region: regionOf.get(code) || '' };
  });
  const schools = parseCsv(readFileSync(SCHOOLS, 'utf8'));
  const nonAscii = (s) => /[^\x00-\x7f]/.test(s.name + s.town);
  const ordered = [...schools.filter(nonAscii), ...schools.filter((s) => !nonAscii(s))];
  const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const lines = [layout.header.map(quote).join(',')];
  for (let n = 0; n < rows; n++) {
    const s = ordered[n % ordered.length];
    const urn = n < ordered.length ? s.urn : String(9000000 + n);
    const closed = s.close_date !== '';
    const v = [...(closed ? closedRow : openRow)];
    const la = las[Number(urn) % las.length];
    const name = repair(s.name);
    const phase = /nursery/i.test(name) ? ['1', 'Nursery'] : /primary|infant|junior|first/i.test(name)
      ? ['2', 'Primary'] : /high|secondary|academy|grammar|college/i.test(name) ? ['4', 'Secondary']
        : ['0', 'Not applicable'];
    const academy = /academy/i.test(name);
    const set = (h, x) => { v[col[h]] = x; };
    set('URN', urn);
    set('EstablishmentName', name);
    set('Town', repair(s.town));
    set('Postcode', s.postcode);
    set('OpenDate', s.open_date);
    set('CloseDate', s.close_date);
    set('LA (code)', la.code);
    set('LA (name)', la.name);
    set('GOR (name)', la.region);
    set('EstablishmentNumber', String(2000 + (Number(urn) % 7000)));
    set('PhaseOfEducation (code)', phase[0]);
    set('PhaseOfEducation (name)', phase[1]);
    set('TypeOfEstablishment (name)', academy ? 'Academy converter' : v[col['TypeOfEstablishment (name)']]);
    set('EstablishmentTypeGroup (name)', academy ? 'Academies' : v[col['EstablishmentTypeGroup (name)']]);
    if (academy) {
      const t = Math.floor(Number(urn) / 40) % 2500;
      set('Trusts (code)', String(10000 + t));
      set('Trusts (name)', `ACADEMY TRUST ${String(t).padStart(4, '0')}`);
    }
    lines.push(v.map(quote).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, rows] = process.argv.slice(2);
  if (!out) {
    process.stderr.write('usage: node bench/gias-file.mjs OUT.csv [ROWS]\n');
    process.exit(2);
  }
  writeFileSync(out, giasFile(rows ? Number(rows) : 50000));
}
