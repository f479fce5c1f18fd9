import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core/core';
import { manyCellsXlsx, zipBombXlsx } from '../../tests/helpers/hostile-xlsx';
import type { BenchRow } from './measure';

const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.max(0, Math.ceil(samples.length * 0.95) - 1)] ?? 0;
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;

/**
 * One hostile upload, while another caller keeps asking for the wijken: how long until it is
 * refused, how much memory the process (worker included) grew by, and how the other calls fared.
 */
async function hostileUpload(core: Core, fileName: string, data: Buffer) {
  const dataBase64 = data.toString('base64');
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const otherCalls: number[] = [];
  let parsing = true;
  const start = performance.now();
  const upload = core.call('findings.importParse', { fileName, dataBase64 }).finally(() => (parsing = false));
  while (parsing) {
    const callStart = performance.now();
    await core.call('wijken.list', {});
    otherCalls.push(performance.now() - callStart);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const result = await upload;
  const refusedMs = performance.now() - start;
  clearInterval(sampler);
  if (result.ok) throw new Error(`${fileName} was not refused`);
  return { refusedMs, growthMb: (peak - baseline) / 1024 / 1024, otherCalls, message: result.error.message };
}

/**
 * Issue 12.7: a 1.2 MB XLSX zip bomb froze the host for 40 s and took 4.2 GB; a 338 KB file with
 * 3 million cells blocked it for 4.5 s. Goal: the bomb refused in ≤ 2 s with ≤ 300 MB, while other
 * calls keep answering with p95 ≤ 50 ms. Measured with a reading worker already started (the
 * first upload after start also starts the worker: ~50 ms compiled, reported separately).
 */
export async function benchUploadLimits(core: Core, repeats = 5): Promise<BenchRow[]> {
  const coldStart = performance.now();
  await core.call('findings.importParse', { fileName: 'klein.csv', dataBase64: Buffer.from('Inbreng\r\nMeer bankjes\r\n').toString('base64') });
  const coldMs = performance.now() - coldStart;
  // The goal of 2 s is for the bomb; the cells file blocked the host, so its figure is reported.
  const files: [string, string, Buffer, number | null][] = [
    ['zip-bom (verklaart 1 GB uitgepakt)', 'bom.xlsx', zipBombXlsx(1000), 2000],
    ['zip-bom die liegt over zijn grootte (1 GB)', 'bom-liegt.xlsx', zipBombXlsx(1000, { lying: true }), 2000],
    ['3 miljoen cellen', 'cellen.xlsx', manyCellsXlsx(100_000, 30), null],
  ];
  const rows: BenchRow[] = [];
  for (const [label, fileName, data, goalMs] of files) {
    const runs = [];
    for (let index = 0; index < repeats; index += 1) runs.push(await hostileUpload(core, fileName, data));
    const refused = runs.map((run) => run.refusedMs);
    const growth = Math.max(...runs.map((run) => run.growthMb));
    const others = runs.flatMap((run) => run.otherCalls);
    const sizeKb = Math.round(data.length / 1024);
    rows.push({
      name: `upload geweigerd: ${label}, ${sizeKb} KB`,
      medianMs: median(refused),
      p95Ms: p95(refused),
      goal: goalMs ? `≤ ${goalMs} ms en ≤ 300 MB extra geheugen` : 'rapporteren (blokkeerde de host 4,5 s); ≤ 300 MB',
      met: (goalMs === null || p95(refused) <= goalMs) && growth <= 300,
      note: `geheugen +${growth.toFixed(0)} MB (piek RSS); "${runs[0]!.message.slice(0, 60)}…"`,
    });
    rows.push({
      name: `andere aanroepen tijdens die upload (wijken.list, ${others.length}×)`,
      medianMs: median(others),
      p95Ms: p95(others),
      goal: 'p95 ≤ 50 ms',
      met: p95(others) <= 50,
    });
  }
  rows.push({ name: 'eerste upload na start (leesworker starten + klein CSV)', medianMs: coldMs, p95Ms: coldMs, note: 'eenmalig; daarna blijft één leesworker klaarstaan' });
  return rows;
}
