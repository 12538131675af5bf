// Adding people from a CSV file (/admin/people/upload), over HTTP on both
// backends: the template; every row's problems listed with its line and
// column, and nothing kept; the problems of a whole file (none chosen,
// empty, a workbook, UTF-16, columns missing, a quote not closed, too many
// rows); files as people have them (Windows-1252, a byte-order mark, CR LF,
// headings in any case, ragged rows); the check page and the confirmation,
// all or nothing (a fault in the middle adds no one); duplicates reported and
// added once; someone already there given the role; the scope of a hub's
// leadership; CSRF; a second confirmation adds no one; the checked file bound
// to the uploader's session, expiring, and confirmed by another process on
// the same database.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  FEW_SCHOOLS, BACKEND, dbQuery, errorSummary, multipart, plain, request, roleSession, seedSchools, sessionFor, startServer, stopClean,
  tableRows, useServer,
} from './lib.mjs';

const srv = useServer();
const sql = (query) => dbQuery(srv, query);
const HEAD = 'Name,Email,School URN,Job title,Role,Hub code\n';
const banner = (html) => plain((/govuk-notification-banner__heading">([^<]*)</.exec(html) || [])[1] || '');
const count = async (query) => Number(await sql(query));
const people = (emails) => count(`SELECT count(*) FROM people WHERE email IN (${emails.map((e) => `'${e}'`).join(', ')})`);

let admin, lead;

describe('the start page and the template', () => {
  test('the template is the header row, for Excel (UTF-8 with a byte-order mark)', async () => {
    await srv.started;
    await seedSchools(srv, { urns: FEW_SCHOOLS });
    admin = await roleSession(srv, 'upload-admin@ncetm.example', 'national_admin');
    lead = await roleSession(srv, 'upload-lead@glow.example', 'mhl', 'SW4');
    const r = await admin.get('/admin/people/upload/template.csv');
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/csv/);
    assert.equal(r.headers['content-disposition'], 'attachment; filename="people-template.csv"');
    assert.equal(r.body, '\ufeff"Name","Email","School URN","Job title","Role","Hub code"\r\n');
  });

  test('the page says which roles each person may give, and the hub a hub\'s leadership may leave out', async () => {
    let text = plain((await admin.get('/admin/people/upload')).body);
    assert.match(text, /One of the roles you can give: National administrator, National analyst, Maths Hub Lead, Assistant Maths Hub Lead, Hub manager, Local leader of mathematics education \(LLME\), Participant or Headteacher\./);
    text = plain((await lead.get('/admin/people/upload')).body);
    assert.match(text, /One of the roles you can give: Assistant Maths Hub Lead, Hub manager, Local leader of mathematics education \(LLME\) or Participant\./);
    assert.match(text, /Leave it empty for your hub, GLOW \(SW4\)\./);
    const list = await admin.get('/admin/people');
    assert.match(list.body, /<a class="govuk-link" href="\/admin\/people\/upload">add people from a spreadsheet<\/a>/);
  });
});

describe('checking a file', () => {
  test('every row\'s problems are listed with their line and column, and nothing is kept', async () => {
    const csv = HEAD +
      'Good Person,good@school.example,100000,Teacher,LLME,SW4\n' +
      ',noname@school.example,,,LLME,SW4\n' +
      'No Email,,,,Participant,\n' +
      'Bad Email,not-an-email,,,Participant,\n' +
      'Bad Urn,urn@school.example,12AB,,Participant,\n' +
      'Unknown Urn,unknown@school.example,999999,,Participant,\n' +
      'No Role,norole@school.example,,,,\n' +
      'Bad Role,badrole@school.example,,,Boss,\n' +
      'Project,project@school.example,,,Project Lead,\n' +
      'No Hub,nohub@school.example,,,LLME,\n' +
      'Bad Hub,badhub@school.example,,,LLME,XX9\n' +
      'Analyst,analyst@school.example,,,National analyst,SW4\n' +
      'Head,head@school.example,,,Headteacher,\n' +
      '"Smith, Jo",jo@school.example,,,Participant,,extra\n' +
      'Ada,dup@school.example,,,Participant,\n' +
      'Adah,dup@school.example,,,Participant,\n' +
      '"Two\nLines",two@school.example,,,Participant,\n';
    const r = await admin.upload('/admin/people/upload', { filename: 'people.csv', content: csv });
    assert.equal(r.status, 400, r.body.slice(0, 300));
    const want = [
      'Line 3, Name: Enter their full name',
      'Line 4, Email: Enter their email address',
      'Line 5, Email: Enter an email address in the correct format, like name@school.org.uk',
      "Line 6, School URN: School URN must be the school's 6 or 7 digit number in Get Information about Schools, like 100000",
      'Line 7, School URN: No school has the URN 999999 in Get Information about Schools',
      'Line 8, Role: Enter their role, for example LLME or Participant',
      'Line 9, Role: Boss is not a role: use one of those the page lists, for example LLME',
      "Line 10, Role: Give project roles on the person's page: a file of people has no project column",
      'Line 11, Hub code: Enter the hub code for a Local leader of mathematics education (LLME), like SW4',
      'Line 12, Hub code: No Maths Hub has the code XX9',
      'Line 13, Hub code: Leave the hub code empty: a National analyst is not given in a hub',
      'Line 14, School URN: Enter the school URN of a headteacher',
      'Line 15: This row has more values than the first row has columns: put any value with a comma in it in double quotes',
      'Line 17, Email: Line 16 has this email address with another name, school URN or job title: give one person the same details on every line',
      'Line 18, Name: Name must be on one line: remove the line break in its cell',
    ];
    assert.deepEqual(errorSummary(r.body), want.map((m) => ['#file', m]));
    assert.match(r.body, /<p class="govuk-error-message" id="file-error"><span class="govuk-visually-hidden">Error:<\/span> people\.csv has 15 problems: fix them and upload the file again<\/p>/);
    assert.equal(await people(['good@school.example', 'dup@school.example']), 0);
    assert.equal(await count('SELECT count(*) FROM people_uploads'), 0, 'nothing kept');
  });

  test('a file that cannot be read is refused with what to do', async () => {
    const cases = [
      [null, 'Select a CSV file of people'],
      [{ filename: '', content: '' }, 'Select a CSV file of people'],
      [{ filename: 'empty.csv', content: '' }, 'The selected file is empty'],
      [{ filename: 'people.xlsx', content: Buffer.from('504b0304140006000800000021', 'hex'), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        'The selected file must be a CSV file: in Excel, choose Save As and then CSV UTF-8 (comma delimited)'],
      [{ filename: 'unicode.txt', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEAD, 'utf16le')]) },
        'The selected file is saved as Unicode text: save it as CSV UTF-8 (comma delimited) and upload it again'],
      [{ filename: 'cols.csv', content: 'Person,Address\nAda,ada@x.example\n' },
        'The first row of the selected file must name the columns, as the template does: Name, Email and Role are missing'],
      [{ filename: 'twice.csv', content: 'Name,Email,Role,E-mail\n' }, 'The first row of the selected file has two Email columns: remove one'],
      [{ filename: 'header.csv', content: HEAD }, 'The selected file has no people in it: add a row for each person below the first row'],
      [{ filename: 'quote.csv', content: `${HEAD}Ada,ada@x.example,,,LLME,SW4\n"Bob,bob@x.example,,,LLME,SW4\n` },
        'Line 3 of the selected file has a value in quotes that is not closed: check the quotes on that line'],
      [{ filename: 'big.csv', content: HEAD + Array.from({ length: 1001 }, (_, i) => `P ${i},p${i}@x.example,,,LLME,SW4\n`).join('') },
        'The selected file must have at most 1,000 people: split it into smaller files'],
    ];
    for (const [file, message] of cases) {
      const r = await admin.upload('/admin/people/upload', file);
      assert.equal(r.status, 400, message);
      assert.deepEqual(errorSummary(r.body), [['#file', message]], file && file.filename);
    }
    // a form posted without a file input at all
    const r = await admin.post('/admin/people/upload', {});
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#file', 'Select a CSV file of people']]);
    assert.equal(await count('SELECT count(*) FROM people_uploads'), 0);
  });
});

