import type { Core } from '../../electron/core/core';
import { renderLetterDocx } from '../../electron/core/advices/docx';
import { buildLetterModel } from '../../shared/advices/letter';
import type { AdviceDetail, ExportedFile } from '../../shared/api/advices';
import type { CouncilSettings } from '../../shared/api/council';
import { measure, type BenchRow } from './measure';

const GOAL_MS = 100;

async function value<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** An advice of 200 items in three sections (100 findings I.n, 60 conclusions, 40 recommendations naming a conclusion). */
async function adviceWith200Items(core: Core): Promise<AdviceDetail> {
  let advice = await value<AdviceDetail>(core, 'advices.create', {
    kind: 'ongevraagd',
    betreft: 'Benchmark: advies met 200 punten',
    adviceDate: '2026-01-15',
    withDefaultSections: true,
  });
  const sectionIds = advice.sections.map((section) => section.id);
  const counts = [100, 60, 40];
  const kinds = ['bevinding', 'conclusie', 'aanbeveling'] as const;
  for (const [index, count] of counts.entries()) {
    for (let item = 0; item < count; item++) {
      advice = await value<AdviceDetail>(core, 'advices.addItem', {
        sectionId: sectionIds[index]!,
        kind: kinds[index],
        text: `Punt ${item + 1}: inwoners vertellen dat het wijkteam moeilijk bereikbaar is en dat informatie hen niet bereikt.\n- eerste opsomming\n- tweede opsomming`,
        ...(index === 2 ? { relatedItemIds: [advice.sections[1]!.items[item % 60]!.id] } : {}),
      });
    }
  }
  return advice;
}

/**
 * Issue 8's benchmark for advices: the export of a letter of 200 items through the handler, reading
 * the advice from the database included (load, derive numbers and cross-references, build, pack).
 * The floor is the `docx` packer alone on the same letter. Goal: median ≤ 100 ms.
 */
export async function benchAdvices(core: Core, options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const advice = await adviceWith200Items(core);
  const council = await value<CouncilSettings>(core, 'council.get', {});
  const model = buildLetterModel(advice, council);
  const iterations = options.quick ? 10 : 30;
  const measured = await measure(async () => {
    const exported = await value<ExportedFile>(core, 'advices.exportDocx', { id: advice.id });
    if (!exported.bytesBase64) throw new Error('export returned no bytes');
  }, iterations, 3);
  const floor = await measure(() => renderLetterDocx(model), iterations, 3);
  return [
    {
      name: 'advices.exportDocx (200 punten, inclusief lezen uit de database)',
      ...measured,
      floorMedianMs: floor.medianMs,
      goal: `mediaan ≤ ${GOAL_MS} ms`,
      met: measured.medianMs <= GOAL_MS,
      note: 'vloer: alleen de docx-packer op dezelfde brief',
    },
  ];
}
