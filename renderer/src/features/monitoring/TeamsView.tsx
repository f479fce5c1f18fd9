import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { wijkteamInput, type Wijkteam } from '../../../../shared/api/monitoring';
import type { Wijk } from '../../../../shared/api/wijken';
import { formatDateLong, t } from '../../../../shared/i18n';
import { hrefFor } from '../../app/router';
import { apiWrite, NO_ROWS, useApiMutation, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { TextAreaField, TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { linesOf } from '../../ui/lines';

type Editing = { mode: 'new' } | { mode: 'edit'; team: Wijkteam } | null;

/** The team as typed (one name a line, no date: empty), checked by the contract's schema. */
const teamFormTyped = z
  .object({
    name: z.string(),
    wijkIds: z.array(z.string()),
    organisations: z.string(),
    disciplines: z.string(),
    contact: z.string(),
    activeFrom: z.string(),
    activeTo: z.string(),
  })
  .transform((values) => ({
    ...values,
    organisations: linesOf(values.organisations),
    disciplines: linesOf(values.disciplines),
    activeFrom: values.activeFrom || null,
    activeTo: values.activeTo || null,
  }));
const teamFormSchema = teamFormTyped.pipe(wijkteamInput as unknown as z.ZodType<z.output<typeof wijkteamInput>, z.output<typeof teamFormTyped>>);

/** A list typed one a line: its error is on a line (organisations.2); the field shows the first. */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && message) return message;
  for (const [key, value] of Object.entries(error)) {
    const found = key === 'ref' ? undefined : firstMessage(value);
    if (found) return found;
  }
  return undefined;
}