/** Uploads content as who, expects the check page's address; resolves to it. */
async function uploaded(who, filename, content) {
  const r = await who.upload('/admin/people/upload', { filename, content });
  assert.equal(r.status, 303, `${filename}: ${r.status} ${JSON.stringify(errorSummary(r.body))}`);
  assert.match(r.headers.location, /^\/admin\/people\/upload\/[A-Za-z0-9_-]{43}$/);
  return r.headers.location;
}

describe('checking, then adding', () => {
  test('the check page says what will happen to each row; adding does it, through the one add of a person', async () => {
    const now = Math.floor(Date.now() / 1000);
    await sql([
      `INSERT INTO people (email, name, created_at) VALUES ('existing@school.example', 'Existing Person', ${now}), ('hasrole@school.example', 'Has Role', ${now})`,
      `INSERT INTO role_grants (person_id, role, granted_at) SELECT id, 'participant', ${now} FROM people WHERE email = 'existing@school.example'`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'llme', h.id, ${now} FROM people p, hubs h WHERE p.email = 'hasrole@school.example' AND h.code = 'SW4'`,
    ].join(';\n') + ';');
    const csv = HEAD +
      'Cara Jones,cara@school.example,100003,Teacher of maths,LLME,SW4\n' +
      'Dev Patel,dev@school.example,,,Participant,\n' +
      'Someone Else,existing@school.example,,,LLME,SW4\n' +
      'Has Role,hasrole@school.example,,,LLME,SW4\n' +
      'Cara Jones,cara@school.example,100003,Teacher of maths,LLME,SW4\n' +
      'cara jones,CARA@school.example,100003,Teacher of maths,Headteacher,\n';
    const at = await uploaded(admin, 'team.csv', csv);
    let r = await admin.get(at);
    assert.equal(r.status, 200);
    const text = plain(r.body);
    assert.match(text, /2 new people will be added and emailed an invitation to sign up/);
    assert.match(text, /1 row is for someone already on Maths Hubs, who will be given that role: their name, school and job title stay as they are/);
    assert.match(text, /1 row is for someone who has that role already: nothing will change for them/);
    assert.match(text, /1 row repeats an earlier row for the same person and role: each is added once/);
    assert.deepEqual(tableRows(r.body, 'People in team.csv'), [
      ['2', 'Cara Jones cara@school.example Teacher of maths, City of London School (URN 100003)', 'LLME, SW4', 'New: invited to sign up'],
      ['3', 'Dev Patel dev@school.example', 'Participant', 'New: invited to sign up'],
      ['4', 'Someone Else existing@school.example', 'LLME, SW4', 'Already on Maths Hubs: given this role'],
      ['5', 'Has Role hasrole@school.example', 'LLME, SW4', 'Already has this role: nothing to do'],
      ['6', 'Cara Jones cara@school.example Teacher of maths, City of London School (URN 100003)', 'LLME, SW4', 'Same person and role as line 2: added once'],
      ['7', 'cara jones cara@school.example Teacher of maths, City of London School (URN 100003)', 'Headteacher, 100003', 'Same person as line 2: also given this role'],
    ]);
    assert.match(r.body, />Add 2 people and give 1 role</);
    const outbox = await count('SELECT count(*) FROM outbox');
    r = await admin.post(at, {});
    assert.equal(r.status, 303, r.body.slice(0, 300));
    assert.equal(r.headers.location, '/admin/people');
    r = await admin.get('/admin/people');
    assert.equal(banner(r.body), '2 people added from team.csv and emailed an invitation to sign up. 1 role given to someone already on Maths Hubs.');
    assert.equal(await sql("SELECT name || '|' || COALESCE(school_urn, '') || '|' || job_title FROM people WHERE email = 'cara@school.example'"),
      'Cara Jones|100003|Teacher of maths');
    const roles = async (email) => (await sql(`SELECT g.role || ' ' || COALESCE(h.code, '-') || ' ' || COALESCE(g.school_urn, '-') FROM role_grants g JOIN people p ON p.id = g.person_id LEFT JOIN hubs h ON h.id = g.hub_id WHERE p.email = '${email}' ORDER BY g.role`)).split('\n');
    assert.deepEqual(await roles('cara@school.example'), ['headteacher - 100003', 'llme SW4 -']);
    assert.deepEqual(await roles('dev@school.example'), ['participant - -']);
    assert.deepEqual(await roles('existing@school.example'), ['llme SW4 -', 'participant - -']);
    assert.deepEqual(await roles('hasrole@school.example'), ['llme SW4 -']);
    assert.equal(await sql("SELECT name FROM people WHERE email = 'existing@school.example'"), 'Existing Person', 'their name is not changed');
    // invitations as the add-person form sends them: to the new people only
    assert.equal(await count('SELECT count(*) FROM outbox') - outbox, 2);
    assert.match(await sql("SELECT body_text FROM outbox WHERE to_addr = 'cara@school.example'"),
      /^Hello Cara Jones,\n\nPerson upload-admin@ncetm\.example has added you to Maths Hubs as Local leader of mathematics education \(LLME\)\.\n\nTo use the service, sign up with this email address at http:\/\/127\.0\.0\.1:\d+\/sign-up/);
    assert.equal(await sql("SELECT detail FROM audit_log WHERE action = 'people_uploaded' ORDER BY id DESC LIMIT 1"),
      '6 rows: 2 people added, 1 roles given to people already on Maths Hubs, 1 had them already');
    assert.equal(await count("SELECT count(*) FROM audit_log WHERE action = 'role_granted' AND detail LIKE '%added from the file team.csv'"), 4);
    // a second confirmation (a refresh, a second tab) adds no one
    r = await admin.post(at, {});
    assert.equal(r.status, 303);
    assert.equal(banner((await admin.get('/admin/people')).body), 'The people in team.csv had been added already.');
    assert.equal(await people(['cara@school.example', 'dev@school.example']), 2);
    assert.equal(await count("SELECT count(*) FROM role_grants g JOIN people p ON p.id = g.person_id WHERE p.email = 'cara@school.example'"), 2);
    assert.equal(await count('SELECT count(*) FROM outbox') - outbox, 2, 'no second invitation');
    r = await admin.get(at);
    assert.equal(r.status, 410);
  });

  test('a closed school is said on the check page, not refused (they may have moved since)', async () => {
    const at = await uploaded(admin, 'closed.csv', HEAD + 'Ola Old,ola@school.example,115856,Teacher,Participant,\n');
    const rows = tableRows((await admin.get(at)).body, 'People in closed.csv');
    assert.deepEqual(rows.map((r) => r[1]), ['Ola Old ola@school.example Teacher, Awbridge Primary School (URN 115856) School closed']);
  });

  test('files as people save them: Windows-1252, a byte-order mark and CR LF, headings in any case, ragged rows', async () => {
    const cp1252 = Buffer.concat([
      Buffer.from('Name,Email,Role,Job title\r\n'),
      Buffer.from([...Buffer.from('Ren'), 0xe9, ...Buffer.from('e O'), 0x92, ...Buffer.from('Neill,renee@school.example,Participant,Head of maths '), 0x96, ...Buffer.from(' KS3\r\n')]),
    ]);
    let at = await uploaded(admin, 'excel.csv', cp1252);
    assert.equal((await admin.post(at, {})).status, 303);
    assert.equal(await sql("SELECT name || '|' || job_title FROM people WHERE email = 'renee@school.example'"), 'Renée O’Neill|Head of maths – KS3');
    // quoted cells keep their spaces in CSV: they are trimmed as the web form trims them
    const bom = '\ufeff  NAME ,e-mail address,ROLE,hub\r\n"Zoë Ångström"," ZOE@School.Example ",national analyst\r\nRagged Rita,rita@school.example,Participant\r\n\r\n,,,\r\n';
    at = await uploaded(admin, 'sheets.csv', bom);
    assert.deepEqual(tableRows((await admin.get(at)).body, 'People in sheets.csv').map((row) => row.slice(0, 3)), [
      ['2', 'Zoë Ångström zoe@school.example', 'National analyst'],
      ['3', 'Ragged Rita rita@school.example', 'Participant'],
    ]);
    assert.equal((await admin.post(at, {})).status, 303);
    assert.equal(await people(['zoe@school.example', 'rita@school.example']), 2);
    // Excel's "CSV" where the decimal point is a comma: semicolons between the values
    at = await uploaded(admin, 'semicolons.csv', '\ufeffName;Email;Role;Job title\r\n"Dupont; Anne";anne@school.example;Participant;Head of maths, KS3\r\n');
    assert.equal((await admin.post(at, {})).status, 303);
    assert.equal(await sql("SELECT name || '|' || job_title FROM people WHERE email = 'anne@school.example'"), 'Dupont; Anne|Head of maths, KS3');
  });

  test('all or nothing: a fault while adding the third person adds no one, and the file can be added afterwards', async () => {
    const csv = `${HEAD}First Fault,first@fault.example,,,Participant,\nSecond Fault,second@fault.example,,,Participant,\nBoom Fault,boom@fault.example,,,Participant,\n`;
    const at = await uploaded(admin, 'fault.csv', csv);
    const trigger = BACKEND === 'postgres'
      ? ["CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.email = 'boom@fault.example' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
        'CREATE TRIGGER boom BEFORE INSERT ON people FOR EACH ROW EXECUTE FUNCTION boom()']
      : ["CREATE TRIGGER boom BEFORE INSERT ON people WHEN NEW.email = 'boom@fault.example' BEGIN SELECT RAISE(ABORT, 'boom'); END"];
    await sql(trigger.join(';\n') + ';');
    const outbox = await count('SELECT count(*) FROM outbox');
    let r = await admin.post(at, {});
    assert.equal(r.status, 500);
    assert.equal(await people(['first@fault.example', 'second@fault.example', 'boom@fault.example']), 0, 'no one added');
    assert.equal(await count('SELECT count(*) FROM outbox'), outbox, 'no one emailed');
    await sql(BACKEND === 'postgres' ? 'DROP TRIGGER boom ON people; DROP FUNCTION boom();' : 'DROP TRIGGER boom;');
    r = await admin.post(at, {});
    assert.equal(r.status, 303);
    assert.equal(await people(['first@fault.example', 'second@fault.example', 'boom@fault.example']), 3);
  });

  test('a file that the register no longer allows is shown again with its problems, and adds no one', async () => {
    const csv = `${HEAD}Late Comer,late@school.example,,,LLME,\nOn Time,ontime@school.example,,,LLME,\n`;
    const at = await uploaded(lead, 'late.csv', csv);
    // meanwhile someone of another hub gets the address
    const now = Math.floor(Date.now() / 1000);
    await sql([
      `INSERT INTO people (email, name, created_at) VALUES ('late@school.example', 'Late Elsewhere', ${now})`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'llme', h.id, ${now} FROM people p, hubs h WHERE p.email = 'late@school.example' AND h.code = 'EE1'`,
    ].join(';\n') + ';');
    for (const r of [await lead.get(at), await lead.post(at, {})]) {
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.body), [['#line-2', 'Line 2, Email: You cannot add this email address. If this person already works with another hub, ask the national team to give them a role in your hub']]);
      assert.doesNotMatch(r.body, /class="govuk-button[" ]/, "no button to add them");
    }
    assert.equal(await people(['ontime@school.example']), 0);
  });
});

