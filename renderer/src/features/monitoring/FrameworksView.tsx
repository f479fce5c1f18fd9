import { useState, type FormEvent } from 'react';
import type { CriteriaFramework, Criterion } from '../../../../shared/api/monitoring';
import { t } from '../../../../shared/i18n';
import { DIRECTIONS, formatValue, MEASURE_TYPES, type Direction, type MeasureType } from '../../../../shared/monitoring/measures';
import { apiWrite } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { TextAreaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { LabelledSelect, SaveCancel, useApiErrors } from './shared';

type Status = { kind: 'ok' | 'error'; message: string } | null;

function FrameworkForm({ framework, onSaved, onCancel }: { framework: CriteriaFramework | null; onSaved(): void; onCancel(): void }) {
  const [name, setName] = useState(framework?.name ?? '');
  const [description, setDescription] = useState(framework?.description ?? '');
  const [source, setSource] = useState(framework?.source ?? '');
  const { errors, capture, field } = useApiErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (framework) await apiWrite('frameworks.update', { id: framework.id, name, description, source });
      else await apiWrite('frameworks.create', { name, description, source });
      onSaved();
    } catch (error) {
      capture(error);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="aw-card" aria-labelledby="kader-form-titel">
      <Heading level={3} id="kader-form-titel">
        {framework ? t('monitoring.editFramework', { name: framework.name }) : t('monitoring.newFramework')}
      </Heading>
      <TextField label={t('monitoring.frameworkName')} value={name} onChange={(event) => setName(event.target.value)} error={field('name')} autoFocus />
      <TextAreaField label={`${t('monitoring.frameworkDescription')} ${t('common.optional')}`} value={description} onChange={(event) => setDescription(event.target.value)} error={field('description')} />
      <TextField label={`${t('monitoring.source')} ${t('common.optional')}`} value={source} onChange={(event) => setSource(event.target.value)} error={field('source')} />
      <SaveCancel error={errors?.message} onCancel={onCancel} />
    </form>
  );
}

function CriterionForm({ framework, criterion, onSaved, onCancel }: { framework: CriteriaFramework; criterion: Criterion | null; onSaved(): void; onCancel(): void }) {
  const [name, setName] = useState(criterion?.name ?? '');
  const [description, setDescription] = useState(criterion?.description ?? '');
  const [source, setSource] = useState(criterion?.source ?? framework.source);
  const [measureType, setMeasureType] = useState<MeasureType>(criterion?.measureType ?? 'score');
  const [direction, setDirection] = useState<Direction>(criterion?.direction ?? 'higher_better');
  const [target, setTarget] = useState(criterion?.target === null || criterion === null ? '' : String(criterion.target));
  const { errors, capture, field } = useApiErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      name,
      description,
      source,
      measureType,
      direction: measureType === 'traffic_light' ? ('higher_better' as const) : direction,
      target: target.trim() === '' ? null : Number(target.replace(',', '.')),
    };
    try {
      if (criterion) await apiWrite('criteria.update', { id: criterion.id, ...fields });
      else await apiWrite('criteria.create', { frameworkId: framework.id, ...fields });
      onSaved();
    } catch (error) {
      capture(error);
    }
  };
  const idPrefix = `criterium-${criterion?.id ?? 'nieuw'}`;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="aw-card" aria-labelledby={`${idPrefix}-titel`}>
      <Heading level={3} id={`${idPrefix}-titel`}>
        {criterion ? t('monitoring.editCriterion', { name: criterion.name }) : t('monitoring.newCriterion', { framework: framework.name })}
      </Heading>
      <TextField label={t('monitoring.criterionName')} value={name} onChange={(event) => setName(event.target.value)} error={field('name')} autoFocus />
      <TextAreaField label={`${t('monitoring.criterionDescription')} ${t('common.optional')}`} value={description} onChange={(event) => setDescription(event.target.value)} />
      <TextField label={`${t('monitoring.source')} ${t('common.optional')}`} value={source} onChange={(event) => setSource(event.target.value)} />
      <div className="aw-field-row">
        <LabelledSelect
          id={`${idPrefix}-meetwijze`}
          label={t('monitoring.measureType')}
          error={field('measureType')}
          value={measureType}
          onChange={(event) => setMeasureType(event.target.value as MeasureType)}
        >
          {MEASURE_TYPES.map((option) => (
            <option key={option} value={option}>
              {t(`monitoring.measure.${option}`)}
            </option>
          ))}
        </LabelledSelect>
        {measureType !== 'traffic_light' && (
          <LabelledSelect id={`${idPrefix}-richting`} label={t('monitoring.directionLabel')} value={direction} onChange={(event) => setDirection(event.target.value as Direction)}>
            {DIRECTIONS.map((option) => (
              <option key={option} value={option}>
                {t(`monitoring.direction.${option}`)}
              </option>
            ))}
          </LabelledSelect>
        )}
        <TextField label={`${t('monitoring.target')} ${t('common.optional')}`} inputMode="decimal" value={target} onChange={(event) => setTarget(event.target.value)} error={field('target')} />
      </div>
      <SaveCancel error={errors?.message} onCancel={onCancel} />
    </form>
  );
}

type Editing =
  | { what: 'framework'; framework: CriteriaFramework | null }
  | { what: 'criterion'; framework: CriteriaFramework; criterion: Criterion | null }
  | null;

