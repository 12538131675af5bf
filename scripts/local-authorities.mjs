// Builds data/local-authorities.csv (code,name,region,current) from the DfE's
// lists of local authorities with their GIAS codes (dfeR: EnglishLaNameCodes,
// WelshLaNameCodes, OtherLaNameCodes) and the ONS region of each (dfeR's
// las.csv, parent_geography_code), as ../shared/data/SOURCES.txt describes them:
//   node scripts/local-authorities.mjs ../shared/data/local_authorities/dfe-analytical-services__dfeR > data/local-authorities.csv
// Regions are spelled as data/hubs.csv spells them (and GIAS's "GOR (name)").
// current = no for an authority that no longer exists ("Pre LGR ...", before a
// local government reorganisation) and for GIAS's pseudo-authorities (BFPO,
// overseas, "Not recorded"): migration 8 gives a demo hub only to current
// English authorities. A former county with no namesake today and no row in
// las.csv gets its region from REGION_OF_FORMER below (where it lay).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseCsv } from '../tests/lib/csv.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/local-authorities.mjs DFER_DATA_DIR > data/local-authorities.csv');
  process.exit(2);
}
const read = (name) => parseCsv(readFileSync(path.join(dir, name), 'utf8').replace(/^\uFEFF/, ''));

const ONS_REGIONS = {
  E12000001: 'North East',
  E12000002: 'North West',
  E12000003: 'Yorkshire and the Humber',
  E12000004: 'East Midlands',
  E12000005: 'West Midlands',
  E12000006: 'East of England',
  E12000007: 'London',
  E12000008: 'South East',
  E12000009: 'South West',
};
const REGION_OF_FORMER = {
  Avon: 'South West',
  Berkshire: 'South East',
  Cleveland: 'North East',
  Durham: 'North East', // County Durham today
  'Hereford & Worcester': 'West Midlands',
  Humberside: 'Yorkshire and the Humber',
};

const byOns = new Map();
const byOld = new Map();
for (const r of read('las.csv')) {
  const region = ONS_REGIONS[r.parent_geography_code];
  if (!region) continue;
  for (const c of r.new_la_code.split(' / ')) byOns.set(c, region);
  for (const c of r.old_la_code.split(' / ')) if (/^\d{3}$/.test(c)) byOld.set(c, region);
}

const col = (row, start) => row[Object.keys(row).find((k) => k.startsWith(start))];
const english = read('EnglishLaNameCodes.csv').map((r) => ({
  name: col(r, 'English local authority'), code: col(r, 'Get Information'), ons: col(r, 'Office for National'),
}));
const county = (name) => name.replace(/^Pre[- ]LGR \(?\d{4}\)? /, '').toLowerCase();
const direct = (l) => byOns.get(l.ons) || byOld.get(l.code);
const regionByCounty = new Map(english.filter(direct).map((l) => [county(l.name), direct(l)]));

const out = [];
for (const l of english) {
  const current = !/^Pre/.test(l.name);
  const region = direct(l) || (!current && (regionByCounty.get(county(l.name)) ||
    REGION_OF_FORMER[l.name.replace(/^Pre[- ]LGR \(?\d{4}\)? /, '')]));
  if (!region) throw new Error(`no region for ${l.code} ${l.name}`);
  out.push({ code: l.code, name: l.name, region, current });
}
for (const r of read('WelshLaNameCodes.csv'))
  out.push({ code: col(r, 'Get Information'), name: col(r, 'Welsh local authority'), region: 'Wales', current: true });
for (const r of read('OtherLaNameCodes.csv'))
  out.push({ code: col(r, 'Get Information'), name: col(r, 'Local authority'), region: '', current: false });

const seen = new Set();
for (const l of out) {
  if (seen.has(l.code)) throw new Error(`code ${l.code} twice`);
  seen.add(l.code);
}
out.sort((a, b) => Number(a.code) - Number(b.code));
const cell = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
process.stdout.write('code,name,region,current\n' +
  out.map((l) => [l.code, l.name, l.region, l.current ? 'yes' : 'no'].map(cell).join(',')).join('\n') + '\n');
