// HAPPI forms at the programme's size: a `demo-data --scale national`
// database (five years: about 25,000 forms, 150,000 versions; this year's
// only begun), on SQLite and PostgreSQL. Requests/s, p50 and p99 (wrk) of
// the HAPPI lists and a form against /healthz on the same binary in the
// same run, as ratios; and how long demo-data took. Measured: the national
// counts by NCP and hub (/happi/national) and the hub with the most
// activities' list (/hubs/{code}/happi), as the demo's national
// administrator, signed in as a person does (demoSignIn); /happi of the
// LLME who leads the most forms and of the MHLM link who supports the most
// (each with a session made in the database, as the role x route matrix
// makes them: the demo lets one person of each role sign in); and the
// largest reviewed form's page (/activities/{id}/happi). Every answer
// under load is checked: 200 and the page's own size (checkScript, a wrk
// script), and each page once for what it must show, so a redirect, an
// error or a short page is never taken for a fast one.
//   bench/happi [BIN [POSTGRESQL_ADMIN_URL]]   (without a URL, a
//   throw-away cluster: scripts/pg-cluster); BENCH_DURATION (10s) a URL;
//   BENCH_JSON: the figures also go there as JSON (make bench folds them in).
// The run itself is bench/lib/pages.mjs's, as bench/activities's is.
import { dbQuery } from '../tests/lib/db.mjs';
import { sessionFor } from '../tests/lib/areas-fixtures.mjs';
import { demoSignIn, demoSignIns } from '../tests/lib/demo.mjs';
import { benchPages, html } from './lib/pages.mjs';

/** How many links to an activity's HAPPI form the body has. */
const formLinks = (body) => (body.match(/href="\/activities\/\d+\/happi\?year=\d+"/g) || []).length;

/**
 * The pages measured, for the demo's national administrator ('admin'),
 * the LLME who leads the most of this year's forms ('llme') and the MHLM
 * link who supports the most ('link'). A page added here is measured on
 * both backends, with its ratio to /healthz; shows(body) says what is
 * wrong with its page, or null.
 */
function pages(ctx) {
  return [
    { id: 'happi-national', target: '/happi/national', who: 'admin',
      note: `${ctx.forms} forms this year, ${ctx.ncps} NCPs and ${ctx.hubs} hubs counted`,
      shows: (b) => (!b.includes('HAPPI forms by NCP') || !b.includes('HAPPI forms by the hub that leads the activity') ? 'no counts'
        : (b.match(/<th scope="row"/g) || []).length < ctx.ncps + ctx.hubs ? 'a row missing' : null) },
    { id: 'hub-happi', target: `/hubs/${ctx.hub}/happi`, who: 'admin',
      note: `${ctx.hubActivities} activities of ${ctx.hub} this year`,
      shows: (b) => (!b.includes(`${ctx.hubActivities} activities:`) ? 'no count of the hub\'s activities'
        : formLinks(b) !== ctx.hubActivities ? `${formLinks(b)} forms listed, not ${ctx.hubActivities}` : null) },
    { id: 'llme-happi', target: '/happi', who: 'llme',
      note: `the LLME who leads the most: ${ctx.led} activities this year`,
      shows: (b) => (!b.includes('Activities you lead') ? 'not their list'
        : formLinks(b) !== ctx.led ? `${formLinks(b)} forms listed, not ${ctx.led}` : null) },
    { id: 'link-happi', target: '/happi', who: 'link',
      note: `the MHLM link who supports the most: ${ctx.linked} forms, ${ctx.waiting} waiting`,
      shows: (b) => (!b.includes(`As MHLM link: ${ctx.waiting} waiting for your review`) ? 'not the link\'s queue'
        : formLinks(b) !== ctx.linked ? `${formLinks(b)} forms listed, not ${ctx.linked}` : null) },
    { id: 'activity-happi', target: `/activities/${ctx.form.id}/happi?year=${ctx.form.year}`, who: 'admin',
      note: `a reviewed form of ${ctx.form.outcomes} outcomes, ${ctx.form.versions} versions, ${ctx.form.bytes} bytes of content`,
      shows: (b) => (ctx.form.texts.find((t) => !b.includes(html(t))) ? 'an outcome\'s text missing' : null) },
  ];
}

