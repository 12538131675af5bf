// Events at national scale for make bench: five years of them in a
// database that seedNationalTeams (fixtures.mjs) filled, each hub's ten a
// year for everyone in the hub and each NCP's three national workshops a
// year for the LLMEs of one designation, answered by most of those they
// are for, with the registers of the days gone; and the confirm rush:
// every LLME (2,000), signed in, confirms the same workshop at once.

import { sessionsFor } from '../../tests/lib/areas-fixtures.mjs';
import { dbQuery } from '../../tests/lib/db.mjs';
import { thisYear } from './fixtures.mjs';

const DESIGNATIONS = ['pms', 'sms', 'fems', 'wgl', 'cohort_lead', 'community_lead', 'tfm_lead'];
const HUB_MONTHS = [9, 10, 11, 1, 2, 3, 4, 5, 6, 7];
const NCP_MONTHS = [10, 2, 6];

const day = (y, m, d) => `${m >= 9 ? y : y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const unix = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 1000);

/**
 * Puts five years of events into srv's database, made by admin (a person
 * id); resolves to {events, answers, marks}.
 */
export async function seedEvents(srv, admin) {
  const year = thisYear();
  const hubs = (await dbQuery(srv, 'SELECT id FROM hubs ORDER BY code')).split('\n');
  const projects = (await dbQuery(srv, 'SELECT id FROM projects ORDER BY code')).split('\n');
  const now = Math.floor(Date.now() / 1000);
  const today = new Date().toISOString().slice(0, 10);
  const rows = [];
  const event = (title, kind, hub, project, first) => {
    const created = unix(first) - 120 * 86400;
    rows.push(`('Bench: ${title}', 'An event of the bench''s five years.', '${kind}', 'face_to_face', 'A venue', ` +
      `'1 High Street\nTown', 120, ${kind === 'national_workshop' ? 1 : 0}, ${hub ?? 'NULL'}, ${project ?? 'NULL'}, ` +
      `'${first}', '${first}', ${unix(first) - 14 * 86400}, ${admin}, ${created}, ${created})`);
  };
  for (let y = year - 4; y <= year; y++) {
    for (const h of hubs) HUB_MONTHS.forEach((m, i) => event(`hub ${h} meeting ${y}-${i + 1}`, 'hub_event', h, null, day(y, m, 10 + (Number(h) % 10))));
    for (const p of projects) NCP_MONTHS.forEach((m, i) => event(`NCP ${p} workshop ${y}-${i + 1}`, 'national_workshop', null, p, day(y, m, 12 + (Number(p) % 10))));
  }
  const des = `CASE e.project_id % ${DESIGNATIONS.length} ${DESIGNATIONS.map((d, i) => `WHEN ${i} THEN '${d}'`).join(' ')} END`;
  const sql = ['BEGIN;'];
  for (let i = 0; i < rows.length; i += 500)
    sql.push(`INSERT INTO events (title, description, kind, format, venue, address, capacity, counts_funded_days, hub_id, project_id, first_day, last_day, confirm_by, created_by, created_at, updated_at) VALUES\n${rows.slice(i, i + 500).join(',\n')};`);
  sql.push(`INSERT INTO event_days (event_id, day, starts, ends) SELECT id, first_day, '10:00', '15:30' FROM events WHERE title LIKE 'Bench: %';
INSERT INTO event_projects (event_id, project_id) SELECT id, project_id FROM events WHERE title LIKE 'Bench: %' AND project_id IS NOT NULL;
INSERT INTO event_audience (event_id, kind, value) SELECT e.id, 'hub', h.code FROM events e JOIN hubs h ON h.id = e.hub_id WHERE e.title LIKE 'Bench: %';
INSERT INTO event_audience (event_id, kind, value) SELECT e.id, 'designation', ${des} FROM events e WHERE e.title LIKE 'Bench: %' AND e.project_id IS NOT NULL;
INSERT INTO event_answers (event_id, person_id, answer, answered_at)
SELECT e.id, g.person_id, CASE WHEN (e.id + g.person_id) % 10 < 8 THEN 'confirmed' ELSE 'apologies' END, e.created_at + 86400
FROM events e JOIN role_grants g ON g.hub_id = e.hub_id AND g.role = 'llme'
WHERE e.title LIKE 'Bench: %' AND (e.id * 7 + g.person_id) % 10 < 6;
INSERT INTO event_answers (event_id, person_id, answer, answered_at)
SELECT e.id, d.person_id, CASE WHEN (e.id + d.person_id) % 10 < 8 THEN 'confirmed' ELSE 'apologies' END, e.created_at + 86400
FROM events e JOIN event_audience a ON a.event_id = e.id AND a.kind = 'designation'
JOIN llme_designations d ON d.designation = a.value AND d.academic_year = ${year}
WHERE e.title LIKE 'Bench: %' AND (e.id * 7 + d.person_id) % 10 < 7;
INSERT INTO event_attendance (event_id, person_id, day, status, source, recorded_by, recorded_at)
SELECT a.event_id, a.person_id, e.first_day, CASE WHEN (a.event_id + a.person_id) % 10 < 9 THEN 'present' ELSE 'absent' END,
'register', ${admin}, ${now} FROM event_answers a JOIN events e ON e.id = a.event_id
WHERE e.title LIKE 'Bench: %' AND a.answer = 'confirmed' AND e.first_day < '${today}';
COMMIT;`);
  await dbQuery(srv, sql.join('\n'));
  const [events, answers, marks] = (await dbQuery(srv, `SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_answers),
