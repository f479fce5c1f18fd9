import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInNetherlands } from '../../shared/calendar';
import { buildPublication } from '../../electron/core/publication/service';
import { MANIFEST, writeSiteToFolder } from '../../electron/core/publication/writer';
import { OPEN_DATA_FILES, openDataJsonSchema } from '../../shared/publication/open-data';
import { createTestCore, makeTempDir, type TestCore } from '../helpers/core';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';

let core: TestCore;
const AS_OF = '2026-01-01';
const HOSTILE = '<script>alert("x")</script> & \'quotes\' שלום';
let publicId: string;
let hiddenId: string;
let programmeId: string;

/** Unique markers, one in every field that must never leave the database. */
const MARKERS = {
  finding: 'PRIVMARK-finding',
  requestNotes: 'PRIVMARK-requestnotes',
  meetingNotes: 'PRIVMARK-meetingnotes',
  meetingOrganiser: 'PRIVMARK-organiser',
  member: 'PRIVMARK-member',
  positionNotes: 'PRIVMARK-positionnotes',
  commitmentOwner: 'PRIVMARK-owner',
  commitmentNotes: 'PRIVMARK-commitmentnotes',
  followupWho: 'PRIVMARK-who',
  personalEntry: 'PRIVMARK-personalentry',
  notPublicAdvice: 'PRIVMARK-notpublic',
  undecidedAdvice: 'PRIVMARK-undecided',
  conceptAdvice: 'PRIVMARK-concept',
  futureAdvice: 'PRIVMARK-future',
  notPublicItem: 'PRIVMARK-notpublicitem',
};

beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', { ...RESPONSE_COUNCIL, name: `Adviesraad ${HOSTILE}` });
  await core.value('members.create', { name: MARKERS.member, role: 'lid', termStart: '2024-01-01' });
  const programme = await core.value('programmes.create', { name: `Wijkgesprekken ${HOSTILE}`, description: 'Vier avonden in de wijken over hulp bij het wonen.' });
  programmeId = programme.id;
  const meeting = await core.value('meetings.create', {
    programmeId: programme.id,
    title: `Wijkavond ${HOSTILE}`,
    date: '2025-03-04',
    startTime: '19:30',
    endTime: '21:00',
    location: 'Buurthuis De Linde, Groningen',
    organiser: MARKERS.meetingOrganiser,
    notes: MARKERS.meetingNotes,
  });
  const finding = await core.value('findings.create', { text: MARKERS.finding, meetingId: meeting.id });
  const request = await core.value('adviceRequests.create', { receivedOn: '2025-02-01', subject: 'Beleidsplan hulpmiddelen', deadline: '2025-05-01', notes: MARKERS.requestNotes });

  let advice = await core.value('advices.create', { kind: 'gevraagd', betreft: `Hulpmiddelen ${HOSTILE}`, adviceDate: '2025-03-10', requestId: request.id });
  advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Verkort de wachttijd', findingIds: [finding.id] });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Meer cliëntondersteuning' });
  await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2025-03-10' });
  advice = await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: '2025-03-11' });
  publicId = advice.id;
  const [first, second] = advice.sections[0]!.items;
  await core.value('publication.set', { adviceId: advice.id, isPublic: true });
  await core.value('responses.record', { adviceId: advice.id, receivedOn: '2025-04-15', kenmerk: 'GEM-2025-77', summary: 'Het college neemt het advies grotendeels over.' });
  await core.value('responses.setPosition', { itemId: first!.id, position: 'overgenomen', collegeText: 'Wij verkorten de wachttijd.', assessment: 'tevreden', notes: MARKERS.positionNotes });
  await core.value('responses.setPosition', { itemId: second!.id, position: 'wordt_onderzocht', collegeText: '' });
  await core.value('commitments.create', {
    adviceId: advice.id,
    description: 'Wachttijd onder de acht weken',
    owner: MARKERS.commitmentOwner,
    dueOn: '2025-09-01',
    itemIds: [first!.id],
    notes: MARKERS.commitmentNotes,
  });
  await core.value('followup.add', { adviceId: advice.id, entryOn: '2025-05-01', who: MARKERS.followupWho, text: 'Besproken met de wethouder.' });
  await core.value('followup.add', { adviceId: advice.id, entryOn: '2025-05-02', text: MARKERS.personalEntry, containsPersonalData: true });

  const hidden = await sentAdvice(core, MARKERS.notPublicAdvice, '2025-04-01', [MARKERS.notPublicItem]);
  hiddenId = hidden.id;
  await core.value('publication.set', { adviceId: hidden.id, isPublic: false, wooGround: 'art5_1_2e' });
  await sentAdvice(core, MARKERS.undecidedAdvice, '2025-04-02', ['Iets']);
  const future = await sentAdvice(core, MARKERS.futureAdvice, '2025-04-03', ['Later']);
  await core.value('publication.set', { adviceId: future.id, isPublic: true, publishedOn: '2026-06-01' });
  await core.value('advices.create', { kind: 'ongevraagd', betreft: MARKERS.conceptAdvice, adviceDate: '2025-06-01' });
  // The archived PDF/A of the public letter and of the one that is not public (real LibreOffice).
  for (const id of [publicId, hiddenId]) {
    const job = await core.jobs.wait((await core.value('advices.archivePdf', { id })).id);
    expect(job.state, job.message).toBe('done');
  }
}, 240_000);
afterAll(async () => core.dispose());

