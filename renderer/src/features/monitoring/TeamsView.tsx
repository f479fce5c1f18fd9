import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Wijkteam } from '../../../../shared/api/monitoring';
import type { Wijk } from '../../../../shared/api/wijken';
import { formatDateLong, t } from '../../../../shared/i18n';
import { hrefFor } from '../../app/router';
import { apiWrite, NO_ROWS, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { TextAreaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { linesOf } from '../../ui/lines';
import { SaveCancel, useApiErrors } from './shared';

type Editing = { mode: 'new' } | { mode: 'edit'; team: Wijkteam } | null;

function TeamForm({ editing, wijken, onSaved, onCancel }: { editing: Exclude<Editing, null>; wijken: Wijk[]; onSaved(team: Wijkteam): void; onCancel(): void }) {
  const team = editing.mode === 'edit' ? editing.team : null;
  const [name, setName] = useState(team?.name ?? '');
  const [wijkIds, setWijkIds] = useState<string[]>(team?.wijken.map((wijk) => wijk.id) ?? []);
  const [organisations, setOrganisations] = useState(team?.organisations.join('\n') ?? '');
  const [disciplines, setDisciplines] = useState(team?.disciplines.join('\n') ?? '');
  const [contact, setContact] = useState(team?.contact ?? '');
  const [activeFrom, setActiveFrom] = useState(team?.activeFrom ?? '');
  const [activeTo, setActiveTo] = useState(team?.activeTo ?? '');
  const { errors, capture, field } = useApiErrors();
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      name,
      wijkIds,
      organisations: linesOf(organisations),
      disciplines: linesOf(disciplines),
      contact,
      activeFrom: activeFrom || null,
      activeTo: activeTo || null,
    };
    try {
      onSaved(team ? await apiWrite('wijkteams.update', { id: team.id, ...fields }) : await apiWrite('wijkteams.create', fields));
    } catch (error) {
      capture(error);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="team-form-titel" className="aw-card">
      <Heading level={3} id="team-form-titel">
        {team ? t('monitoring.editTeam', { name: team.name }) : t('monitoring.newTeam')}
      </Heading>
      <TextField ref={nameRef} label={t('monitoring.teamName')} value={name} onChange={(event) => setName(event.target.value)} error={field('name')} />
      <fieldset className="utrecht-form-fieldset aw-choice">
        <legend className="utrecht-form-fieldset__legend utrecht-form-label">{t('monitoring.wijken')}</legend>
        {wijken.length === 0 ? (
          <Paragraph className="aw-muted">{t('monitoring.noWijken')}</Paragraph>
        ) : (
          <div className="aw-choice__options">
            {wijken.map((wijk) => (
              <label key={wijk.id} className="aw-choice__option">
                <input
                  type="checkbox"
                  checked={wijkIds.includes(wijk.id)}
                  onChange={(event) => setWijkIds((ids) => (event.target.checked ? [...ids, wijk.id] : ids.filter((id) => id !== wijk.id)))}
                />{' '}
                {wijk.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <TextAreaField label={t('monitoring.organisations')} description={t('monitoring.organisationsHint')} value={organisations} onChange={(event) => setOrganisations(event.target.value)} error={field('organisations')} />
      <TextAreaField label={t('monitoring.disciplines')} description={t('monitoring.disciplinesHint')} value={disciplines} onChange={(event) => setDisciplines(event.target.value)} error={field('disciplines')} />
      <TextField label={`${t('monitoring.contact')} ${t('common.optional')}`} value={contact} onChange={(event) => setContact(event.target.value)} error={field('contact')} />
      <div className="aw-field-row">
        <TextField label={`${t('monitoring.activeFrom')} ${t('common.optional')}`} type="date" value={activeFrom} onChange={(event) => setActiveFrom(event.target.value)} error={field('activeFrom')} />
        <TextField label={`${t('monitoring.activeTo')} ${t('common.optional')}`} type="date" value={activeTo} onChange={(event) => setActiveTo(event.target.value)} error={field('activeTo')} />
      </div>
      <SaveCancel error={errors?.message} onCancel={onCancel} />
    </form>
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
