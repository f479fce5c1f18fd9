// `npm audit --omit=dev` gate for CI: fails on any high or critical advisory in a production
// dependency that is not in .ci/audit-allowlist.json (each entry: { "advisory": <GHSA id, URL or
// package name>, "reason": "...", "review": "YYYY-MM-DD" }). Usage: `node scripts/audit.mjs`.
// Exit codes: 0 clean, 1 advisories not allowed, 2 the audit itself could not run (no registry).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BLOCKING = new Set(['high', 'critical']);

/** The high/critical advisories of an `npm audit --json` report that the allowlist does not name. */
export function unallowedAdvisories(report, allowlist) {
  const allowed = new Set((allowlist.allowed ?? []).map((entry) => entry.advisory));
  const found = [];
  for (const [name, vulnerability] of Object.entries(report.vulnerabilities ?? {})) {
    if (!BLOCKING.has(vulnerability.severity)) continue;
    // `via` holds advisory objects (with url/source) or names of packages that bring one in.
    const advisories = (vulnerability.via ?? []).filter((via) => typeof via === 'object');
    if (advisories.length === 0) continue;
    for (const advisory of advisories) {
      if (!BLOCKING.has(advisory.severity)) continue;
      const ids = [advisory.url, advisory.url?.split('/').pop(), String(advisory.source), name];
      if (!ids.some((id) => id && allowed.has(id))) found.push({ package: name, severity: advisory.severity, title: advisory.title, url: advisory.url });
    }
  }
  return found;
}

function runAudit() {
  try {
    return execFileSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // npm audit exits non-zero when it finds anything; the JSON is still on stdout.
    return error.stdout ?? '';
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const allowlist = JSON.parse(readFileSync(path.join(root, '.ci', 'audit-allowlist.json'), 'utf8'));
  let report;
  try {
    report = JSON.parse(runAudit());
  } catch {
    report = null;
  }
  if (!report || !report.vulnerabilities) {
    console.error(`npm audit kon niet draaien: ${report?.message ?? 'geen antwoord van het register'}`);
    process.exit(2);
  }
  const found = unallowedAdvisories(report, allowlist);
  const counts = report.metadata?.vulnerabilities ?? {};
  console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}; ${found.length} high/critical not in the allowlist`);
  for (const item of found) console.log(`  ${item.severity} ${item.package}: ${item.title} ${item.url}`);
  process.exit(found.length > 0 ? 1 : 0);
}
