import type { AdviceDetail, ExportedFile } from '../../shared/api/advices';
import type { Core } from '../../electron/core/core';

export interface BenchRow {
  name: string;
  medianMs: number;
  p95Ms: number;
}

async function value<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/**
 * Issue 8's benchmark for advices: exporting a letter of 200 items, reading the advice from the
 * database included (the handler loads it, derives the numbers and packs the .docx). Goal: median
 * at most 100 ms. Creates its own advice in the core it is given.
 */
export async function benchAdvices(core: Core, runs = 30): Promise<BenchRow[]> {
  let advice = await value<AdviceDetail>(core, 'advices.create', { kind: 'ongevraagd', betreft: 'Benchmark: advies met 200 punten', adviceDate: '2026-01-15', withDefaultSections: true });
  const sectionIds = advice.sections.map((section) => section.id);
  const perSection = [100, 60, 40];
  for (const [index, count] of perSection.entries()) {
    for (let item = 0; item < count; item++) {
      advice = await value<AdviceDetail>(core, 'advices.addItem', {
        sectionId: sectionIds[index]!,
        kind: index === 0 ? 'bevinding' : index === 1 ? 'conclusie' : 'aanbeveling',
        text: `Punt ${item + 1}: inwoners vertellen dat het wijkteam moeilijk bereikbaar is en dat informatie hen niet bereikt.\n- eerste opsomming\n- tweede opsomming`,
        ...(index === 2 ? { relatedItemIds: [advice.sections[1]!.items[item % 60]!.id] } : {}),
      });
    }
  }
  const timings: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const started = performance.now();
    const exported = await value<ExportedFile>(core, 'advices.exportDocx', { id: advice.id });
    const elapsed = performance.now() - started;
    if (!exported.bytesBase64) throw new Error('no bytes');
    if (i >= 3) timings.push(elapsed); // the first runs warm up the JIT
  }
  timings.sort((a, b) => a - b);
  return [{ name: 'advies exporteren naar .docx (200 punten, inclusief lezen uit de database)', medianMs: percentile(timings, 0.5), p95Ms: percentile(timings, 0.95) }];
}
