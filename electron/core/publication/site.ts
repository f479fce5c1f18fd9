import { createHash } from 'node:crypto';
import type { AdviceDetail } from '../../../shared/api/advices';
import { COMMITMENT_STATUSES, type CommitmentStatus } from '../../../shared/api/responses';
import { buildLetterModel } from '../../../shared/advices/letter';
import type { TextBlock } from '../../../shared/advices/text';
import { formatDateLong, t } from '../../../shared/i18n';
import { DEFAULT_SITE_COLOUR } from '../../../shared/publication/colour';
import { OPEN_DATA_FILES, openDataJsonSchema } from '../../../shared/publication/open-data';
import type { SiteAdvice, SiteData, SiteProgramme } from './site-data';

/**
 * The public website as a map of path → bytes, built in memory from `SiteData` alone: no clock, no
 * randomness, sorted everywhere, so the same data gives the same bytes. Every text from the
 * database goes through `escapeHtml`/`escapeXml`; nothing is fetched from elsewhere (no fonts, no outside
 * scripts, no images but the council's own logo).
 */
export interface SiteOptions {
  /** The site's main colour (#rrggbb); the council's house colour. */
  colour?: string | undefined;
}

const PAGE_SIZE = 100;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
const escapeXml = escapeHtml;

/** Text from the database as an HTML text run; `dir="auto"` keeps right-to-left names readable. */
function text(value: string): string {
  return `<bdi>${escapeHtml(value)}</bdi>`;
}

function blocksHtml(blocks: TextBlock[], note = ''): string {
  const noteHtml = note ? ` <em>${escapeHtml(note)}</em>` : '';
  const parts = blocks.map((block, index) => {
    const last = index === blocks.length - 1 ? noteHtml : '';
    return block.kind === 'paragraph'
      ? `<p>${text(block.text)}${last}</p>`
      : `<ul>${block.items.map((item, itemIndex) => `<li>${text(item)}${itemIndex === block.items.length - 1 ? last : ''}</li>`).join('')}</ul>`;
  });
  if (blocks.length === 0 && note) parts.push(`<p><em>${escapeHtml(note)}</em></p>`);
  return parts.join('\n');
}

interface Context {
  data: SiteData;
  logo: { path: string; bytes: Buffer } | null;
}

