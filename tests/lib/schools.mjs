// Schools for the tests: real GIAS rows from ../shared/data/gias (see
// SOURCES.txt there), put into a test server's database by ONE function,
// seedSchools(srv) (every suite's: the whole fixture, or a few of its
// schools with seedSchools(srv, {urns: FEW_SCHOOLS})). It writes the rows
// with SQL (either backend), quicker than the import for every test file,
// and runs `mathshubs reindex-schools`.
//
// The fixture: every row of the GIAS website export for Hampshire (LA 850)
// and Surrey (936) of 2022-04-20 (1,096 schools: open, closed, proposed to
// close; trusts with several schools; names with apostrophes), the City of
// London and Camden rows of the edubasealldata layouts (100000 The Aldgate
// School, from the newest 135-column file), four schools with accents from
// the register-trainee-teachers list (whose file has them as Windows-1252
// bytes read as Windows-1251, "Franзaise": repaired here; the two in Wales
// given their local authority and region, which that list lacks), and every GIAS
// link (links_edubasealldata.csv) that names one of them. Local authorities
// are given demo hubs of their region, as the demo data does, and one
// Farnborough school an exception to the hub that covers North East
// Hampshire. What the tests expect is computed from these rows (fold,
// expectSearch), never read back from the server.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseCsvRows } from './csv.mjs';
import { dbArgs, dbQuery } from './db.mjs';
import { ROOT, run } from './server.mjs';

export const GIAS = path.join(ROOT, '..', 'shared', 'data', 'gias');

const read = (rel) => readFileSync(path.join(GIAS, rel), 'utf8').replace(/^\uFEFF/, '');

