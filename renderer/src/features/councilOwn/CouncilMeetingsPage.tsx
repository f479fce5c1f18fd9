import { useState, type FormEvent } from 'react';
import { formatDateLong, t } from '../../../../shared/i18n';
import { apiWrite } from '../../data/queries';
import { hrefFor } from '../../app/router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { CouncilTabs, useLoaded } from './shared';

export function CouncilMeetingsPage() {
  const { value: meetings, error, fields, run } = useLoaded('councilMeetings.list');
  const [form, setForm] = useState({ date: '', startTime: '19:30', place: '', guests: '' });

  async function add(event: FormEvent) {
    event.preventDefault();
    let id = '';
    const ok = await run(async () => {
      id = (await apiWrite('councilMeetings.create', form)).id;
    });
    if (ok) window.location.hash = hrefFor(`/raad/vergaderingen/${id}`);
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
        <form onSubmit={(event) => void add(event)} noValidate>
          <div className="aw-field-row">
            <TextField type="date" label={t('councilOwn.meetingDate')} value={form.date} error={fields.date} onChange={(event) => setForm({ ...form, date: event.target.value })} />
            <TextField type="time" label={t('councilOwn.startTime')} value={form.startTime} error={fields.startTime} onChange={(event) => setForm({ ...form, startTime: event.target.value })} />
            <TextField label={t('councilOwn.place')} value={form.place} error={fields.place} onChange={(event) => setForm({ ...form, place: event.target.value })} />
          </div>
          <TextField label={t('councilOwn.guests')} value={form.guests} error={fields.guests} onChange={(event) => setForm({ ...form, guests: event.target.value })} />
          <Button appearance="primary" type="submit">
            {t('councilOwn.newMeeting')}
          </Button>
        </form>
      </section>
    </>
  );
}
