import { useCallback, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  ASSESSMENTS,
  ATTACHMENT_TYPES,
  COMMITMENT_STATUSES,
  POSITIONS,
  type Assessment,
  type Commitment,
  type CommitmentStatus,
  type Position,
  type RecommendationRow,
  type ResponseOverview,
} from '../../../../shared/api/responses';
import { todayInNetherlands } from '../../../../shared/calendar';
import { formatDateLong, formatDateShort, formatDateTime, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { apiFetch, apiWrite } from '../../data/queries';
import { queryClient, queryKeyFor, useApiQuery } from '../../data/queries';
import { QueryError } from '../../ui/QueryState';
import { CommitmentForm } from './CommitmentForm';
import { hrefFor } from '../../app/router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CheckboxField, TextAreaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { base64ToBytes, downloadBytes, fileToBase64 } from '../../ui/download';
import { FOLLOWUP_HISTORY_TABLES, HistorySection } from '../audit/HistorySection';
import { offer } from './Exports';
import { PlainTable } from './figures';

type Status = { kind: 'ok' | 'error'; message: string } | null;

function statusText(status: string): string {
  return t(`responses.status.${status as 'verzonden'}`);
}

/** The browser's type, or one from the extension when it gives none; the server refuses others. */
function mediaTypeOf(file: File): string {
  if (file.type) return file.type;
  const extension = file.name.toLowerCase().split('.').pop();
  const match = Object.entries(ATTACHMENT_TYPES).find(([, ext]) => ext === extension);
  return match ? match[0] : 'application/octet-stream';
}

function RecommendationCard({ row, onSave }: { row: RecommendationRow; onSave(input: { position: Position; collegeText: string; assessment: Assessment | null; notes: string }): void }) {
  const [draft, setDraft] = useState({
    position: row.position?.position ?? ('' as Position | ''),
    collegeText: row.position?.collegeText ?? '',
    assessment: row.position?.assessment ?? ('' as Assessment | ''),
    notes: row.position?.notes ?? '',
  });
  const save = (next = draft) => {
    if (!next.position) return;
    onSave({ position: next.position, collegeText: next.collegeText, assessment: next.assessment || null, notes: next.notes });
  };
  const change = (patch: Partial<typeof draft>, immediately = false) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (immediately) save(next);
  };
  // Quick entry: 1–5 on the position list picks a position at once.
  const onPositionKey = (event: KeyboardEvent<HTMLSelectElement>) => {
    const index = Number(event.key) - 1;
    if (index >= 0 && index < POSITIONS.length) {
      event.preventDefault();
      change({ position: POSITIONS[index]! }, true);
    }
  };
  const id = row.itemId;
  return (
    <li className="aw-recommendation" aria-label={t('responsesUi.recommendation', { number: row.number })}>
      <div>
        <Heading level={3}>{t('responsesUi.recommendation', { number: row.number })}</Heading>
        <Paragraph>{row.text}</Paragraph>
      </div>
      <div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor={`standpunt-${id}`}>
            {t('responsesUi.positionLabel', { number: row.number })}
          </label>
          <select
            id={`standpunt-${id}`}
            className="utrecht-select"
            value={draft.position}
            onChange={(event) => change({ position: event.target.value as Position }, true)}
            onKeyDown={onPositionKey}
          >
            <option value="">{t('responses.position.none')}</option>
            {POSITIONS.map((position, index) => (
              <option key={position} value={position}>
                {index + 1}. {t(`responses.position.${position}`)}
              </option>
            ))}
          </select>
        </div>
        <TextAreaField
          label={t('responsesUi.collegeTextLabel', { number: row.number })}
          value={draft.collegeText}
          onChange={(event) => change({ collegeText: event.target.value })}
          onBlur={() => save()}
        />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor={`oordeel-${id}`}>
            {t('responsesUi.assessmentLabel', { number: row.number })}
          </label>
          <select id={`oordeel-${id}`} className="utrecht-select" value={draft.assessment} onChange={(event) => change({ assessment: event.target.value as Assessment }, true)}>
            <option value="">{t('responses.assessment.none')}</option>
            {ASSESSMENTS.map((assessment) => (
              <option key={assessment} value={assessment}>
                {t(`responses.assessment.${assessment}`)}
              </option>
            ))}
          </select>
        </div>
        <TextAreaField label={t('responsesUi.notesLabel', { number: row.number })} value={draft.notes} onChange={(event) => change({ notes: event.target.value })} onBlur={() => save()} />
      </div>
    </li>
  );
}

