// The data of a national-size bench, put in a migrated database that the
// GIAS import has filled (50,000 schools): every hub's team at the size
// DOMAIN.md gives (a Maths Hub Lead, three Assistant Maths Hub Leads, a
// hub manager and 50 LLMEs in each of the 40 hubs: 2,000 LLMEs
// nationally, as the programme's target), each at a school of the
// register, with this year's and last year's designations, some
// accreditations and the hub's LLME Community leads; and signed-in
// sessions, made as the HTTP tests make them (tests/lib).
import { sessionFor } from '../../tests/lib/areas-fixtures.mjs';
import { dbQuery } from '../../tests/lib/db.mjs';

export const LLMES_PER_HUB = 50;

const FIRST = ['Amara', 'Ben', 'Chloe', 'Daniel', 'Eleanor', 'Farah', 'George', 'Hannah', 'Imran', 'Jessica', 'Kwame',
  'Laura', 'Mohammed', 'Niamh', 'Oliver', 'Priya', 'Rhys', 'Sophie', 'Tomasz', 'Uzma', 'Victoria', 'William', 'Yusuf',
  'Zoë', 'Aisling', 'Bethan', 'Callum', 'Deborah', 'Emeka', 'Fiona', 'Gareth', 'Harriet', 'Ifeoma', 'James', 'Katie',
  'Liam', 'Megan', "Nuala", 'Owen', 'Rachel'];
const LAST = ['Adeyemi', 'Brown', "O'Connor", 'Davies', 'Evans', 'Fletcher', 'Green', 'Hughes', 'Iqbal', 'Jones',
  'Khan', 'Lewis', 'Morgan', 'Nowak', 'Okafor', 'Patel', 'Quinn', 'Roberts', 'Smith', 'Thompson', 'Underwood',
  'Walker', 'Williams', 'Wright', 'Young', 'Ahmed', 'Baker', 'Clarke', 'Edwards', 'Fraser', 'Hall', 'Jackson',
  'Kaur', 'Lee', 'Murphy', 'Nelson', 'Singh', 'Taylor', 'Ward', 'Zielinski'];
const DESIGNATIONS = ['pms', 'sms', 'fems', 'wgl', 'cohort_lead', 'community_lead', 'tfm_lead'];
const JOBS = ['Maths lead', 'Head of mathematics', 'Deputy headteacher', 'Class teacher', 'Assistant head of maths'];

const q = (s) => (s === null ? 'NULL' : `'${String(s).replace(/'/g, "''")}'`);