/** Rows of a GIAS file as objects by header (extra fields of a ragged row dropped). */
function records(rel) {
  const [head, ...rows] = parseCsvRows(read(rel));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** "31-08-2021" as "2021-08-31"; '' as null. */
const isoDate = (d) => {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(d || '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
};

const STATUS = {
  Open: 'open', Closed: 'closed', 'Open, but proposed to close': 'open_proposed_to_close', 'Proposed to open': 'proposed_to_open',
};

const int = (v) => (/^\d+$/.test(v || '') ? Number(v) : null);

/** A school row of the schools table from a GIAS record (either layout). */
function fromGias(r) {
  return {
    urn: r.URN,
    name: r.EstablishmentName,
    la_code: r['LA (code)'],
    establishment_number: r.EstablishmentNumber || '',
    type: r['TypeOfEstablishment (name)'] || '',
    type_group: r['EstablishmentTypeGroup (name)'] || '',
    phase: r['PhaseOfEducation (name)'] || '',
    status: STATUS[r['EstablishmentStatus (name)']],
    open_date: isoDate(r.OpenDate),
    open_reason: r['ReasonEstablishmentOpened (name)'] || '',
    close_date: isoDate(r.CloseDate),
    close_reason: r['ReasonEstablishmentClosed (name)'] || '',
    low_age: int(r.StatutoryLowAge),
    high_age: int(r.StatutoryHighAge),
    trust: r['Trusts (name)'] || '',
    street: r.Street || '',
    locality: r.Locality || '',
    address3: r.Address3 || '',
    town: r.Town || '',
    county: r['County (name)'] || '',
    postcode: r.Postcode || '',
    website: r.SchoolWebsite || '',
    telephone: r.TelephoneNum || '',
    region: r['GOR (name)'] || '',
    ukprn: r.UKPRN || '',
    pupils: int(r.NumberOfPupils),
    gias_changed_on: isoDate(r.LastChangedDate),
    la_name: r['LA (name)'],
  };
}

/* Text that was Windows-1252 bytes read as Windows-1251 ("Franзaise"),
 * as it was written ("Française"). */
function unmojibake(s) {
  const bytes = Uint8Array.from({ length: 128 }, (_, i) => 128 + i);
  const as1251 = new TextDecoder('windows-1251').decode(bytes);
  const as1252 = new TextDecoder('windows-1252').decode(bytes);
  const map = new Map([...as1251].map((c, i) => [c, as1252[i]]));
  return [...s].map((c) => map.get(c) ?? c).join('');
}

const ACCENTED = ['100371', '126416', '402323', '402424'];
/** The two in Wales, with their local authority and GIAS's region as GIAS records them (the list has neither). */
const WALES = { 402323: ['671', 'Neath Port Talbot'], 402424: ['661', 'Gwynedd'] };

let cached;
/** The fixture: {schools, links, las, trusts, areas, overrides} (built once). */
export function fixture() {
  if (cached) return cached;
  const schools = records('clarelgibson__2022-school-admissions-dashboard/20220420_gias.csv').map(fromGias);
  const london = [
    ...records('JackFrostStudios__summer-born-info/ExampleImportFile.csv'),
    ...records('DFE-Digital__teaching-vacancies/example_schools_data.csv'),
  ].filter((r) => /^10000\d$/.test(r.URN));
  const seen = new Set();
  for (const r of london) if (!seen.has(r.URN)) { seen.add(r.URN); schools.push(fromGias(r)); } // the newest file first
  for (const r of records('DFE-Digital__register-trainee-teachers/schools.csv')) {
    if (!ACCENTED.includes(r.urn)) continue;
    schools.push({
      ...fromGias({}), urn: r.urn, name: unmojibake(r.name), la_code: WALES[r.urn]?.[0] ?? null, la_name: WALES[r.urn]?.[1] ?? null,
      region: WALES[r.urn] ? 'Wales (pseudo)' : '', town: r.town, postcode: r.postcode,
      status: r.close_date ? 'closed' : 'open', open_date: r.open_date || null, close_date: r.close_date || null,
    });
  }
  const urns = new Set(schools.map((s) => s.urn));
  const links = records('RogerHowellDfE__gias-data/links_edubasealldata.csv')
    .filter((l) => urns.has(l.URN) || urns.has(l.LinkURN))
    .map((l) => ({ urn: l.URN, link_urn: l.LinkURN, link_name: l.LinkName, link_type: l.LinkType, linked_on: isoDate(l.LinkEstablishedDate) }));
  const las = new Map();
  for (const s of schools) if (s.la_code) las.set(s.la_code, { code: s.la_code, name: s.la_name, region: s.region });
  const trusts = [...new Set(schools.map((s) => s.trust).filter(Boolean))].sort().map((name, i) => ({ id: i + 1, name }));
  // demo assignments: a hub of the local authority's region
  const areas = [['850', 'SE3'], ['936', 'SE2'], ['201', 'LO2'], ['202', 'LO2']].map(([la, hub]) => ({ la, hub }));
  const farnborough = schools.filter((s) => s.la_code === '850' && s.town === 'Farnborough' && s.status === 'open')
    .sort((a, b) => a.urn.localeCompare(b.urn))[0];
  const overrides = [{ urn: farnborough.urn, hub: 'SE2', reason: 'North East Hampshire is served by North East Hants and Surrey' }];
  cached = { schools, links, las: [...las.values()], trusts, areas, overrides };
  return cached;
}

/** A school of the fixture by URN. */
export const school = (urn) => fixture().schools.find((s) => s.urn === urn);

const q = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/**
 * A few of the fixture's schools, for suites about something else (hub
 * areas, people, events): two in the City of London (201), one in Camden
 * (202), three in Hampshire (850; Awbridge 115856 closed), one in Surrey (936).
 */
export const FEW_SCHOOLS = ['100000', '100003', '100008', '115850', '115851', '115856', '124937'];

/**
 * The SQL that puts the fixture into a migrated database (either backend):
 * every school, with the fixture's local authorities and hub areas in place
 * of the shipped ones; or, given urns, only those schools (their trusts and
 * links), the shipped local authorities and hub areas kept.
 */
export function fixtureSql(urns = null) {
  const all = fixture();
  const only = urns && new Set(urns);
  if (only) for (const u of only) if (!school(u)) throw new Error(`seedSchools: ${u} is not a school of the fixture`);
  const schools = only ? all.schools.filter((s) => only.has(s.urn)) : all.schools;
  const f = only ? {
    schools, trusts: all.trusts.filter((t) => schools.some((s) => s.trust === t.name)),
    links: all.links.filter((l) => only.has(l.urn) || only.has(l.link_urn)), las: [], areas: [], overrides: [],
  } : all;
  const now = Math.floor(Date.now() / 1000);
  const trustId = new Map(f.trusts.map((t) => [t.name, t.id]));
  const out = [];
  for (const l of f.las) out.push(`INSERT INTO local_authorities (code, name, region) VALUES (${q(l.code)}, ${q(l.name)}, ${q(l.region)}) ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region`);
  for (const t of f.trusts) out.push(`INSERT INTO trusts (id, code, name) VALUES (${t.id}, NULL, ${q(t.name)})`);
  for (const s of f.schools) {
    const digest = createHash('sha256').update(JSON.stringify(s)).digest('hex');
    out.push('INSERT INTO schools (urn, name, la_code, establishment_number, type, type_group, phase, status, open_date, ' +
      'open_reason, close_date, close_reason, low_age, high_age, trust_id, street, locality, address3, town, county, postcode, ' +
      'website, telephone, region, ukprn, pupils, gias_changed_on, digest, imported_at) VALUES (' +
      [s.urn, s.name, s.la_code, s.establishment_number, s.type, s.type_group, s.phase, s.status, s.open_date, s.open_reason,
        s.close_date, s.close_reason, s.low_age, s.high_age, s.trust ? trustId.get(s.trust) : null, s.street, s.locality,
        s.address3, s.town, s.county, s.postcode, s.website, s.telephone, s.region, s.ukprn, s.pupils, s.gias_changed_on,
        digest, now].map(q).join(', ') + ')');
  }
  for (const l of f.links)
    out.push(`INSERT INTO school_links (urn, link_urn, link_name, link_type, linked_on) VALUES (${[l.urn, l.link_urn, l.link_name, l.link_type, l.linked_on].map(q).join(', ')})`);
  for (const a of f.areas)
    out.push(`INSERT INTO hub_areas (la_code, hub_id, demo, changed_at) SELECT ${q(a.la)}, id, 1, ${now} FROM hubs WHERE code = ${q(a.hub)} ` +
      'ON CONFLICT (la_code) DO UPDATE SET hub_id = excluded.hub_id, demo = excluded.demo');
  for (const o of f.overrides)
    out.push(`INSERT INTO school_hub_overrides (urn, hub_id, reason, changed_at) SELECT ${q(o.urn)}, id, ${q(o.reason)}, ${now} FROM hubs WHERE code = ${q(o.hub)}`);
  return 'BEGIN;\n' + out.join(';\n') + ';\nCOMMIT;\n';
}

/**
 * Puts the fixture's schools into srv's database (a server from
 * startServer, running or not) and indexes them for the search, once a
 * server: several tests of one file may ask. Without urns, every school,
 * its local authorities and hub areas in place of the shipped ones; with
 * urns (FEW_SCHOOLS), those schools only (fixtureSql).
 */
const seeded = new WeakMap();
export async function seedSchools(srv, { urns = null } = {}) {
  const which = urns ? [...urns].sort().join(',') : 'all';
  if (seeded.has(srv)) {
    if (seeded.get(srv) !== which) throw new Error(`seedSchools: this server has other schools already (${seeded.get(srv)})`);
    return;
  }
  seeded.set(srv, which);
  await dbQuery(srv, fixtureSql(urns));
  const r = await run(['reindex-schools', ...dbArgs(srv)]);
  if (r.code !== 0) throw new Error(`reindex-schools exited ${r.code}: ${r.stderr}`);
}

// ---- what a search must find, from the fixture ----

const LATIN = { æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ĳ: 'ij', ŀ: 'l', ſ: 's', ŋ: 'n', ħ: 'h', ŧ: 't', ĸ: 'k', ŉ: 'n' };

/** Text as the search's words (a model of src/registry/search_text.c, written apart from it). */
export function fold(s) {
  return (s || '').normalize('NFD').toLowerCase()
    .replace(/[\u0300-\u036f'`\u00b4\u02bc\u2018\u2019]/g, '')
    .replace(/[æœßøđðþłıĳŀſŋħŧĸŉ]/g, (c) => LATIN[c])
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The words school s is found by. */
export function termsOf(s) {
  const name = fold(s.name).split(' ');
  const words = [...name];
  if (name.includes('st') && !name.includes('saint')) words.push('saint');
  if (name.includes('saint') && !name.includes('st')) words.push('st');
  words.push(...fold(s.town).split(' '), ...fold(s.postcode).split(' '), fold(s.postcode).replace(/ /g, ''), s.urn);
  return words.filter(Boolean);
}

/** URNs of the fixture's schools a query finds (every word of it a prefix of one of the school's), sorted. */
export function expectSearch(query) {
  const words = fold(query).split(' ').filter(Boolean).slice(0, 8).map((w) => w.slice(0, 40));
  return fixture().schools.filter((s) => {
    const t = termsOf(s);
    return words.every((w) => t.some((x) => x.startsWith(w)));
  }).map((s) => s.urn).sort();
}

/** The URN a query names, as the school picker and form_school_urn read it: the last "(URN 123456)", or a URN alone (6 or 7 digits). */
export function urnOf(text) {
  const all = [...(text || '').matchAll(/\(URN ([1-9]\d{5,6})\)/g)];
  if (all.length) return { urn: all[all.length - 1][1], picked: true };
  const m = /^[ \t]*([1-9]\d{5,6})[ \t]*$/.exec(text || '');
  return m ? { urn: m[1], picked: false } : { urn: null, picked: false };
}

const STATUS_ORDER = { closed: 2, proposed_to_open: 1 };

/**
 * URNs a query finds in the order the search gives them: the URN or
 * postcode typed exactly, open schools before those proposed to open and
 * closed ones, names starting with the words typed, then by the name's
 * words and URN (byte order).
 */
export function expectOrder(query) {
  const { urn, picked } = urnOf(query);
  const words = fold(picked ? urn : query).split(' ').filter(Boolean).slice(0, 8).map((w) => w.slice(0, 40));
  const folded = words.join(' ');
  const compact = words.join('');
  const found = new Set(picked ? expectSearch(urn) : expectSearch(query));
  const key = (s) => [
    s.urn === urn || fold(s.postcode).replace(/ /g, '') === compact ? 0 : 1,
    STATUS_ORDER[s.status] ?? 0,
    fold(s.name).startsWith(folded) ? 0 : 1,
    fold(s.name),
    s.urn,
  ];
  const cmp = (a, b) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  };
  return fixture().schools.filter((s) => found.has(s.urn)).map((s) => [key(s), s.urn]).sort((a, b) => cmp(a[0], b[0])).map((x) => x[1]);
}

/** The code of the hub school urn is in (its exception, else its local authority's), or null; and whether it is a demo assignment. */
export function hubOf(urn) {
  const f = fixture();
  const o = f.overrides.find((x) => x.urn === urn);
  if (o) return { code: o.hub, demo: false };
  const s = school(urn);
  const a = f.areas.find((x) => x.la === s.la_code);
  return a ? { code: a.hub, demo: true } : { code: null, demo: false };
}

/** The fixture's schools in hub code's area. */
export const hubSchools = (code) => fixture().schools.filter((s) => hubOf(s.urn).code === code);

/** Queries the tests search for: words, prefixes, postcodes, URNs, accents, apostrophes, the picker's text. */
export const QUERIES = ['aldg sch', 'The Aldgate School', 'EC3A', 'ec3a5de', 'EC3A 5DE', 'st marys', "St Mary's", 'saint mary',
  'st mary’s cofe', 'farnb', 'GU14', 'gu14 6', 'fran', 'française', 'FRANCAISE', 'awel y mor', 'Thomas à Becket', '1164',
  '116485', 'blackfield', 'church of england junior', 'queen eleanor', 'Surrey Hills', 'winchester', 'st', 'a', 'prim sch',
  'Blackfield Primary School (URN 141474), Southampton', 'x y z', '99999999', 'oak meadow'];