/** A PDF's text as pdftotext reads it (its streams are compressed, so the bytes alone prove nothing). */
function pdfText(bytes: Uint8Array): string {
  const file = path.join(core.dir, 'site-check.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

const allText = (site: Map<string, Buffer>) =>
  [...site.entries()].map(([file, bytes]) => `${file}\n${bytes.toString('utf8')}${file.endsWith('.pdf') ? `\n${pdfText(bytes)}` : ''}`).join('\n');

describe('the public site', () => {
  it('holds nothing private: no marker from any private field in any byte or file name', async () => {
    const site = await buildPublication(core.db, AS_OF);
    const everything = allText(site);
    for (const [field, marker] of Object.entries(MARKERS)) expect(everything.includes(marker), field).toBe(false);
    expect(everything).not.toContain(hiddenId);
    // What is public is there.
    expect(site.has(`adviezen/${publicId}.html`)).toBe(true);
    const page = site.get(`adviezen/${publicId}.html`)!.toString('utf8');
    // The letter's archived PDF/A, copied as is and linked from its page; the hidden one's is not there.
    const archived = (await core.value('advices.get', { id: publicId })).versions[0]!.pdfSha256;
    expect(createHash('sha256').update(site.get(`adviezen/${publicId}.pdf`)!).digest('hex')).toBe(archived);
    expect(page).toContain(`href="${publicId}.pdf"`);
    expect(pdfText(site.get(`adviezen/${publicId}.pdf`)!)).toContain('Verkort de wachttijd');
    expect([...site.keys()].filter((file) => file.endsWith('.pdf'))).toEqual([`adviezen/${publicId}.pdf`]);
    expect(JSON.parse(site.get(`data/adviezen/${publicId}.json`)!.toString('utf8')).pdfUrl).toBe(`adviezen/${publicId}.pdf`);
    for (const expected of ['Verkort de wachttijd', 'overgenomen', 'wordt onderzocht', 'Wij verkorten de wachttijd.', 'Wachttijd onder de acht weken', '1 september 2025', 'Besproken met de wethouder.', 'Anna de Vries', 'GEM-2025-77', 'Beleidsplan hulpmiddelen'])
      expect(page).toContain(expected);
  });

  it('has a page per meeting series telling residents the chain: their input in the letter, the advice, the answer, the promise', async () => {
    const site = await buildPublication(core.db, AS_OF);
    expect(site.get('index.html')!.toString('utf8')).toContain(`href="programmas/${programmeId}.html"`);
    const page = site.get(`programmas/${programmeId}.html`)!.toString('utf8');
    // The meeting, with a count of the input written down but never its text (the marker test covers that).
    expect(page).toContain('4 maart 2025');
    expect(page).toContain('1 punt inbreng opgeschreven');
    // Chain, in order: the recommendation resting on the input, the college's answer, the promise and its status.
    const order = ['Verkort de wachttijd', 'Antwoord van het college: overgenomen.', 'Wij verkorten de wachttijd.', 'Het college beloofde:', 'Wachttijd onder de acht weken', '1 september 2025', 'stand van zaken: open'].map((part) => page.indexOf(part));
    for (const [index, at] of order.entries()) expect(at, String(index)).toBeGreaterThan(index === 0 ? -1 : order[index - 1]!);
    expect(page).toContain(`href="../adviezen/${publicId}.html"`);
    // Only what rests on this series' input: the other recommendation is not in the chain.
    expect(page).not.toContain('Meer cliëntondersteuning');
    expect(page).toContain('&lt;script&gt;');
  });

  it('is deterministic and escapes every text: markup, quotes and right-to-left text appear as text', async () => {
    const first = await buildPublication(core.db, AS_OF);
    const second = await buildPublication(core.db, AS_OF);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect(second.get(file)!.equals(bytes), file).toBe(true);
    // Markup in data stays text: never raw in a page or the feed (JSON and iCalendar carry it as data).
    for (const [file, bytes] of first) if (/\.(html|xml)$/.test(file)) expect(bytes.toString('utf8'), file).not.toContain('<script>');
    expect(first.get('index.html')!.toString('utf8')).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; שלום');
    // No external requests: no http(s) reference in any page but the Atom namespace.
    for (const [file, bytes] of first) if (file.endsWith('.html') || file.endsWith('.css')) expect(bytes.toString('utf8'), file).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const [file, bytes] of first) if (file.endsWith('.html')) expect(bytes.length, file).toBeLessThanOrEqual(100 * 1024);
  });

  it('has open data that fits its schema, the schema in docs/, an Atom feed and an iCalendar of meetings', async () => {
    const site = await buildPublication(core.db, AS_OF);
    for (const [file, schema] of Object.entries(OPEN_DATA_FILES)) schema.parse(JSON.parse(site.get(file)!.toString('utf8')));
    const documented = JSON.parse(readFileSync(path.join(__dirname, '../../docs/publication-open-data.schema.json'), 'utf8'));
    expect(documented).toEqual(openDataJsonSchema());
    const commitments = JSON.parse(site.get('data/toezeggingen.json')!.toString('utf8')).items;
    expect(commitments).toEqual([expect.objectContaining({ adviceId: publicId, status: 'open', dueOn: '2025-09-01', url: expect.stringMatching(/^adviezen\/.+\.html#toezegging-/) })]);
    const feed = site.get('feed.xml')!.toString('utf8');
    expect(feed).toContain(`urn:uuid:${publicId}`);
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    const ics = site.get('bijeenkomsten.ics')!.toString('utf8');
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20250304T193000');
    expect(ics).toContain('LOCATION:Buurthuis De Linde\\, Groningen');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    // The register: one page per status filter, each linking the others (works without JavaScript).
    expect(site.get('toezeggingen/index.html')!.toString('utf8')).toContain('href="nagekomen.html"');
    expect(site.get('toezeggingen/open.html')!.toString('utf8')).toContain('Wachttijd onder de acht weken');
    expect(site.get('toezeggingen/nagekomen.html')!.toString('utf8')).not.toContain('Wachttijd onder de acht weken');
  });
});

describe('writing the site to a folder', () => {
  it('writes, rewrites only what changed, removes what is no longer public, and refuses a folder that is not ours', async () => {
    const folder = path.join(makeTempDir('advieswerk-site-'), 'website');
    const site = await buildPublication(core.db, AS_OF);
    const first = writeSiteToFolder(folder, site);
    expect(first.written.length).toBe(site.size);
    expect(existsSync(path.join(folder, MANIFEST))).toBe(true);
    const stamp = statSync(path.join(folder, 'index.html')).mtimeMs;

    const again = writeSiteToFolder(folder, site);
    expect(again).toEqual({ written: [], removed: [], unchanged: site.size });
    expect(statSync(path.join(folder, 'index.html')).mtimeMs).toBe(stamp);

    // Someone's own file beside ours stays; an advice made not public disappears.
    writeFileSync(path.join(folder, 'eigen.txt'), 'van de webmaster');
    await core.value('publication.set', { adviceId: publicId, isPublic: false, reason: 'Tijdelijk teruggetrokken' });
    const later = writeSiteToFolder(folder, await buildPublication(core.db, AS_OF));
    expect(later.removed).toContain(`adviezen/${publicId}.html`);
    expect(existsSync(path.join(folder, 'adviezen', `${publicId}.html`))).toBe(false);
    expect(readFileSync(path.join(folder, 'eigen.txt'), 'utf8')).toBe('van de webmaster');
    await core.value('publication.set', { adviceId: publicId, isPublic: true });

    const foreign = makeTempDir('advieswerk-foreign-');
    mkdirSync(path.join(foreign, 'sub'));
    writeFileSync(path.join(foreign, 'index.html'), 'niet van ons');
    expect(() => writeSiteToFolder(foreign, site)).toThrow(/niet leeg/);
    expect(readdirSync(foreign).sort()).toEqual(['index.html', 'sub']);
    expect(readFileSync(path.join(foreign, 'index.html'), 'utf8')).toBe('niet van ons');
  });
});

describe('Instellingen → Publicatie: the site as a .zip job', () => {
  it('makes a .zip of exactly the site, downloaded with jobs.resultFile; a bad colour is refused', async () => {
    const file = await core.jobFile(await core.value('jobs.start', { kind: 'publicationZip', params: { colour: '#aa3300' } }));
    expect(file.fileName).toMatch(/^website .*\.zip$/);
    const entries = unzipSync(Buffer.from(file.bytesBase64, 'base64'));
    const site = await buildPublication(core.db, todayInNetherlands(), { colour: '#aa3300' });
    expect(Object.keys(entries).sort()).toEqual([...site.keys()]);
    for (const [name, bytes] of site) expect(Buffer.from(entries[name]!).equals(bytes), name).toBe(true);
    expect(Buffer.from(entries['style.css']!).toString('utf8')).toContain('#aa3300');
    const { futureAdvice: _published, ...stillPrivate } = MARKERS;
    const everything = Object.entries(entries)
      .map(([name, bytes]) => `${Buffer.from(bytes).toString('utf8')}${name.endsWith('.pdf') ? `\n${pdfText(bytes)}` : ''}`)
      .join('\n');
    for (const [field, marker] of Object.entries(stillPrivate)) expect(everything.includes(marker), field).toBe(false);
    expect((await core.failure('jobs.start', { kind: 'publicationZip', params: { colour: 'red' } })).code).toBe('VALIDATION');
    expect((await core.failure('jobs.start', { kind: 'publicationZip', params: { folder: '/tmp' } })).code).toBe('VALIDATION');
  }, 60_000);
});