function TeamForm({ editing, wijken, onSaved, onCancel }: { editing: Exclude<Editing, null>; wijken: Wijk[]; onSaved(team: Wijkteam): void; onCancel(): void }) {
  const team = editing.mode === 'edit' ? editing.team : null;
  const form = useContractForm(teamFormSchema, {
    defaultValues: {
      name: team?.name ?? '',
      wijkIds: team?.wijken.map((wijk) => wijk.id) ?? [],
      organisations: team?.organisations.join('\n') ?? '',
      disciplines: team?.disciplines.join('\n') ?? '',
      contact: team?.contact ?? '',
      activeFrom: team?.activeFrom ?? '',
      activeTo: team?.activeTo ?? '',
    },
  });
  const { register, watch, setValue, setFocus, formState } = form;
  const errors = formState.errors;
  const wijkIds = watch('wijkIds');
  const create = useApiMutation('wijkteams.create');
  const update = useApiMutation('wijkteams.update');
  useEffect(() => setFocus('name'), [setFocus]);

  const submit = async (values: z.output<typeof teamFormSchema>) => {
    const saved = team ? await update.run({ id: team.id, ...values }) : await create.run(values);
    if (saved) onSaved(saved);
  };

  return (
    <ContractForm
      id="team"
      form={form}
      onSubmit={submit}
      submitLabel={t('common.save')}
      actions={<Button onClick={onCancel}>{t('common.cancel')}</Button>}
      aria-labelledby="team-form-titel"
      className="aw-card"
    >
      <Heading level={3} id="team-form-titel">
        {team ? t('monitoring.editTeam', { name: team.name }) : t('monitoring.newTeam')}
      </Heading>
      <TextField label={t('monitoring.teamName')} error={errors.name?.message} {...register('name')} />
      <fieldset className="utrecht-form-fieldset aw-choice">
        <legend className="utrecht-form-fieldset__legend utrecht-form-label">{t('monitoring.wijken')}</legend>
        {firstMessage(errors.wijkIds) && <div className="utrecht-form-field-error-message">{firstMessage(errors.wijkIds)}</div>}
        {wijken.length === 0 ? (
          <Paragraph className="aw-muted">{t('monitoring.noWijken')}</Paragraph>
        ) : (
          <div className="aw-choice__options">
            {wijken.map((wijk) => (
              <label key={wijk.id} className="aw-choice__option">
                <input
                  type="checkbox"
                  checked={wijkIds.includes(wijk.id)}
                  onChange={(event) =>
                    setValue('wijkIds', event.target.checked ? [...wijkIds, wijk.id] : wijkIds.filter((id) => id !== wijk.id), { shouldDirty: true })
                  }
                />{' '}
                {wijk.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <TextAreaField label={t('monitoring.organisations')} description={t('monitoring.organisationsHint')} error={firstMessage(errors.organisations)} {...register('organisations')} />
      <TextAreaField label={t('monitoring.disciplines')} description={t('monitoring.disciplinesHint')} error={firstMessage(errors.disciplines)} {...register('disciplines')} />
      <TextField label={`${t('monitoring.contact')} ${t('common.optional')}`} error={errors.contact?.message} {...register('contact')} />
      <div className="aw-field-row">
        <TextField label={`${t('monitoring.activeFrom')} ${t('common.optional')}`} type="date" error={errors.activeFrom?.message} {...register('activeFrom')} />
        <TextField label={`${t('monitoring.activeTo')} ${t('common.optional')}`} type="date" error={errors.activeTo?.message} {...register('activeTo')} />
      </div>
    </ContractForm>
  );
}

export function TeamsView({ teams, onChanged }: { teams: Wijkteam[]; onChanged(): Promise<void> }) {
  const wijken = useApiQuery('wijken.list').data ?? NO_ROWS;
  const [editing, setEditing] = useState<Editing>(null);
  const [toDelete, setToDelete] = useState<Wijkteam | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const confirmDelete = async () => {
    if (!toDelete) return;
    const team = toDelete;
    setToDelete(null);
    try {
      await apiWrite('wijkteams.delete', { id: team.id });
      setStatus({ kind: 'ok', message: t('adviceTrash.teamTrashed', { name: team.name }) });
      await onChanged();
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
    addButton.current?.focus();
  };

  return (
    <section className="aw-card" aria-labelledby="teams-titel">
      <Heading level={2} id="teams-titel">
        {t('monitoring.teamsTitle')}
      </Heading>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      {editing ? (
        <TeamForm
          key={editing.mode === 'edit' ? editing.team.id : 'nieuw'}
          editing={editing}
          wijken={wijken}
          onCancel={() => setEditing(null)}
          onSaved={async (team) => {
            setEditing(null);
            setStatus({ kind: 'ok', message: t('common.savedName', { name: team.name }) });
            await onChanged();
            addButton.current?.focus();
          }}
        />
      ) : (
        <div className="aw-button-row">
          <Button appearance="primary" ref={addButton} onClick={() => setEditing({ mode: 'new' })}>
            {t('monitoring.addTeam')}
          </Button>
        </div>
      )}
      {teams.length === 0 ? (
        <Paragraph>{t('monitoring.noTeams')}</Paragraph>
      ) : (
        <DataTable
          caption={t('monitoring.teamsTitle')}
          sortable={false}
          rows={teams}
          getRowId={(team) => team.id}
          columns={[
            { id: 'naam', header: t('monitoring.teamName'), cell: ({ row: { original: team } }) => <a href={hrefFor(`/wijkteams/teams/${team.id}`)}>{team.name}</a> },
            { id: 'wijken', header: t('monitoring.wijken'), cell: ({ row: { original: team } }) => team.wijken.map((wijk) => wijk.name).join(', ') },
            { id: 'samenstelling', header: t('monitoring.composition'), cell: ({ row: { original: team } }) => team.disciplines.join(', ') },
            {
              id: 'actief',
              header: t('monitoring.activeFrom'),
              cell: ({ row: { original: team } }) => (
                <>
                  {team.activeFrom ? formatDateLong(team.activeFrom) : ''}
                  {team.activeTo ? ` – ${formatDateLong(team.activeTo)}` : ''}
                </>
              ),
            },
            {
              id: 'acties',
              header: t('common.actions'),
              cell: ({ row: { original: team } }) => (
                <div className="aw-button-row">
                  <Button appearance="subtle" onClick={() => setEditing({ mode: 'edit', team })} aria-label={`${t('common.edit')}: ${team.name}`}>
                    {t('common.edit')}
                  </Button>
                  <Button appearance="subtle" onClick={() => setToDelete(team)} aria-label={`${t('common.delete')}: ${team.name}`}>
                    {t('common.delete')}
                  </Button>
                </div>
              ),
            },
          ]}
        />
      )}
      <ConfirmDialog
        open={toDelete !== null}
        title={t('common.delete')}
        message={toDelete ? t('adviceTrash.confirmTeamToTrash', { name: toDelete.name }) : ''}
        confirmLabel={t('common.delete')}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      />
    </section>
  );
}