(SELECT count(*) FROM event_attendance)`)).split('|').map(Number);
  return { events, answers, marks };
}

/** A face-to-face workshop for every LLME with places places, open for a month: resolves to its id. */
export async function rushEvent(srv, admin, places, n) {
  const first = new Date(Date.now() + 60 * 86400 * 1000).toISOString().slice(0, 10);
  const now = Math.floor(Date.now() / 1000);
  const title = `Bench: the confirm rush ${n}`;
  await dbQuery(srv, `INSERT INTO events (title, kind, format, venue, address, capacity, counts_funded_days, first_day, last_day, confirm_by, created_by, created_at, updated_at)
VALUES ('${title}', 'national_workshop', 'face_to_face', 'A venue', '1 High Street', ${places}, 1, '${first}', '${first}', ${now + 30 * 86400}, ${admin}, ${now}, ${now});
INSERT INTO event_days (event_id, day, starts, ends) SELECT id, first_day, '10:00', '15:30' FROM events WHERE title = '${title}';
INSERT INTO event_audience (event_id, kind, value) SELECT id, 'role', 'llme' FROM events WHERE title = '${title}';`);
  return Number(await dbQuery(srv, `SELECT id FROM events WHERE title = '${title}'`));
}

/** A signed-in session for every LLME: [{cookie, csrf}]. */
export async function llmeSessions(srv) {
  const ids = (await dbQuery(srv, "SELECT DISTINCT person_id FROM role_grants WHERE role = 'llme' ORDER BY person_id")).split('\n');
  return sessionsFor(srv, ids);
}

/**
 * The Lua script of a rush for wrk (-t threads): each session (index i
 * goes to thread i mod threads) once: POST /events/{id}/confirm with its
 * cookie and CSRF token, as a browser sends it (or, id null, GET /healthz:
 * the reference, through the same client). A connection that asks for
 * more once its thread's share is sent gets fill (an asset, answered from
 * memory), told apart by its type, as does wrk's check of the script.
 * Each thread times its share from its
 * first request to its last answer (clock_gettime through LuaJIT's ffi:
 * wrk itself runs for its whole -d); done() prints "rush: N answered, M as
 * wanted (303, or 200 for /healthz), S s" (S: the first request of all to
 * the last answer).
 */
export function confirmScript(base, sessions, id, threads, fill) {
  const list = sessions.map((s) => `{${JSON.stringify(s.cookie)},${JSON.stringify(s.csrf)}}`).join(',\n');
  const request = id === null ? 'wrk.format("GET", "/healthz", {Cookie = s[1]})'
    : `wrk.format("POST", "/events/${id}/confirm", {Cookie = s[1], Origin = ${JSON.stringify(base)},
      ["Sec-Fetch-Site"] = "same-origin", ["Content-Type"] = "application/x-www-form-urlencoded"}, "csrf_token=" .. s[2])`;
  return `-- written by bench/lib/events.mjs: a rush of one request a session
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end
local S = {
${list}
}
local n = 0
local threads_ = {}
function setup(thread)
  n = n + 1
  threads_[n] = thread
  thread:set("tid", n)
end
function init(args)
  i = tid
  share = 0
  for k = tid, #S, ${threads} do share = share + 1 end
  answered = 0
  wanted = 0
  first = nil
  last = nil
  -- wrk calls the first thread's request() once before it runs, to check
  -- the script: that call gets fill (ignored if it is sent after all)
  check = tid == 1
end
function request()
  if check then
    check = false
    return wrk.format("GET", ${JSON.stringify(fill)})
  end
  if not first then first = now() end
  if i <= #S then
    local s = S[i]
    i = i + ${threads}
    return ${request}
  end
  return wrk.format("GET", ${JSON.stringify(fill)})
end
function response(status, headers, body)
  local ct = ""
  for k, v in pairs(headers) do
    if string.lower(k) == "content-type" then ct = v end
  end
  if status == 200 and string.find(ct, "javascript", 1, true) then return end -- fill
  answered = answered + 1
  if status == ${id === null ? 200 : 303} then wanted = wanted + 1 end
  if answered == share then
    last = now()
    wrk.thread:stop()
  end
end
function done(summary, latency, requests)
  local a, w, t0, t1 = 0, 0, nil, nil
  for t = 1, n do
    a = a + (threads_[t]:get("answered") or 0)
    w = w + (threads_[t]:get("wanted") or 0)
    local f, l = threads_[t]:get("first"), threads_[t]:get("last")
    if f and (not t0 or f < t0) then t0 = f end
    if l and (not t1 or l > t1) then t1 = l end
  end
  io.write(string.format("rush: %d answered, %d as wanted, %.4f s\\n", a, w, (t0 and t1) and (t1 - t0) or -1))
end
`;
}