describe('whom a hub\'s leadership may add', () => {
  test('roles in their own hub only (their hub when the code is left out), and never someone of another hub', async () => {
    const now = Math.floor(Date.now() / 1000);
    await sql([
      `INSERT INTO people (email, name, created_at) VALUES ('elsewhere@school.example', 'Else Where', ${now})`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'llme', h.id, ${now} FROM people p, hubs h WHERE p.email = 'elsewhere@school.example' AND h.code = 'EE1'`,
    ].join(';\n') + ';');
    const refused = 'You can only give roles in your own hub: LLME, participant, AMHL or hub manager';
    const csv = `${HEAD}Own Hub,own@glow.example,,,LLME,\nOther Hub,other@glow.example,,,LLME,EE1\nNat Admin,nat@glow.example,,,National administrator,\nElse Where,elsewhere@school.example,,,Participant,\n`;
    const r = await lead.upload('/admin/people/upload', { filename: 'glow.csv', content: csv });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [
      ['#file', `Line 3, Hub code: ${refused}`],
      ['#file', `Line 4, Role: ${refused}`],
      ['#file', 'Line 5, Email: You cannot add this email address. If this person already works with another hub, ask the national team to give them a role in your hub'],
    ]);
    assert.equal(await people(['own@glow.example', 'other@glow.example', 'nat@glow.example']), 0);
    const at = await uploaded(lead, 'glow.csv', `${HEAD}Own Hub,own@glow.example,,,LLME,\nOwn Participant,part@glow.example,,,participant,sw4\n`);
    assert.equal((await lead.post(at, {})).status, 303);
    assert.equal(await sql("SELECT h.code || ' ' || g.role FROM role_grants g JOIN people p ON p.id = g.person_id JOIN hubs h ON h.id = g.hub_id WHERE p.email IN ('own@glow.example', 'part@glow.example') ORDER BY g.role"),
      'SW4 llme\nSW4 participant');
    // the people list of their hub shows them
    const list = plain((await lead.get('/admin/people')).body);
    assert.match(list, /Own Hub own@glow\.example Local leader of mathematics education \(LLME\) \(SW4\)/);
  });
});

describe('the checked file', () => {
  test('needs the form\'s token to be uploaded or added', async () => {
    const { body, contentType } = multipart({}, { file: { filename: 'csrf.csv', content: `${HEAD}No Token,notoken@school.example,,,Participant,\n` } });
    const r = await request(srv.base, '/admin/people/upload', { method: 'POST', body, headers: {
      Cookie: admin.cookie, Origin: srv.base, 'Content-Type': contentType, 'Content-Length': String(body.length) } });
    assert.equal(r.status, 403);
    assert.equal((await admin.upload('/admin/people/upload', { filename: 'csrf.csv', content: 'x' }, { csrf_token: 'wrong' })).status, 403);
    const at = await uploaded(admin, 'csrf.csv', `${HEAD}No Token,notoken@school.example,,,Participant,\n`);
    const empty = '';
    const c = await request(srv.base, at, { method: 'POST', body: empty, headers: { Cookie: admin.cookie, Origin: srv.base,
      'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '0' } });
    assert.equal(c.status, 403);
    assert.equal(await people(['notoken@school.example']), 0);
    assert.equal((await admin.post(at, {})).status, 303, 'with the token it is added');
    assert.equal(await people(['notoken@school.example']), 1);
  });

  test('is the uploader\'s, in the session they uploaded it in, for an hour', async () => {
    const at = await uploaded(admin, 'mine.csv', `${HEAD}Mine Only,mine@school.example,,,Participant,\n`);
    const other = await roleSession(srv, 'other-admin@ncetm.example', 'national_admin');
    assert.equal((await other.get(at)).status, 404);
    assert.equal((await other.post(at, {})).status, 404);
    assert.equal(await people(['mine@school.example']), 0);
    // the same person in another session (signed in again elsewhere)
    const again = await sessionFor(srv, admin.id);
    assert.equal((await again.get(at)).status, 404);
    assert.equal((await again.post(at, {})).status, 404);
    // an hour later it has gone
    await sql(`UPDATE people_uploads SET expires_at = ${Math.floor(Date.now() / 1000) - 1}`);
    const r = await admin.get(at);
    assert.equal(r.status, 404);
    assert.match(plain(r.body), /A file you upload waits an hour for you to add its people, and only in the session you uploaded it in\. Upload it again\./);
    assert.equal((await admin.post(at, {})).status, 404);
    assert.equal(await people(['mine@school.example']), 0);
  });

  test('waits in the database: another process on the same database adds it', async () => {
    const at = await uploaded(admin, 'shared.csv', `${HEAD}Two Process,two@school.example,,,Participant,\n`);
    const second = await startServer(BACKEND === 'postgres' ? { database: srv.pg } : { dir: srv.dir });
    try {
      const r = await request(second.base, at, { method: 'POST', body: `csrf_token=${admin.csrf}`, headers: { Cookie: admin.cookie,
        Origin: second.base, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(`csrf_token=${admin.csrf}`.length) } });
      assert.equal(r.status, 303, r.body.slice(0, 200));
    } finally {
      await stopClean(second, 'the second server');
    }
    assert.equal(await people(['two@school.example']), 1);
  });
});
