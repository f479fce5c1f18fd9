import { useState } from 'react';
import type { AdviceDetail } from '../../../../shared/api/advices';
import { t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { apiFetch } from '../../data/queries';
import { Button } from '../../ui/Button';
import { base64ToBytes, downloadBytes } from '../../ui/download';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';

export function ExportButtons({ advice, onError }: { advice: AdviceDetail; onError(message: string): void }) {
  const [done, setDone] = useState<string | null>(null);
  const [includePersonalData, setIncludePersonalData] = useState(false);
  const pdf = useJob();
  const run = async (make: () => Promise<{ fileName: string; bytes: Uint8Array | string; leftOut?: number }>) => {
    try {
      const file = await make();
      downloadBytes(file.fileName, file.bytes);
      setDone(file.leftOut ? t('advicesUi.exportedLeftOut', { file: file.fileName, count: file.leftOut }) : t('advicesUi.exported', { file: file.fileName }));
    } catch (error) {
      if (error instanceof ApiCallError) onError(error.message);
      else throw error;
    }
  };
  // The core writes the file into exports/ under a name of its own and hands over the bytes.
  const docx = (annex: boolean) =>
    run(async () => {
      const file = await apiFetch('advices.exportDocx', { id: advice.id, annex, includePersonalData: annex && includePersonalData });
      return { fileName: file.fileName, bytes: base64ToBytes(file.bytesBase64), leftOut: file.leftOut ?? 0 };
    });
  const startPdf = () => {
    setDone(null);
    pdf.start({ kind: 'advicePdf', params: { id: advice.id } }).catch((error: unknown) => {
      if (error instanceof ApiCallError) onError(error.message);
      else throw error;
    });
  };
  return (
    <div>
      <p className="aw-strong">{t('advicesUi.export')}</p>
      <div className="aw-button-row">
        <Button onClick={() => void docx(false)}>{t('advicesUi.exportDocx')}</Button>
        <Button onClick={() => void docx(true)}>{t('advicesUi.exportDocxAnnex')}</Button>
        <Button disabled={pdf.running} onClick={startPdf}>
          {t('advicesUi.exportPdf')}
        </Button>
        <Button
          onClick={() =>
            void run(async () => {
              const data = await apiFetch('advices.exportJson', { id: advice.id });
              return { fileName: `${advice.kenmerk}.json`, bytes: JSON.stringify(data, null, 2) };
            })
          }
        >
          {t('advicesUi.exportJson')}
        </Button>
      </div>
      <label className="utrecht-form-label">
        <input type="checkbox" checked={includePersonalData} onChange={(event) => setIncludePersonalData(event.target.checked)} /> {t('advicesUi.annexIncludePersonalData')}
      </label>
      {pdf.job && <JobProgress job={pdf.job} label={t('advicesUi.exportPdf')} onCancel={() => void pdf.cancel()} />}
      {done && (
        <p className="aw-muted" role="status">
          {done}
        </p>
      )}
    </div>
  );
}
