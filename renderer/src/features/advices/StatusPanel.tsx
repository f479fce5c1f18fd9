import { useState } from 'react';
import { todayInNetherlands } from '../../../../shared/calendar';
import type { AdviceDetail } from '../../../../shared/api/advices';
import { t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { apiWrite } from '../../data/queries';
import { useMayCall } from '../../data/roles';
import { hrefFor } from '../../app/router';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { Heading } from '../../ui/Heading';
import { AdoptionLink } from '../councilOwn/CouncilAttention';
import type { OutlineActions } from './Outline';
import { ExportButtons } from './ExportButtons';

export function StatusPanel({ advice, actions, onError }: { advice: AdviceDetail; actions: OutlineActions; onError(message: string): void }) {
  const [date, setDate] = useState(todayInNetherlands);
  const [confirmSend, setConfirmSend] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // Only the voorzitter sets an advice to vastgesteld or verzonden; the secretariat puts a concept in the trash.
  const maySetStatus = useMayCall('advices.setStatus');
  const mayDelete = useMayCall('advices.delete');
  const offers = {
    adopt: maySetStatus && advice.status === 'concept',
    send: maySetStatus && advice.status === 'vastgesteld',
    delete: mayDelete && advice.versions.length === 0,
  };
  return (
    <section className="aw-card" aria-labelledby="status-titel">
      <Heading level={2} id="status-titel">
        {t('advicesUi.statusActions')}
      </Heading>
      <p data-testid="advice-status">{t('advicesUi.statusNow', { status: t(`advicesUi.status_${advice.status}`) })}</p>
      <AdoptionLink adviceId={advice.id} />
      {!advice.frozen && (offers.adopt || offers.send || offers.delete) && (
        <>
          <TextField type="date" label={t('advicesUi.statusDate')} value={date} onChange={(event) => setDate(event.target.value)} />
          <div className="aw-button-row">
            {offers.adopt && (
              <Button appearance="primary" onClick={() => void actions.run(() => apiWrite('advices.setStatus', { id: advice.id, status: 'vastgesteld', date }))}>
                {t('advicesUi.markAdopted')}
              </Button>
            )}
            {offers.send && (
              <Button appearance="primary" onClick={() => setConfirmSend(true)}>
                {t('advicesUi.markSent')}
              </Button>
            )}
            {offers.delete && (
              <Button appearance="subtle" onClick={() => setConfirmDelete(true)}>
                {t('advicesUi.deleteAdvice')}
              </Button>
            )}
          </div>
        </>
      )}
      <ExportButtons advice={advice} onError={onError} />
      <ConfirmDialog
        open={confirmSend}
        title={t('advicesUi.markSent')}
        message={t('advicesUi.confirmSent', { kenmerk: advice.kenmerk })}
        confirmLabel={t('advicesUi.markSent')}
        onConfirm={() => {
          setConfirmSend(false);
          void actions.run(() => apiWrite('advices.setStatus', { id: advice.id, status: 'verzonden', date }));
        }}
        onCancel={() => setConfirmSend(false)}
      />
      <ConfirmDialog
        open={confirmDelete}
        title={t('advicesUi.deleteAdvice')}
        message={t('adviceTrash.confirmToTrash', { kenmerk: advice.kenmerk, betreft: advice.betreft })}
        confirmLabel={t('adviceTrash.toTrash')}
        onConfirm={async () => {
          setConfirmDelete(false);
          try {
            await apiWrite('advices.delete', { id: advice.id });
            window.location.hash = hrefFor('/adviezen');
          } catch (error) {
            if (error instanceof ApiCallError) onError(error.message);
            else throw error;
          }
        }}
        onCancel={() => setConfirmDelete(false)}
      />
    </section>
  );
}