/** What the pages need: this year's counts, and the people and form measured. */
async function context(srv) {
  const y = Number(await dbQuery(srv, 'SELECT academic_year FROM demo_data'));
  const inYear = `a.first_year <= ${y} AND a.last_year >= ${y} AND a.status <> 'cancelled'`;
  const one = async (sql) => (await dbQuery(srv, sql)).split('|');
  const forms = Number(await dbQuery(srv, `SELECT count(*) FROM happi_forms WHERE year = ${y}`));
  const ncps = Number(await dbQuery(srv, `SELECT count(DISTINCT COALESCE(a.project_id, 0)) FROM activities a WHERE ${inYear}`));
  const hubs = Number(await dbQuery(srv, `SELECT count(DISTINCT a.lead_hub_id) FROM activities a WHERE ${inYear}`));
  const [hub, hubActivities] = await one(`SELECT h.code, count(*) FROM activities a JOIN hubs h ON h.id = a.lead_hub_id
WHERE ${inYear} GROUP BY h.code ORDER BY 2 DESC, 1 LIMIT 1`);
  const [llme] = await one(`SELECT l.person_id FROM activity_leads l JOIN activities a ON a.id = l.activity_id
JOIN happi_forms f ON f.activity_id = a.id AND f.year = ${y} WHERE ${inYear} GROUP BY l.person_id ORDER BY count(*) DESC, 1 LIMIT 1`);
  const led = Number(await dbQuery(srv, `SELECT count(*) FROM activity_leads l JOIN activities a ON a.id = l.activity_id
WHERE l.person_id = ${llme} AND ${inYear}`));
  const [link] = await one(`SELECT a.mhlm_link_id FROM activities a JOIN happi_forms f ON f.activity_id = a.id AND f.year = ${y}
WHERE ${inYear} GROUP BY a.mhlm_link_id ORDER BY count(*) DESC, 1 LIMIT 1`);
  const [linked, waiting] = (await one(`SELECT count(*), count(f.status) FROM activities a LEFT JOIN happi_forms f
ON f.activity_id = a.id AND f.year = ${y} AND f.status IN ('planning_submitted', 'final_submitted') WHERE a.mhlm_link_id = ${link} AND ${inYear}`)).map(Number);
  const [formId, formYear, content, versions] = await one(`SELECT f.activity_id, f.year, f.content, f.version FROM happi_forms f
WHERE f.status = 'reviewed' ORDER BY length(f.content) DESC, f.activity_id LIMIT 1`);
  const saved = JSON.parse(content);
  const form = { id: Number(formId), year: Number(formYear), versions: Number(versions), bytes: content.length,
    outcomes: saved.outcomes.length, texts: saved.outcomes.flatMap((o) => [o.local, o.evidence]) };
  const ctx = { forms, ncps, hubs, hub, hubActivities: Number(hubActivities), led, linked, waiting, form, llme, link };
  return ctx;
}

/** The demo's national administrator signed in as a person does; the LLME and the link with sessions made in the database. */
async function sessions(server, srv, out, ctx) {
  const at = { ...srv, base: server.base };
  const admin = demoSignIns(out).find((s) => s.role === 'National administrator');
  return {
    admin: { Cookie: (await demoSignIn(server, admin)).jar.header() },
    llme: { Cookie: (await sessionFor(at, ctx.llme)).cookie },
    link: { Cookie: (await sessionFor(at, ctx.link)).cookie },
  };
}

benchPages({ name: 'happi', title: 'HAPPI forms', context, sessions, pages,
  made: (c) => `${c['HAPPI forms']} forms, ${c['HAPPI versions']} versions` });