export function FrameworksView({ frameworks, onChanged }: { frameworks: CriteriaFramework[]; onChanged(): Promise<void> }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState<Status>(null);
  const [toDelete, setToDelete] = useState<{ kind: 'framework' | 'criterion'; id: string; name: string } | null>(null);

  const run = async (action: () => Promise<unknown>, okMessage: string) => {
    try {
      await action();
      setStatus({ kind: 'ok', message: okMessage });
      await onChanged();
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const saved = async () => {
    setEditing(null);
    setStatus({ kind: 'ok', message: t('common.saved') });
    await onChanged();
  };

  return (
    <>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      {editing?.what === 'framework' ? (
        <FrameworkForm framework={editing.framework} onSaved={() => void saved()} onCancel={() => setEditing(null)} />
      ) : (
        <div className="aw-button-row">
          <Button appearance="primary" onClick={() => setEditing({ what: 'framework', framework: null })}>
            {t('monitoring.addFramework')}
          </Button>
        </div>
      )}
      {frameworks.map((framework) => (
        <section key={framework.id} className="aw-card" aria-labelledby={`kader-${framework.id}`}>
          <Heading level={2} id={`kader-${framework.id}`}>
            {framework.name}
            {framework.builtinKey && <span className="aw-badge"> ({t('monitoring.builtin')})</span>}
          </Heading>
          {framework.description && <Paragraph>{framework.description}</Paragraph>}
          {framework.source && (
            <Paragraph className="aw-muted">
              {t('monitoring.source')}: {framework.source}
            </Paragraph>
          )}
          <div className="aw-button-row">
            <Button appearance="subtle" onClick={() => setEditing({ what: 'framework', framework })} aria-label={`${t('common.edit')}: ${framework.name}`}>
              {t('common.edit')}
            </Button>
            <Button appearance="subtle" onClick={() => setEditing({ what: 'criterion', framework, criterion: null })} aria-label={`${t('monitoring.addCriterion')}: ${framework.name}`}>
              {t('monitoring.addCriterion')}
            </Button>
            <Button appearance="subtle" onClick={() => setToDelete({ kind: 'framework', id: framework.id, name: framework.name })} aria-label={`${t('common.delete')}: ${framework.name}`}>
              {t('common.delete')}
            </Button>
          </div>
          {editing?.what === 'criterion' && editing.framework.id === framework.id && (
            <CriterionForm framework={framework} criterion={editing.criterion} onSaved={() => void saved()} onCancel={() => setEditing(null)} />
          )}
          <DataTable
            caption={`${t('monitoring.criteria')}: ${framework.name}`}
            sortable={false}
            rows={framework.criteria}
            getRowId={(criterion) => criterion.id}
            columns={[
              {
                id: 'naam',
                header: t('monitoring.criterionName'),
                cell: ({ row: { original: criterion } }) => (
                  <>
                    <strong>{criterion.name}</strong>
                    {criterion.retiredAt && <span className="aw-badge"> ({t('monitoring.retired')})</span>}
                    {criterion.description && <span className="aw-matrix__measure">{criterion.description}</span>}
                  </>
                ),
              },
              {
                id: 'meetwijze',
                header: t('monitoring.measureType'),
                cell: ({ row: { original: criterion } }) => (
                  <>
                    {t(`monitoring.measure.${criterion.measureType}`)}
                    {criterion.measureType !== 'traffic_light' && <span className="aw-matrix__measure">{t(`monitoring.direction.${criterion.direction}`)}</span>}
                  </>
                ),
              },
              {
                id: 'norm',
                header: t('monitoring.target'),
                cell: ({ row: { original: criterion } }) => (
                  <>
                    {criterion.target === null ? t('monitoring.targetNone') : formatValue(criterion.measureType, criterion.target)}
                    {criterion.assessmentCount > 0 && <span className="aw-matrix__measure">{t('monitoring.usedIn', { count: criterion.assessmentCount })}</span>}
                  </>
                ),
              },
              {
                id: 'acties',
                header: t('common.actions'),
                cell: ({ row: { original: criterion } }) => (
                  <div className="aw-button-row">
                    <Button appearance="subtle" onClick={() => setEditing({ what: 'criterion', framework, criterion })} aria-label={`${t('common.edit')}: ${criterion.name}`}>
                      {t('common.edit')}
                    </Button>
                    <Button
                      appearance="subtle"
                      onClick={() =>
                        void run(
                          () => apiWrite('criteria.setRetired', { id: criterion.id, retired: criterion.retiredAt === null }),
                          t('common.savedName', { name: criterion.name }),
                        )
                      }
                      aria-label={`${criterion.retiredAt === null ? t('monitoring.retire') : t('monitoring.reinstate')}: ${criterion.name}`}
                    >
                      {criterion.retiredAt === null ? t('monitoring.retire') : t('monitoring.reinstate')}
                    </Button>
                    <Button appearance="subtle" onClick={() => setToDelete({ kind: 'criterion', id: criterion.id, name: criterion.name })} aria-label={`${t('common.delete')}: ${criterion.name}`}>
                      {t('common.delete')}
                    </Button>
                  </div>
                ),
              },
            ]}
          />
        </section>
      ))}
      <ConfirmDialog
        open={toDelete !== null}
        title={t('common.delete')}
        message={toDelete ? t('common.confirmDelete', { name: toDelete.name }) : ''}
        confirmLabel={t('common.delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const item = toDelete;
          setToDelete(null);
          if (!item) return;
          void run(
            () => apiWrite(item.kind === 'framework' ? 'frameworks.delete' : 'criteria.delete', { id: item.id }),
            item.kind === 'framework' ? t('monitoring.frameworkDeleted', { name: item.name }) : t('monitoring.criterionDeleted', { name: item.name }),
          );
        }}
      />
    </>
  );
}
