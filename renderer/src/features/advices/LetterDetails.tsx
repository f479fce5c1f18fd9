import { useState } from 'react';
import type { AdviceDetail, AdviceRequest } from '../../../../shared/api/advices';
import type { Meeting } from '../../../../shared/api/meetings';
import type { MethodInput } from '../../../../shared/api/contract';
import { formatDateLong, t } from '../../../../shared/i18n';
import { apiWrite } from '../../data/queries';
import { Heading } from '../../ui/Heading';
import { daysLeftText } from './AdvicesListPage';
import { AutosaveTextArea, AutosaveTextField } from './Autosave';
import type { OutlineActions } from './Outline';

export function LetterDetails({
  advice,
  requests,
  others,
  meetings,
  actions,
}: {
  advice: AdviceDetail;
  requests: AdviceRequest[];
  others: AdviceDetail['references'];
  meetings: Meeting[];
  actions: OutlineActions;
}) {
  const save = (fields: Omit<MethodInput<'advices.update'>, 'id'>) => actions.run(() => apiWrite('advices.update', { id: advice.id, ...fields }));
  // Folded away once the letter has items, so the outline is near the top on a laptop; open for a new advice.
  const [open, setOpen] = useState(() => advice.sections.every((section) => section.items.length === 0));
  return (
    <section className="aw-card aw-letter-details" aria-labelledby="brief-gegevens-titel">
      <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <Heading level={2} id="brief-gegevens-titel">
            {t('advicesUi.letterDetails')}
          </Heading>
          {!open && <span className="aw-muted"> {[advice.kenmerk, advice.betreft, formatDateLong(advice.adviceDate)].filter(Boolean).join(' · ')}</span>}
        </summary>
      <AutosaveTextField label={t('advicesUi.betreft')} value={advice.betreft} onSave={(betreft) => save({ betreft })} />
      <div className="aw-field-row">
        <AutosaveTextField label={t('advicesUi.kenmerk')} value={advice.kenmerk} onSave={(kenmerk) => save({ kenmerk })} />
        <AutosaveTextField type="date" label={t('advicesUi.adviceDate')} value={advice.adviceDate} onSave={(adviceDate) => save({ adviceDate })} />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="advies-soort-wijzig">
            {t('advicesUi.kind')}
          </label>
          <select id="advies-soort-wijzig" className="utrecht-select" value={advice.kind} onChange={(event) => void save({ kind: event.target.value as AdviceDetail['kind'] })}>
            <option value="ongevraagd">{t('advicesUi.kind_ongevraagd')}</option>
            <option value="gevraagd">{t('advicesUi.kind_gevraagd')}</option>
          </select>
        </div>
      </div>
      {advice.kind === 'gevraagd' && (
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="advies-aanvraag-wijzig">
            {t('advicesUi.request')}
          </label>
          <select id="advies-aanvraag-wijzig" className="utrecht-select" value={advice.requestId ?? ''} onChange={(event) => void save({ requestId: event.target.value || null })}>
            <option value="">{t('advicesUi.noRequest')}</option>
            {requests.map((request) => (
              <option key={request.id} value={request.id}>
                {request.subject} ({daysLeftText(request)})
              </option>
            ))}
          </select>
        </div>
      )}
      <AutosaveTextArea label={t('advicesUi.addressee')} value={advice.addressee} onSave={(addressee) => save({ addressee })} />
      {others.length > 0 && (
        <fieldset className="utrecht-form-fieldset aw-related">
          <legend className="utrecht-form-label">{t('advicesUi.references')}</legend>
          {others.map((other) => (
            <label key={other.id} className="aw-checkbox">
              <input
                type="checkbox"
                checked={advice.references.some((reference) => reference.id === other.id)}
                onChange={(event) => {
                  const current = advice.references.map((reference) => reference.id);
                  void save({ referenceIds: event.target.checked ? [...current, other.id] : current.filter((id) => id !== other.id) });
                }}
              />{' '}
              {other.kenmerk} {other.betreft} ({formatDateLong(other.adviceDate)})
            </label>
          ))}
        </fieldset>
      )}
      {meetings.length > 0 && (
        <details>
          <summary>
            {t('advicesUi.meetings')} ({advice.meetingIds.length})
          </summary>
          <fieldset className="utrecht-form-fieldset aw-related">
            <legend className="aw-visually-hidden">{t('advicesUi.meetings')}</legend>
            {meetings.map((meeting) => (
              <label key={meeting.id} className="aw-checkbox">
                <input
                  type="checkbox"
                  checked={advice.meetingIds.includes(meeting.id)}
                  onChange={(event) =>
                    void save({ meetingIds: event.target.checked ? [...advice.meetingIds, meeting.id] : advice.meetingIds.filter((id) => id !== meeting.id) })
                  }
                />{' '}
                {meeting.title} ({formatDateLong(meeting.date)})
              </label>
            ))}
          </fieldset>
        </details>
      )}
      <AutosaveTextArea label={t('advicesUi.openingText')} description={t('advicesUi.openingHint')} value={advice.openingText} rows={4} onSave={(openingText) => save({ openingText })} />
      <AutosaveTextArea label={t('advicesUi.closingText')} value={advice.closingText} onSave={(closingText) => save({ closingText })} />
      <AutosaveTextArea
        label={t('advicesUi.signatories')}
        description={t('advicesUi.signatoriesHint')}
        value={advice.signatories.map((signatory) => `${signatory.name}, ${signatory.role}`).join('\n')}
        onSave={(text) =>
          save({
            signatories: text
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean)
              .map((line) => {
                const comma = line.lastIndexOf(',');
                return comma < 0 ? { name: line, role: '' } : { name: line.slice(0, comma).trim(), role: line.slice(comma + 1).trim() };
              }),
          })
        }
      />
      <AutosaveTextArea
        label={t('advicesUi.cc')}
        value={advice.cc.join('\n')}
        onSave={(cc) =>
          save({
            cc: cc
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
          })
        }
      />
      </details>
    </section>
  );
}