function layout(context: Context, depth: number, title: string, main: string, script = ''): string {
  const root = depth === 0 ? '' : '../'.repeat(depth);
  const council = context.data.council.name;
  const logo = context.logo ? `<img src="${root}${context.logo.path}" alt="" class="logo"> ` : '';
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ${escapeHtml(council)}</title>
<link rel="stylesheet" href="${root}style.css">
<link rel="alternate" type="application/atom+xml" href="${root}feed.xml" title="${escapeHtml(t('site.feed'))}">
${script ? `<script src="${script}" defer></script>\n` : ''}</head>
<body>
<a class="skip" href="#inhoud">${escapeHtml(t('site.skip'))}</a>
<header>
<p class="council">${logo}<a href="${root}index.html">${text(council)}</a></p>
<nav aria-label="${escapeHtml(t('site.nav'))}"><ul>
<li><a href="${root}index.html">${escapeHtml(t('site.home'))}</a></li>
<li><a href="${root}toezeggingen/index.html">${escapeHtml(t('site.register'))}</a></li>
<li><a href="${root}open-data.html">${escapeHtml(t('site.openData'))}</a></li>
</ul></nav>
</header>
<main id="inhoud" tabindex="-1">
${main}
</main>
<footer><p>${escapeHtml(t('site.footer'))}</p></footer>
</body>
</html>
`;
}

function css(colour: string): string {
  return `:root { --kleur: ${colour}; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 1.125rem; line-height: 1.5; color: #1a1a1a; background: #fff; overflow-wrap: anywhere; }
header, main, footer { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 0.375rem solid var(--kleur); padding-top: 1rem; }
.council { font-size: 1.5rem; font-weight: bold; margin: 0 0 0.5rem; display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; }
.council a { color: inherit; text-decoration: none; }
.logo { max-height: 4rem; max-width: 100%; height: auto; }
nav ul { list-style: none; padding: 0; margin: 0 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
a { color: var(--kleur); text-decoration-thickness: 0.0625rem; text-underline-offset: 0.2em; }
a:hover { text-decoration-thickness: 0.1875rem; }
a:focus-visible, main:focus-visible { outline: 0.1875rem solid #000; outline-offset: 0.125rem; background: #ffdd00; color: #000; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; display: inline-block; margin: 0.5rem 1rem; }
h1 { font-size: 2rem; line-height: 1.2; }
h2 { font-size: 1.5rem; margin-top: 2rem; }
h3 { font-size: 1.25rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 0.0625rem solid #767676; }
.table { overflow-x: auto; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.letter { border-left: 0.25rem solid var(--kleur); padding-left: 1rem; }
.filters a[aria-current="page"], .pager a[aria-current="page"] { font-weight: bold; color: #1a1a1a; }
.filters ul, .pager ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
footer { margin-top: 3rem; border-top: 0.0625rem solid #767676; font-size: 1rem; }
@media (max-width: 40rem) { dl.meta { grid-template-columns: 1fr; } th, td { display: block; } thead { display: none; } td { border: 0; padding: 0.125rem 0; } tr { display: block; border-bottom: 0.0625rem solid #767676; padding: 0.5rem 0; } }
`;
}

const adviceHref = (advice: { id: string }, depth: number) => `${depth === 0 ? 'adviezen/' : depth === 1 ? '' : '../'.repeat(depth - 1) + 'adviezen/'}${advice.id}.html`;
const yearOf = (advice: SiteAdvice) => advice.sentOn.slice(0, 4);
const positionLabel = (position: string | null) => (position ? t(`responses.position.${position}` as never) : t('site.positionNone'));
const statusLabel = (status: CommitmentStatus) => t(`responses.commitmentStatus.${status}` as never);

function adviceList(advices: SiteAdvice[], depth: number): string {
  if (advices.length === 0) return `<p>${escapeHtml(t('site.none'))}</p>`;
  return `<ul class="advices">\n${advices
    .map((advice) => `<li><a href="${adviceHref(advice, depth)}">${text(advice.kenmerk)}: ${text(advice.betreft)}</a> (${escapeHtml(formatDateLong(advice.sentOn))})</li>`)
    .join('\n')}\n</ul>`;
}

function homePage(context: Context, years: Map<string, SiteAdvice[]>): string {
  const { data } = context;
  const latest = [...data.advices].reverse().slice(0, 10);
  const yearLinks = [...years.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([year, advices]) => `<li><a href="adviezen/${year}.html">${escapeHtml(year)}</a> (${escapeHtml(t('site.yearCount', { count: advices.length }))})</li>`)
    .join('\n');
  const main = `<h1>${escapeHtml(t('site.home'))}</h1>
<p>${escapeHtml(t('site.intro', { council: data.council.name }))}</p>
<h2>${escapeHtml(t('site.latest'))}</h2>
${adviceList(latest, 0)}
<h2>${escapeHtml(t('site.years'))}</h2>
<ul>${yearLinks}</ul>
${
  data.programmes.length
    ? `<h2>${escapeHtml(t('site.programmes'))}</h2>
<p>${escapeHtml(t('site.programmesIntro'))}</p>
<ul>${data.programmes.map((programme) => `<li><a href="programmas/${escapeHtml(programme.id)}.html">${text(programme.name)}</a></li>`).join('\n')}</ul>`
    : ''
}
<h2>${escapeHtml(t('site.openData'))}</h2>
<ul>
<li><a href="open-data.html">${escapeHtml(t('site.openData'))}</a></li>
<li><a href="feed.xml">${escapeHtml(t('site.feed'))}</a></li>
<li><a href="bijeenkomsten.ics">${escapeHtml(t('site.calendar'))}</a></li>
</ul>`;
  return layout(context, 0, t('site.home'), main);
}

function yearPage(context: Context, year: string, advices: SiteAdvice[]): string {
  const title = t('site.yearTitle', { year });
  return layout(context, 1, title, `<h1>${escapeHtml(title)}</h1>\n${adviceList(advices, 1)}`);
}

function letterHtml(context: Context, letter: AdviceDetail, request: SiteAdvice['request']): string {
  const model = buildLetterModel(letter, { ...context.data.council }, request);
  const sections = model.sections
    .map(
      (section) =>
        `<h3>${text(section.heading)}</h3>\n${section.items
          .map((item) => `<div class="item" id="punt-${escapeHtml(item.id)}">${item.number ? `<p class="number"><strong>${escapeHtml(item.number)}</strong></p>` : ''}${blocksHtml(item.blocks, item.note)}</div>`)
          .join('\n')}`,
    )
    .join('\n');
  return `<div class="letter">
<p>${model.addressee.map(text).join('<br>')}</p>
<dl class="meta"><dt>Datum</dt><dd>${escapeHtml(model.placeAndDate)}</dd><dt>${escapeHtml(t('site.kenmerk'))}</dt><dd>${text(model.kenmerk)}</dd><dt>${escapeHtml(t('site.betreft'))}</dt><dd>${text(model.betreft)}</dd></dl>
<p>${escapeHtml(model.salutation)}</p>
${blocksHtml(model.opening)}
${sections}
${blocksHtml(model.closing)}
<p>${escapeHtml(model.greeting)}</p>
<p>${model.signatories.map((signatory) => `${text(signatory.name)}, ${text(signatory.role)}`).join('<br>')}</p>
${model.cc.length ? `<p>${escapeHtml(t('site.cc'))}: ${model.cc.map(text).join(', ')}</p>` : ''}
</div>`;
}

function advicePage(context: Context, advice: SiteAdvice): string {
  const request = advice.request
    ? `<p>${escapeHtml(t('site.requestLine', { from: advice.request.fromWhom || '-', date: formatDateLong(advice.request.receivedOn), subject: advice.request.subject }))}</p>
${advice.request.kenmerk ? `<p>${escapeHtml(t('site.requestKenmerk', { kenmerk: advice.request.kenmerk }))}</p>` : ''}
<p>${escapeHtml(t('site.requestDeadline', { date: formatDateLong(advice.request.deadline) }))}</p>
${advice.request.documents.length ? `<p>${escapeHtml(t('site.requestDocuments'))}:</p><ul>${advice.request.documents.map((doc) => `<li>${text(doc)}</li>`).join('')}</ul>` : ''}`
    : `<p>${escapeHtml(t('site.unsolicited'))}</p>`;
  const responses = advice.responses.length
    ? advice.responses
        .map(
          (response) =>
            `<h3>${escapeHtml(t('site.responseLine', { date: formatDateLong(response.receivedOn) }))}${response.kenmerk ? ` (${escapeHtml(t('site.responseKenmerk', { kenmerk: response.kenmerk }))})` : ''}</h3>\n${blocksHtml(
              response.summary ? [{ kind: 'paragraph', text: response.summary }] : [],
            )}`,
        )
        .join('\n')
    : `<p>${escapeHtml(t('site.noResponse'))}</p>`;
  const positions = advice.recommendations.length
    ? `<div class="table"><table><caption class="skip">${escapeHtml(t('site.positions'))}</caption><thead><tr><th scope="col">${escapeHtml(t('site.recommendation'))}</th><th scope="col">${escapeHtml(t('site.position'))}</th><th scope="col">${escapeHtml(t('site.collegeText'))}</th></tr></thead><tbody>
${advice.recommendations
  .map(
    (row) =>
      `<tr id="aanbeveling-${escapeHtml(row.itemId)}"><td><strong>${escapeHtml(row.number)}</strong> ${text(row.text)}</td><td>${escapeHtml(positionLabel(row.position))}</td><td>${text(row.collegeText)}</td></tr>`,
  )
  .join('\n')}
</tbody></table></div>`
    : `<p>${escapeHtml(t('site.noRecommendations'))}</p>`;
  const commitments = advice.commitments.length
    ? `<div class="table"><table><caption class="skip">${escapeHtml(t('site.commitments'))}</caption><thead><tr><th scope="col">${escapeHtml(t('site.commitment'))}</th><th scope="col">${escapeHtml(t('site.status'))}</th><th scope="col">${escapeHtml(t('site.dueOn'))}</th></tr></thead><tbody>
${advice.commitments
  .map((row) => `<tr id="toezegging-${escapeHtml(row.id)}"><td>${text(row.description)}</td><td>${escapeHtml(statusLabel(row.status))}</td><td>${escapeHtml(formatDateLong(row.dueOn))}</td></tr>`)
  .join('\n')}
</tbody></table></div>`
    : `<p>${escapeHtml(t('site.noCommitments'))}</p>`;
  const followup = advice.followup.length
    ? `<ul>${advice.followup.map((entry) => `<li>${escapeHtml(formatDateLong(entry.entryOn))}: ${text(entry.text)}</li>`).join('\n')}</ul>`
    : `<p>${escapeHtml(t('site.noFollowup'))}</p>`;
  const title = `${advice.kenmerk}: ${advice.betreft}`;
  const main = `<p><a href="../index.html">${escapeHtml(t('site.backHome'))}</a></p>
<h1>${text(title)}</h1>
<dl class="meta">
<dt>${escapeHtml(t('site.kenmerk'))}</dt><dd>${text(advice.kenmerk)}</dd>
<dt>${escapeHtml(t('site.kind'))}</dt><dd>${escapeHtml(t(`site.kind_${advice.kind}`))}</dd>
<dt>${escapeHtml(t('site.adviceDate'))}</dt><dd>${escapeHtml(formatDateLong(advice.adviceDate))}</dd>
<dt>${escapeHtml(t('site.sentOn'))}</dt><dd>${escapeHtml(formatDateLong(advice.sentOn))}</dd>
<dt>${escapeHtml(t('site.publishedOn'))}</dt><dd>${escapeHtml(formatDateLong(advice.publishedOn))}</dd>
</dl>
<h2>${escapeHtml(t('site.request'))}</h2>
${request}
<h2>${escapeHtml(t('site.letter'))}</h2>
${advice.pdf ? `<p><a href="${escapeHtml(advice.id)}.pdf" type="application/pdf">${escapeHtml(t('site.letterPdf', { size: Math.max(1, Math.round(advice.pdf.byteLength / 1024)) }))}</a></p>
` : ''}${letterHtml(context, advice.letter, advice.request)}
<h2>${escapeHtml(t('site.responses'))}</h2>
${responses}
<h2>${escapeHtml(t('site.positions'))}</h2>
${positions}
<h2>${escapeHtml(t('site.commitments'))}</h2>
${commitments}
<h2>${escapeHtml(t('site.followup'))}</h2>
${followup}
<p><a href="../data/adviezen/${escapeHtml(advice.id)}.json">${escapeHtml(t('site.openData'))} (JSON)</a></p>`;
  return layout(context, 1, title, main);
}

/** The terugkoppeling of one meeting series, in plain language, for the residents who came. */
function programmePage(context: Context, programme: SiteProgramme): string {
  const meetings = `<ul>${programme.meetings
    .map(
      (meeting) =>
        `<li>${escapeHtml(formatDateLong(meeting.date))}: ${text(meeting.title)}${meeting.location ? `, ${text(meeting.location)}` : ''} (${escapeHtml(t('site.programmeInput', { count: meeting.inputCount }))})</li>`,
    )
    .join('\n')}</ul>`;
  const advices = programme.advices.length
    ? programme.advices
        .map((chain) => {
          const said = chain.said.length
            ? `<ul>${chain.said.map((item) => `<li>${item.number ? `<strong>${escapeHtml(item.number)}</strong> ` : ''}${text(item.text)}</li>`).join('\n')}</ul>`
            : `<p>${escapeHtml(t('site.programmeSaidNone'))}</p>`;
          const advised = chain.recommendations.length
            ? `<ul>${chain.recommendations
                .map(
                  (row) =>
                    `<li><p>${row.number ? `<strong>${escapeHtml(row.number)}</strong> ` : ''}${text(row.text)}</p><p>${escapeHtml(t('site.programmeAnswer', { position: positionLabel(row.position) }))}${row.collegeText ? ` ${text(row.collegeText)}` : ''}</p>${
                      row.commitments.length
                        ? `<ul>${row.commitments
                            .map(
                              (commitment) =>
                                `<li>${escapeHtml(t('site.programmePromise'))} ${text(commitment.description)} ${escapeHtml(t('site.programmePromiseState', { date: formatDateLong(commitment.dueOn), status: statusLabel(commitment.status) }))}</li>`,
                            )
                            .join('')}</ul>`
                        : ''
                    }</li>`,
                )
                .join('\n')}</ul>`
            : `<p>${escapeHtml(t('site.programmeNoRecommendations'))}</p>`;
          return `<section aria-labelledby="advies-${escapeHtml(chain.adviceId)}">
<h2 id="advies-${escapeHtml(chain.adviceId)}">${text(t('site.programmeAdvice', { kenmerk: chain.kenmerk, betreft: chain.betreft }))}</h2>
<p>${escapeHtml(t('site.programmeSent', { date: formatDateLong(chain.sentOn) }))} <a href="../adviezen/${escapeHtml(chain.adviceId)}.html">${escapeHtml(t('site.programmeReadMore'))}<span class="skip"> ${text(chain.kenmerk)}</span></a></p>
<h3>${escapeHtml(t('site.programmeSaid'))}</h3>
${said}
<h3>${escapeHtml(t('site.programmeAdvised'))}</h3>
${advised}
</section>`;
        })
        .join('\n')
    : `<p>${escapeHtml(t('site.programmeNoAdvice'))}</p>`;
  const title = t('site.programmeTitle', { name: programme.name });
  const main = `<p><a href="../index.html">${escapeHtml(t('site.backHome'))}</a></p>
<h1>${text(title)}</h1>
${programme.description ? `<p>${text(programme.description)}</p>\n` : ''}<p>${escapeHtml(t('site.programmeIntro'))}</p>
<h2>${escapeHtml(t('site.programmeMeetings'))}</h2>
${meetings}
${advices}`;
  return layout(context, 1, title, main);
}

type RegisterRow = { advice: SiteAdvice; commitment: SiteAdvice['commitments'][number] };

/** The register's small script, a file of its own beside the pages (no inline script; see `REGISTER_SCRIPT`). */
export const REGISTER_SCRIPT_FILE = 'toezeggingen/register.js';

/**
 * Enhances the register's filter and page links: with JavaScript the chosen page is fetched from the
 * site itself and its heading, count and table replace the current ones in place (the address follows
 * with `history.pushState`, Back works), focus stays on the filter link (or moves to the new current page
 * link), and the count, a `role="status"` live region, is announced. Without JavaScript, or when the
 * fetch fails (a site opened from disk), the links simply load the pre-rendered page. The script carries
 * no text of its own: every word comes from the pages, which come from the catalogue.
 */
export const REGISTER_SCRIPT = `/* Advieswerk: filters the register of commitments in place. The links work without this script. */
(function () {
  'use strict';
  if (!window.fetch || !window.DOMParser || !window.history || !window.history.pushState) return;
  var main = document.getElementById('inhoud');
  if (!main || !document.getElementById('register')) return;

  function registerLink(target) {
    var link = target && target.closest ? target.closest('a') : null;
    if (!link || !main.contains(link) || link.origin !== window.location.origin) return null;
    return link.closest('.filters') || link.closest('.pager') ? link : null;
  }

  function swap(doc, fromPager) {
    var next = {
      title: doc.querySelector('main h1'),
      count: doc.getElementById('register-count'),
      table: doc.getElementById('register'),
      current: doc.querySelector('.filters a[aria-current="page"]'),
    };
    var here = { title: main.querySelector('h1'), count: document.getElementById('register-count'), table: document.getElementById('register') };
    if (!next.title || !next.count || !next.table || !next.current || !here.title || !here.count || !here.table) return false;
    here.title.textContent = next.title.textContent;
    here.table.replaceWith(document.importNode(next.table, true));
    var chosen = next.current.getAttribute('href');
    Array.prototype.forEach.call(main.querySelectorAll('.filters a'), function (link) {
      if (link.getAttribute('href') === chosen) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    document.title = doc.title;
    // The live region stays the same element; changing its text is what screen readers announce.
    here.count.textContent = next.count.textContent;
    if (fromPager) {
      var page = document.querySelector('#register .pager a[aria-current="page"]');
      if (page) page.focus();
    }
    return true;
  }

  function load(url, push, fromPager) {
    window
      .fetch(url, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        if (!swap(new DOMParser().parseFromString(html, 'text/html'), fromPager)) throw new Error('not a register page');
        if (push) window.history.pushState({ register: true }, '', url);
      })
      .catch(function () {
        window.location.href = url;
      });
  }

  main.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = registerLink(event.target);
    if (!link) return;
    event.preventDefault();
    load(link.href, true, Boolean(link.closest('.pager')));
  });
  window.addEventListener('popstate', function () {
    load(window.location.href, false, false);
  });
})();
`;

/**
 * The register, one static page per filter and page of 100, so filtering needs no JavaScript;
 * `REGISTER_SCRIPT` then filters in place. The count above the table is a live region.
 */
function registerPages(context: Context): Map<string, string> {
  const rows: RegisterRow[] = context.data.advices
    .flatMap((advice) => advice.commitments.map((commitment) => ({ advice, commitment })))
    .sort((a, b) => a.commitment.dueOn.localeCompare(b.commitment.dueOn) || a.commitment.id.localeCompare(b.commitment.id));
  const filters: { key: string; label: string; rows: RegisterRow[] }[] = [
    { key: 'alle', label: t('site.registerAll'), rows },
    ...COMMITMENT_STATUSES.map((status) => ({ key: status, label: statusLabel(status), rows: rows.filter((row) => row.commitment.status === status) })),
  ];
  const fileOf = (key: string, page: number) => (key === 'alle' && page === 1 ? 'index.html' : `${key}${page > 1 ? `-${page}` : ''}.html`);
  const pages = new Map<string, string>();
  for (const filter of filters) {
    const count = Math.max(1, Math.ceil(filter.rows.length / PAGE_SIZE));
    for (let page = 1; page <= count; page++) {
      const slice = filter.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const nav = `<nav class="filters" aria-label="${escapeHtml(t('site.registerFilter'))}"><p>${escapeHtml(t('site.registerFilter'))}:</p><ul>${filters
        .map(
          (other) =>
            `<li><a href="${fileOf(other.key, 1)}"${other.key === filter.key ? ' aria-current="page"' : ''}>${escapeHtml(other.label)} (${other.rows.length})</a></li>`,
        )
        .join('')}</ul></nav>`;
      const table = slice.length
        ? `<div class="table"><table><caption class="skip">${escapeHtml(t('site.register'))}</caption><thead><tr><th scope="col">${escapeHtml(t('site.commitment'))}</th><th scope="col">${escapeHtml(t('site.status'))}</th><th scope="col">${escapeHtml(t('site.dueOn'))}</th><th scope="col">${escapeHtml(t('site.advice'))}</th></tr></thead><tbody>
${slice
  .map(
    ({ advice, commitment }) =>
      `<tr><td>${text(commitment.description)}</td><td>${escapeHtml(statusLabel(commitment.status))}</td><td>${escapeHtml(formatDateLong(commitment.dueOn))}</td><td><a href="../adviezen/${advice.id}.html#toezegging-${escapeHtml(commitment.id)}">${text(advice.kenmerk)}</a></td></tr>`,
  )
  .join('\n')}
</tbody></table></div>`
        : `<p>${escapeHtml(t('site.registerEmpty'))}</p>`;
      const pager =
        count > 1
          ? `<nav class="pager" aria-label="${escapeHtml(t('site.pages'))}"><ul>${Array.from({ length: count }, (_, index) => index + 1)
              .map((number) => `<li><a href="${fileOf(filter.key, number)}"${number === page ? ' aria-current="page"' : ''}>${escapeHtml(t('site.page', { page: number, pages: count }))}</a></li>`)
              .join('')}</ul></nav>`
          : '';
      const title = `${t('site.register')}: ${filter.label}${count > 1 ? ` (${t('site.page', { page, pages: count })})` : ''}`;
      const shown = t('site.registerCount', { count: filter.rows.length, filter: filter.label }) + (count > 1 ? ` ${t('site.registerCountPage', { page, pages: count })}` : '');
      pages.set(
        `toezeggingen/${fileOf(filter.key, page)}`,
        layout(
          context,
          1,
          title,
          `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(t('site.registerIntro'))}</p>\n${nav}\n<p id="register-count" role="status">${escapeHtml(shown)}</p>\n<div id="register">\n${table}\n${pager}\n</div>`,
          'register.js',
        ),
      );
    }
  }
  pages.set(REGISTER_SCRIPT_FILE, REGISTER_SCRIPT);
  return pages;
}

function openDataPage(context: Context): string {
  const files = Object.keys(OPEN_DATA_FILES);
  const main = `<h1>${escapeHtml(t('site.openData'))}</h1>
<p>${escapeHtml(t('site.openDataIntro'))}</p>
<ul>${files.map((file) => `<li><a href="${file}">${file}</a></li>`).join('')}<li><a href="data/schema.json">data/schema.json</a> (JSON Schema)</li></ul>
<ul><li><a href="feed.xml">${escapeHtml(t('site.feed'))}</a></li><li><a href="bijeenkomsten.ics">${escapeHtml(t('site.calendar'))}</a></li></ul>`;
  return layout(context, 0, t('site.openData'), main);
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function openData(context: Context): Map<string, string> {
  const { data } = context;
  const council = data.council.name;
  const files = new Map<string, string>();
  const advices = data.advices.map((advice) => ({
    id: advice.id,
    type: 'advies' as const,
    url: `adviezen/${advice.id}.html`,
    dataUrl: `data/adviezen/${advice.id}.json`,
    pdfUrl: advice.pdf ? `adviezen/${advice.id}.pdf` : null,
    kenmerk: advice.kenmerk,
    name: advice.betreft,
    kind: advice.kind,
    date: advice.adviceDate,
    sentOn: advice.sentOn,
    publishedOn: advice.publishedOn,
    request: advice.request
      ? { receivedOn: advice.request.receivedOn, from: advice.request.fromWhom, subject: advice.request.subject, kenmerk: advice.request.kenmerk, deadline: advice.request.deadline }
      : null,
    signatories: advice.letter.signatories.map((signatory) => ({ name: signatory.name, role: signatory.role })),
    recommendationIds: advice.recommendations.map((row) => row.itemId),
    commitmentIds: advice.commitments.map((row) => row.id),
    responses: advice.responses,
  }));
  for (const advice of advices) files.set(`data/adviezen/${advice.id}.json`, json(advice));
  files.set('data/adviezen.json', json({ council, items: advices }));
  files.set(
    'data/aanbevelingen.json',
    json({
      council,
      items: data.advices.flatMap((advice) =>
        advice.recommendations.map((row) => ({ id: row.itemId, type: 'aanbeveling', url: `adviezen/${advice.id}.html#aanbeveling-${row.itemId}`, adviceId: advice.id, number: row.number, text: row.text })),
      ),
    }),
  );
  files.set(
    'data/standpunten.json',
    json({
      council,
      items: data.advices.flatMap((advice) =>
        advice.recommendations
          .filter((row) => row.position !== null)
          .map((row) => ({
            id: row.itemId,
            type: 'standpunt',
            url: `adviezen/${advice.id}.html#aanbeveling-${row.itemId}`,
            adviceId: advice.id,
            recommendationId: row.itemId,
            position: row.position,
            collegeText: row.collegeText,
          })),
      ),
    }),
  );
  files.set(
    'data/toezeggingen.json',
    json({
      council,
      items: data.advices.flatMap((advice) =>
        advice.commitments.map((row) => ({
          id: row.id,
          type: 'toezegging',
          url: `adviezen/${advice.id}.html#toezegging-${row.id}`,
          adviceId: advice.id,
          recommendationIds: row.itemIds,
          description: row.description,
          dueOn: row.dueOn,
          status: row.status,
        })),
      ),
    }),
  );
  files.set('data/schema.json', json(openDataJsonSchema()));
  return files;
}

function atomFeed(context: Context): string {
  const { data } = context;
  const entries = data.advices.flatMap((advice) => [
    { id: `urn:uuid:${advice.id}`, date: advice.publishedOn, title: t('site.feedAdvice', { kenmerk: advice.kenmerk, betreft: advice.betreft }), href: `adviezen/${advice.id}.html`, summary: '' },
    ...advice.responses.map((response) => ({
      id: `urn:uuid:${response.id}`,
      // A response answers a published advice: it never appears before the advice itself.
      date: response.receivedOn > advice.publishedOn ? response.receivedOn : advice.publishedOn,
      title: t('site.feedResponse', { kenmerk: advice.kenmerk, betreft: advice.betreft }),
      href: `adviezen/${advice.id}.html`,
      summary: response.summary,
    })),
  ]);
  entries.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  const updated = entries[0]?.date ?? '1970-01-01';
  const feedId = `urn:sha256:${createHash('sha256').update(data.council.name).digest('hex')}`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
<title>${escapeXml(`${data.council.name}: ${t('site.home')}`)}</title>
<id>${feedId}</id>
<updated>${updated}T00:00:00Z</updated>
<author><name>${escapeXml(data.council.name)}</name></author>
<link rel="self" href="feed.xml"/>
<link rel="alternate" href="index.html"/>
${entries
  .map(
    (entry) => `<entry>
<title>${escapeXml(entry.title)}</title>
<id>${entry.id}</id>
<updated>${entry.date}T00:00:00Z</updated>
<link rel="alternate" href="${entry.href}"/>
${entry.summary ? `<summary>${escapeXml(entry.summary)}</summary>\n` : ''}</entry>`,
  )
  .join('\n')}
</feed>
`;
}

/** RFC 5545 text: backslash, semicolon, comma and newlines escaped; lines folded at 75 octets. */
function icsText(value: string): string {
  return value.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r?\n/g, '\\n');
}
function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = Buffer.byteLength(char, 'utf8');
    if (size + length > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function calendar(context: Context): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '').slice(0, 15) + 'Z';
  const day = (date: string) => date.replace(/-/g, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Advieswerk//Publicatie//NL', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${icsText(context.data.council.name)}`];
  for (const meeting of context.data.meetings) {
    lines.push('BEGIN:VEVENT', `UID:${meeting.id}@advieswerk`, `DTSTAMP:${stamp(meeting.updatedAt)}`);
    if (meeting.startTime) {
      lines.push(`DTSTART;TZID=Europe/Amsterdam:${day(meeting.date)}T${meeting.startTime.replace(':', '')}00`);
      if (meeting.endTime) lines.push(`DTEND;TZID=Europe/Amsterdam:${day(meeting.date)}T${meeting.endTime.replace(':', '')}00`);
    } else lines.push(`DTSTART;VALUE=DATE:${day(meeting.date)}`);
    lines.push(`SUMMARY:${icsText(meeting.title)}`);
    if (meeting.location) lines.push(`LOCATION:${icsText(meeting.location)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function logoFile(dataUrl: string): Context['logo'] {
  const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!match) return null;
  return { path: `logo.${match[1] === 'png' ? 'png' : 'jpg'}`, bytes: Buffer.from(match[2]!, 'base64') };
}

/** Builds the whole site. Paths use "/" and are sorted; values are UTF-8 bytes. */
export function buildSite(data: SiteData, options: SiteOptions = {}): Map<string, Buffer> {
  const colour = options.colour && /^#[0-9a-fA-F]{6}$/.test(options.colour) ? options.colour.toLowerCase() : DEFAULT_SITE_COLOUR;
  const context: Context = { data, logo: logoFile(data.council.logoDataUrl) };
  const pages = new Map<string, string | Buffer>();
  const years = new Map<string, SiteAdvice[]>();
  for (const advice of data.advices) {
    const year = yearOf(advice);
    years.set(year, [...(years.get(year) ?? []), advice]);
    pages.set(`adviezen/${advice.id}.html`, advicePage(context, advice));
    if (advice.pdf) pages.set(`adviezen/${advice.id}.pdf`, Buffer.from(advice.pdf));
  }
  for (const [year, advices] of years) pages.set(`adviezen/${year}.html`, yearPage(context, year, advices));
  pages.set('index.html', homePage(context, years));
  for (const programme of data.programmes) pages.set(`programmas/${programme.id}.html`, programmePage(context, programme));
  for (const [path, page] of registerPages(context)) pages.set(path, page);
  pages.set('open-data.html', openDataPage(context));
  for (const [path, file] of openData(context)) pages.set(path, file);
  pages.set('feed.xml', atomFeed(context));
  pages.set('bijeenkomsten.ics', calendar(context));
  pages.set('style.css', css(colour));
  if (context.logo) pages.set(context.logo.path, context.logo.bytes);
  return new Map(
    [...pages.keys()].sort().map((path) => {
      const value = pages.get(path)!;
      return [path, typeof value === 'string' ? Buffer.from(value, 'utf8') : value];
    }),
  );
}