/** The academic year the server counts as this one (its first calendar year: team_year_now). */
export function thisYear(now = new Date()) {
  return now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

/**
 * Puts every hub's team into srv's database (srv as tests/lib/db.mjs
 * takes it); resolves to {hubs, people, llmes}.
 */
export async function seedNationalTeams(srv) {
  const hubs = (await dbQuery(srv, 'SELECT code FROM hubs ORDER BY code')).split('\n');
  const urns = (await dbQuery(srv, `SELECT urn FROM schools WHERE status = 'open' ORDER BY urn LIMIT ${hubs.length * 60}`)).split('\n');
  const now = Math.floor(Date.now() / 1000);
  const year = thisYear();
  const people = []; // [email, name, job, urn, hub, role, phase]
  let n = 0;
  for (const hub of hubs) {
    const team = [['mhl', null], ['amhl', 'Primary'], ['amhl', 'Secondary'], ['amhl', 'Post-16'], ['hub_manager', null],
      ...Array.from({ length: LLMES_PER_HUB }, () => ['llme', null])];
    for (const [role, phase] of team) {
      const name = `${FIRST[(n * 7) % FIRST.length]} ${LAST[(n * 13 + Math.floor(n / 40)) % LAST.length]}`;
      people.push([`${role}${n}@${hub.toLowerCase()}.bench.example`, name, JOBS[n % JOBS.length], urns[n % urns.length], hub, role, phase]);
      n++;
    }
  }
  const values = (rows) => rows.join(',\n');
  const sql = ['BEGIN;'];
  for (let i = 0; i < people.length; i += 500) {
    const part = people.slice(i, i + 500);
    sql.push(`INSERT INTO people (email, name, job_title, school_urn, created_at) VALUES\n${values(part.map(([e, nm, job, urn]) =>
      `(${q(e)}, ${q(nm)}, ${q(job)}, ${q(urn)}, ${now})`))};`);
    sql.push(`INSERT INTO role_grants (person_id, role, hub_id, phase, granted_at)
SELECT p.id, v.column2, h.id, v.column4, ${now} FROM (VALUES\n${values(part.map(([e, , , , hub, role, phase]) =>
  `(${q(e)}, ${q(role)}, ${q(hub)}, ${q(phase)})`))}) AS v
JOIN people p ON p.email = v.column1 JOIN hubs h ON h.code = v.column3;`);
    // LLMEs: one or two designations this year and last, an accreditation for one in three
    const des = [];
    const acc = [];
    part.forEach(([e, , , , hub, role], k) => {
      if (role !== 'llme') return;
      const j = i + k;
      for (const y of [year, year - 1]) {
        des.push(`(${q(e)}, ${y}, ${q(DESIGNATIONS[j % DESIGNATIONS.length])}, ${q(hub)})`);
        if (j % 2) des.push(`(${q(e)}, ${y}, ${q(DESIGNATIONS[(j + 3) % DESIGNATIONS.length])}, ${q(hub)})`);
      }
      if (j % 3 === 0) acc.push(`(${q(e)}, ${q(j % 2 ? 'pd_lead' : 'sd_lead')}, ${q(j % 4 ? 'accredited' : 'working_towards')}, '${year - 1}-10-01')`);
    });
    if (des.length)
      sql.push(`INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_at)
SELECT p.id, v.column2, v.column3, h.id, ${now} FROM (VALUES\n${values(des)}) AS v
JOIN people p ON p.email = v.column1 JOIN hubs h ON h.code = v.column4;`);
    if (acc.length)
      sql.push(`INSERT INTO llme_accreditations (person_id, accreditation, state, since, changed_at)
SELECT p.id, v.column2, v.column3, v.column4, ${now} FROM (VALUES\n${values(acc)}) AS v JOIN people p ON p.email = v.column1;`);
  }
  // each hub's LLME Community: its MHL and two AMHLs
  sql.push(`INSERT INTO hub_community_leads (hub_id, academic_year, person_id)
SELECT g.hub_id, ${year}, g.person_id FROM role_grants g JOIN people p ON p.id = g.person_id
WHERE p.email LIKE '%.bench.example' AND (g.role = 'mhl' OR (g.role = 'amhl' AND g.phase IN ('Primary', 'Secondary')));`);
  sql.push('COMMIT;');
  await dbQuery(srv, sql.join('\n'));
  return { hubs, people: people.length, llmes: people.filter((p) => p[5] === 'llme').length };
}

/** A signed-in session of the person with that email: {cookie, csrf}. */
export async function sessionOf(srv, email) {
  const id = await dbQuery(srv, `SELECT id FROM people WHERE email = ${q(email)}`);
  if (!id) throw new Error(`no one has the address ${email}`);
  return sessionFor(srv, id);
}

/** A national administrator (for the write rush), signed in: {cookie, csrf}. */
export async function nationalAdmin(srv) {
  const now = Math.floor(Date.now() / 1000);
  const email = 'national-admin@bench.example';
  await dbQuery(srv, `INSERT INTO people (email, name, created_at) VALUES (${q(email)}, 'Bench Administrator', ${now});
INSERT INTO role_grants (person_id, role, granted_at) SELECT id, 'national_admin', ${now} FROM people WHERE email = ${q(email)};`);
  return sessionOf(srv, email);
}

/** The email address of hub's Maths Hub Lead (seedNationalTeams's). */
export const mhlOf = async (srv, hub) =>
  dbQuery(srv, `SELECT p.email FROM people p JOIN role_grants g ON g.person_id = p.id JOIN hubs h ON h.id = g.hub_id
WHERE g.role = 'mhl' AND h.code = ${q(hub)} AND p.email LIKE '%.bench.example'`);
