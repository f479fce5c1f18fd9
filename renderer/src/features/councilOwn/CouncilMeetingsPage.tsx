import type { z } from 'zod';
import { meetingInput } from '../../../../shared/api/council-own';
import { formatDateLong, t } from '../../../../shared/i18n';
import { useApiMutation } from '../../data/queries';
import { hrefFor } from '../../app/router';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { CouncilTabs, useLoaded } from './shared';

export function CouncilMeetingsPage() {
  const { value: meetings, error } = useLoaded('councilMeetings.list');
  const form = useContractForm(meetingInput, { defaultValues: { date: '', startTime: '19:30', place: '', guests: '' } });
  const { register, formState } = form;
  const errors = formState.errors;
  const create = useApiMutation('councilMeetings.create');

  async function add(values: z.output<typeof meetingInput>) {
    const created = await create.run(values);
    if (created) window.location.hash = hrefFor(`/raad/vergaderingen/${created.id}`);
  }

  return (
    <>
      <Heading level={1}>{t('councilOwn.meetingsTitle')}</Heading>
      <CouncilTabs />
      <Paragraph>{t('councilOwn.meetingsIntro')}</Paragraph>
      {error && <Alert kind="error">{error}</Alert>}
      <section className="aw-card" aria-labelledby="vergaderingen-lijst">
        <Heading level={2} id="vergaderingen-lijst">
          {t('councilOwn.meetingsTitle')}
        </Heading>
        {meetings && meetings.length === 0 && <Paragraph>{t('councilOwn.noMeetings')}</Paragraph>}
        <ul>
          {meetings?.map((meeting) => (
            <li key={meeting.id}>
              <a className="utrecht-link" href={hrefFor(`/raad/vergaderingen/${meeting.id}`)}>
                {t('councilOwn.meetingTitle', { date: formatDateLong(meeting.date) })}
              </a>
              {meeting.place && <span className="aw-muted">, {meeting.place}</span>}
            </li>
          ))}
        </ul>
      </section>
      <section className="aw-card" aria-labelledby="vergadering-toevoegen">
        <Heading level={2} id="vergadering-toevoegen">
          {t('councilOwn.newMeeting')}
        </Heading>
        <ContractForm id="vergadering" form={form} onSubmit={add} submitLabel={t('councilOwn.newMeeting')}>
          <div className="aw-field-row">
            <TextField type="date" label={t('councilOwn.meetingDate')} error={errors.date?.message} {...register('date')} />
            <TextField type="time" label={t('councilOwn.startTime')} error={errors.startTime?.message} {...register('startTime')} />
            <TextField label={t('councilOwn.place')} error={errors.place?.message} {...register('place')} />
          </div>
          <TextField label={t('councilOwn.guests')} error={errors.guests?.message} {...register('guests')} />
        </ContractForm>
      </section>
    </>
  );
}
