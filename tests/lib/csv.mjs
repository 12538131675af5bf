// The one CSV parser of the HTTP and browser suites, and the reference data
// (data/*.csv) read through it: what the pages and the API must show comes
// from these files, never from the server under test.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from './server.mjs';

/**
 * The records of RFC 4180 CSV text (quoted fields, "" escapes, CRLF or LF;
 * blank lines skipped), each an array of its fields, however many: GIAS
 * files have ragged rows. Each array has a line property, the line of the
 * text it starts on.
 */
export function csvRecords(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') { i++; line++; }
      row.push(field); field = '';
      row.line = start;
      rows.push(row); row = [];
      start = line;
    } else field += c;
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed');
  if (field !== '' || row.length) { row.push(field); row.line = start; rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * Parses RFC 4180 CSV into one object a row, keyed by the header. A row
 * whose field count differs from the header's throws: the reference data is
 * never ragged, so a ragged row is a broken file or a broken parser.
 */
export function parseCsv(text) {
  const [head, ...body] = csvRecords(text);
  return body.map((r, n) => {
    if (r.length !== head.length) throw new Error(`CSV: row ${n + 2} has ${r.length} fields, the header ${head.length}`);
    return Object.fromEntries(head.map((h, i) => [h, r[i]]));
  });
}

/** The rows of data/<name> (a byte order mark, if any, is dropped; so are lines starting with #, a file's comments). */
export function readCsv(name) {
  const text = readFileSync(path.join(ROOT, 'data', name), 'utf8').replace(/^\uFEFF/, '');
  return parseCsv(text.split('\n').filter((l) => !l.startsWith('#')).join('\n'));
}

/** [{code, name, region}] from data/hubs.csv. */
export const HUBS = readCsv('hubs.csv');

/** [{code, title, kind, phases: [...], develops_llmes: bool, year}] from the 2024/25 catalogue. */
export const PROJECTS = readCsv('ncps-2024-25.csv').map((p) => ({
  code: p.code,
  title: p.title,
  kind: p.kind,
  phases: p.phases.split(';'),
  develops_llmes: p.develops_llmes === 'yes',
  year: '2024/25',
}));

/** The projects a filter {year, phase, kind} (each an array, empty = any) selects, in catalogue order. */
export function expectProjects({ year = [], phase = [], kind = [] } = {}) {
  return PROJECTS.filter((p) =>
    (!year.length || year.includes(p.year)) &&
    (!kind.length || kind.includes(p.kind)) &&
    (!phase.length || p.phases.some((x) => phase.includes(x))));
}

/** csvRecords, by the name the search tests use. */
export const parseCsvRows = csvRecords;