export function ResponsePage({ adviceId }: { adviceId: string }) {
  const overviewQuery = useApiQuery('responses.forAdvice', { adviceId });
  const overview = overviewQuery.data;
  const setOverview = useCallback(
    (next: ResponseOverview) => queryClient.setQueryData(queryKeyFor('responses.forAdvice', { adviceId }), next),
    [adviceId],
  );
  const [status, setStatus] = useState<Status>(null);
  const [response, setResponse] = useState({ receivedOn: todayInNetherlands(), kenmerk: '', summary: '' });
  const [file, setFile] = useState<File | null>(null);
  const [editingCommitment, setEditingCommitment] = useState<Commitment | null>(null);
  const [entry, setEntry] = useState({ entryOn: todayInNetherlands(), text: '', containsPersonalData: false });
  const [removing, setRemoving] = useState<{ name: string; remove: () => Promise<ResponseOverview> } | null>(null);

  /** `clearForm` runs in the same render as the new overview, so a form never empties after a user started the next entry. */
  const run = async (work: () => Promise<ResponseOverview>, message = t('responsesUi.saved'), clearForm?: () => void) => {
    try {
      const next = await work();
      clearForm?.();
      setOverview(next);
      setStatus({ kind: 'ok', message });
      return true;
    } catch (error) {
      if (error instanceof ApiCallError) {
        setStatus({ kind: 'error', message: error.message });
        return false;
      }
      throw error;
    }
  };

  const commitmentSaved = (next: ResponseOverview) => {
    setEditingCommitment(null);
    setOverview(next);
    setStatus({ kind: 'ok', message: t('responsesUi.saved') });
  };

  if (!overview)
    return (
      <>
        <Heading level={1}>{t('responses.title')}</Heading>
        {overviewQuery.isError && <QueryError error={overviewQuery.error} retry={() => void overviewQuery.refetch()} />}
      </>
    );

  const recordResponse = async (event: FormEvent) => {
    event.preventDefault();
    const attachment = file ? { fileName: file.name, mediaType: mediaTypeOf(file) as keyof typeof ATTACHMENT_TYPES, bytesBase64: await fileToBase64(file) } : undefined;
    const submitted = response;
    await run(
      () => apiWrite('responses.record', { adviceId, ...response, ...(attachment ? { attachment } : {}) }),
      undefined,
      () => {
        setResponse((current) => (current === submitted ? { receivedOn: todayInNetherlands(), kenmerk: '', summary: '' } : current));
        setFile((current) => (current === file ? null : current));
      },
    );
  };

  const addEntry = async (event: FormEvent) => {
    event.preventDefault();
    const submitted = entry;
    await run(
      () => apiWrite('followup.add', { adviceId, ...entry }),
      undefined,
      () => setEntry((current) => (current === submitted ? { entryOn: todayInNetherlands(), text: '', containsPersonalData: false } : current)),
    );
  };

  const openLetter = async (id: string) => {
    try {
      // A download like every other file: in the Electron app the main process asks where to save it.
      const letter = await apiFetch('responses.attachment', { id });
      downloadBytes(letter.fileName, base64ToBytes(letter.bytesBase64));
    } catch (error) {
      if (error instanceof ApiCallError) setStatus({ kind: 'error', message: error.message });
      else throw error;
    }
  };

  return (
    <>
      <Heading level={1}>{t('responsesUi.responseTitle', { kenmerk: overview.kenmerk })}</Heading>
      <Paragraph>
        <a className="utrecht-link" href={hrefFor('/reacties')}>
          {t('responsesUi.backToDashboard')}
        </a>
      </Paragraph>
      <Paragraph>
        <strong>{overview.betreft}</strong>
      </Paragraph>
      {overview.sentOn && overview.responseDue && (
        <Paragraph data-testid="response-status">
          {t('responsesUi.responseSummary', { status: statusText(overview.status), sent: formatDateLong(overview.sentOn), due: formatDateLong(overview.responseDue.dueOn) })}{' '}
          {overview.status === 'verzonden' && overview.responseDue.state === 'te_laat' && (
            <span className="aw-late">{t('responses.due.te_laat', { days: overview.responseDue.daysOverdue })}</span>
          )}
        </Paragraph>
      )}
      <div className="aw-inline-form">
        {overview.status === 'reactie_ontvangen' && (
          <Button onClick={() => void run(() => apiWrite('responses.setStatus', { adviceId, status: 'afgerond' }))}>{t('responsesUi.markClosed')}</Button>
        )}
        {overview.status !== 'concept' && overview.status !== 'vastgesteld' && (
          <Button onClick={() => void offer(() => apiFetch('responses.exportExchange', { adviceId }), (message) => setStatus({ kind: 'error', message }))}>
            {t('responsesUi.exchangeExport')}
          </Button>
        )}
        {overview.status === 'afgerond' && (
          <Button onClick={() => void run(() => apiWrite('responses.setStatus', { adviceId, status: 'reactie_ontvangen' }))}>{t('responsesUi.reopen')}</Button>
        )}
      </div>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}

      <section className="aw-response-section" aria-labelledby="reactie">
        <Heading level={2} id="reactie">
          {t('responsesUi.responsesSection')}
        </Heading>
        {overview.responses.length === 0 ? (
          <Paragraph>{t('responsesUi.noResponse')}</Paragraph>
        ) : (
          <ul>
            {overview.responses.map((item) => (
              <li key={item.id}>
                {formatDateLong(item.receivedOn)}
                {item.kenmerk && ` – ${item.kenmerk}`}
                {item.summary && <Paragraph>{item.summary}</Paragraph>}
                {item.attachment && (
                  <Button onClick={() => void openLetter(item.id)}>
                    {t('responsesUi.openLetter')}: {item.attachment.fileName}
                  </Button>
                )}{' '}
                <Button
                  appearance="subtle"
                  aria-label={`${t('common.delete')}: ${t('responsesUi.responsesSection')} ${formatDateShort(item.receivedOn)}`}
                  onClick={() => setRemoving({ name: `${t('responsesUi.responsesSection')} ${formatDateShort(item.receivedOn)}`, remove: () => apiWrite('responses.delete', { id: item.id }) })}
                >
                  {t('common.delete')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {overview.status !== 'concept' && overview.status !== 'vastgesteld' && (
          <form onSubmit={(event) => void recordResponse(event)} aria-label={t('responsesUi.recordResponse')}>
            <div className="aw-inline-form">
              <TextField label={t('responsesUi.receivedOn')} type="date" required value={response.receivedOn} onChange={(event) => setResponse({ ...response, receivedOn: event.target.value })} />
              <TextField label={t('responsesUi.responseKenmerk')} value={response.kenmerk} onChange={(event) => setResponse({ ...response, kenmerk: event.target.value })} />
            </div>
            <TextAreaField label={t('responsesUi.summary')} value={response.summary} onChange={(event) => setResponse({ ...response, summary: event.target.value })} />
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="antwoordbrief">
                {t('responsesUi.letter')}
              </label>
              <input id="antwoordbrief" type="file" accept=".pdf,.docx,.doc" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
            </div>
            <Button type="submit" appearance="primary">
              {t('responsesUi.recordResponse')}
            </Button>
          </form>
        )}
      </section>

      <section className="aw-response-section" aria-labelledby="aanbevelingen">
        <Heading level={2} id="aanbevelingen">
          {t('responsesUi.recommendationsSection')}
        </Heading>
        <Paragraph>{t('responsesUi.recommendationsHelp')}</Paragraph>
        {overview.recommendations.length === 0 ? (
          <Paragraph>{t('responsesUi.noRecommendations')}</Paragraph>
        ) : (
          <ol className="aw-recommendations" style={{ listStyle: 'none', padding: 0 }}>
            {overview.recommendations.map((row) => (
              <RecommendationCard
                key={row.itemId}
                row={row}
                onSave={(input) => void run(() => apiWrite('responses.setPosition', { itemId: row.itemId, ...input }))}
              />
            ))}
          </ol>
        )}
      </section>

      <section className="aw-response-section" aria-labelledby="toezeggingen-advies">
        <Heading level={2} id="toezeggingen-advies">
          {t('responsesUi.commitmentsSection')}
        </Heading>
        {overview.commitments.length === 0 ? (
          <Paragraph>{t('responsesUi.noCommitments')}</Paragraph>
        ) : (
          <PlainTable
            label={t('responsesUi.commitmentsSection')}
            rows={overview.commitments}
            rowKey={(item) => item.id}
            columns={[
              { key: 'toezegging', header: t('responsesUi.commitment'), cell: (item) => item.description },
              { key: 'eigenaar', header: t('responsesUi.owner'), cell: (item) => item.owner },
              {
                key: 'termijn',
                header: t('responsesUi.commitmentDue'),
                cell: (item) => (
                  <>
                    {formatDateShort(item.dueOn)}{' '}
                    {item.due.state === 'te_laat' && (item.status === 'open' || item.status === 'lopend') && (
                      <span className="aw-late">{t('responses.due.te_laat', { days: item.due.daysOverdue })}</span>
                    )}
                  </>
                ),
              },
              {
                key: 'aanbevelingen',
                header: t('responsesUi.linkedRecommendations'),
                cell: (item) => item.itemIds.map((itemId) => overview.recommendations.find((row) => row.itemId === itemId)?.number ?? '').join(', '),
              },
              {
                key: 'status',
                header: t('responsesUi.status'),
                cell: (item) => (
                  <>
                    <label className="aw-visually-hidden" htmlFor={`status-${item.id}`}>
                      {t('responsesUi.status')}: {item.description}
                    </label>
                    <select
                      id={`status-${item.id}`}
                      className="utrecht-select"
                      value={item.status}
                      onChange={(event) => void run(() => apiWrite('commitments.update', { id: item.id, status: event.target.value as CommitmentStatus }))}
                    >
                      {COMMITMENT_STATUSES.map((value) => (
                        <option key={value} value={value}>
                          {t(`responses.commitmentStatus.${value}`)}
                        </option>
                      ))}
                    </select>
                  </>
                ),
              },
              {
                key: 'acties',
                header: t('common.actions'),
                cell: (item) => (
                  <div className="aw-button-row">
                    <Button appearance="subtle" aria-label={`${t('responsesUi.editCommitment')}: ${item.description}`} onClick={() => setEditingCommitment(item)}>
                      {t('common.edit')}
                    </Button>
                    <Button
                      appearance="subtle"
                      aria-label={`${t('common.delete')}: ${item.description}`}
                      onClick={() => setRemoving({ name: item.description, remove: () => apiWrite('commitments.delete', { id: item.id }) })}
                    >
                      {t('common.delete')}
                    </Button>
                  </div>
                ),
              },
            ]}
          />
        )}
        {editingCommitment ? (
          <CommitmentForm
            key={editingCommitment.id}
            adviceId={adviceId}
            today={todayInNetherlands()}
            recommendations={overview.recommendations}
            editing={editingCommitment}
            onSaved={commitmentSaved}
            onCancel={() => setEditingCommitment(null)}
          />
        ) : (
          overview.status !== 'concept' &&
          overview.status !== 'vastgesteld' && (
            <CommitmentForm adviceId={adviceId} today={todayInNetherlands()} recommendations={overview.recommendations} onSaved={commitmentSaved} />
          )
        )}
      </section>

      <section className="aw-response-section" aria-labelledby="opvolging">
        <Heading level={2} id="opvolging">
          {t('responsesUi.logSection')}
        </Heading>
        {overview.log.length === 0 ? (
          <Paragraph>{t('responsesUi.noLog')}</Paragraph>
        ) : (
          <ul>
            {overview.log.map((item) => (
              <li key={item.id}>
                {formatDateShort(item.entryOn)} – {item.who}: {item.text}{' '}
                {item.containsPersonalData && `(${t('findings.personalDataShort')}) `}
                <Button
                  appearance="subtle"
                  aria-label={`${t('common.delete')}: ${item.text.slice(0, 60)}`}
                  onClick={() => setRemoving({ name: item.text.slice(0, 60), remove: () => apiWrite('followup.delete', { id: item.id }) })}
                >
                  {t('common.delete')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {overview.status !== 'concept' && overview.status !== 'vastgesteld' && (
          <form onSubmit={(event) => void addEntry(event)} aria-label={t('responsesUi.addLog')}>
            <div className="aw-inline-form">
              <TextField label={t('responsesUi.logDate')} type="date" required value={entry.entryOn} onChange={(event) => setEntry({ ...entry, entryOn: event.target.value })} />
            </div>
            <TextAreaField label={t('responsesUi.logText')} value={entry.text} onChange={(event) => setEntry({ ...entry, text: event.target.value })} />
            <CheckboxField label={t('findings.personalData')} checked={entry.containsPersonalData} onChange={(checked) => setEntry({ ...entry, containsPersonalData: checked })} />
            <Button type="submit">{t('responsesUi.addLog')}</Button>
          </form>
        )}
      </section>

      <ConfirmDialog
        open={removing !== null}
        title={t('common.delete')}
        message={t('common.confirmDelete', { name: removing?.name ?? '' })}
        confirmLabel={t('common.delete')}
        onConfirm={() => {
          const current = removing;
          setRemoving(null);
          if (current) void run(current.remove);
        }}
        onCancel={() => setRemoving(null)}
      />

      <section className="aw-response-section" aria-labelledby="statusgeschiedenis">
        <Heading level={2} id="statusgeschiedenis">
          {t('responsesUi.statusLogSection')}
        </Heading>
        <ul>
          {overview.statusLog.map((change, index) => (
            <li key={index}>
              {formatDateTime(change.changedAt)} – {change.fromStatus ? t('responsesUi.statusChange', { from: statusText(change.fromStatus), to: statusText(change.toStatus) }) : statusText(change.toStatus)}
              {change.changedBy && ` (${change.changedBy})`}
            </li>
          ))}
        </ul>
      </section>

      <HistorySection table="advices" recordId={adviceId} tables={FOLLOWUP_HISTORY_TABLES} />
    </>
  );
}
