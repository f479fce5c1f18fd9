import { useState, type ReactNode } from 'react';
import type { AdviceDetail, AdviceRequest } from '../../../../shared/api/advices';
import type { Meeting } from '../../../../shared/api/meetings';
import type { MethodInput } from '../../../../shared/api/contract';
import { formatDateLong, t } from '../../../../shared/i18n';
import { apiWrite } from '../../data/queries';
import { Heading } from '../../ui/Heading';
import { linesOf } from '../../ui/lines';
import { daysLeftText } from './AdvicesListPage';
import { AutosaveTextArea, AutosaveTextField, type FieldBase } from './Autosave';
import { letterField, type FieldReader } from './advice-fields';
import type { OutlineActions } from './Outline';

/** The letter's fields that are one line or block of text, saved as typed. */
type TextFieldName = 'betreft' | 'kenmerk' | 'adviceDate' | 'addressee' | 'openingText' | 'closingText';

/** Checkboxes for the records an advice links to (earlier advices, meetings): the ticked ids, changed one at a time. */
function ChoiceList({ legend, options, chosen, onChange }: { legend: ReactNode; options: { id: string; label: string }[]; chosen: string[]; onChange(ids: string[]): void }) {
  return (
    <fieldset className="utrecht-form-fieldset aw-related">
      {legend}
      {options.map((option) => (
        <label key={option.id} className="aw-checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(option.id)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id))}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The signatories as their field shows them: one "name, role" a line. */
function signatoriesText(advice: AdviceDetail): string {
  return advice.signatories.map((signatory) => `${signatory.name}, ${signatory.role}`).join('\n');
}

function ccText(advice: AdviceDetail): string {
  return advice.cc.join('\n');
}

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
  type Fields = Omit<MethodInput<'advices.update'>, 'id' | 'expectedUpdatedAt'>;
  const write = (fields: Fields) => (expectedUpdatedAt: string | undefined) => apiWrite('advices.update', { id: advice.id, ...fields, expectedUpdatedAt });
  /** A text field of the letter, saved on the version its text was typed on. */
  const saveText = (read: FieldReader, fields: Fields, base: FieldBase) => actions.saveField(read, base, write(fields));
  /** A choice (`read` says what it was when made), saved on the version it was made on. */
  const choose = (read: FieldReader, fields: Fields) => void actions.change(read, read(advice)?.value ?? '', write(fields));
  /** The value, version and autosave of one text field of the letter. */
  const text = (field: TextFieldName) => ({
    value: advice[field],
    version: advice.updatedAt,
    onSave: (value: string, base: FieldBase) => saveText(letterField((current) => current[field]), { [field]: value }, base),
  });
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
      <AutosaveTextField label={t('advicesUi.betreft')} {...text('betreft')} />
      <div className="aw-field-row">
        <AutosaveTextField label={t('advicesUi.kenmerk')} {...text('kenmerk')} />
        <AutosaveTextField type="date" label={t('advicesUi.adviceDate')} {...text('adviceDate')} />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="advies-soort-wijzig">
            {t('advicesUi.kind')}
          </label>
          <select id="advies-soort-wijzig" className="utrecht-select" value={advice.kind} onChange={(event) => choose(letterField((current) => current.kind), { kind: event.target.value as AdviceDetail['kind'] })}>
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
          <select id="advies-aanvraag-wijzig" className="utrecht-select" value={advice.requestId ?? ''} onChange={(event) => choose(letterField((current) => current.requestId), { requestId: event.target.value || null })}>
            <option value="">{t('advicesUi.noRequest')}</option>
            {requests.map((request) => (
              <option key={request.id} value={request.id}>
                {request.subject} ({daysLeftText(request)})
              </option>
            ))}
          </select>
        </div>
      )}
      <AutosaveTextArea label={t('advicesUi.addressee')} {...text('addressee')} />
      {others.length > 0 && (
        <ChoiceList
          legend={<legend className="utrecht-form-label">{t('advicesUi.references')}</legend>}
          options={others.map((other) => ({ id: other.id, label: `${other.kenmerk} ${other.betreft} (${formatDateLong(other.adviceDate)})` }))}
          chosen={advice.references.map((reference) => reference.id)}
          onChange={(referenceIds) => choose(letterField((current) => current.references.map((reference) => reference.id)), { referenceIds })}
        />
      )}
      {meetings.length > 0 && (
        <details>
          <summary>
            {t('advicesUi.meetings')} ({advice.meetingIds.length})
          </summary>
          <ChoiceList
            legend={<legend className="aw-visually-hidden">{t('advicesUi.meetings')}</legend>}
            options={meetings.map((meeting) => ({ id: meeting.id, label: `${meeting.title} (${formatDateLong(meeting.date)})` }))}
            chosen={advice.meetingIds}
            onChange={(meetingIds) => choose(letterField((current) => current.meetingIds), { meetingIds })}
          />
        </details>
      )}
      <AutosaveTextArea label={t('advicesUi.openingText')} description={t('advicesUi.openingHint')} rows={4} {...text('openingText')} />
      <AutosaveTextArea label={t('advicesUi.closingText')} {...text('closingText')} />
      <AutosaveTextArea
        label={t('advicesUi.signatories')}
        description={t('advicesUi.signatoriesHint')}
        value={signatoriesText(advice)}
        version={advice.updatedAt}
        onSave={(lines, base) =>
          saveText(
            letterField(signatoriesText),
            {
              signatories: linesOf(lines).map((line) => {
                const comma = line.lastIndexOf(',');
                return comma < 0 ? { name: line, role: '' } : { name: line.slice(0, comma).trim(), role: line.slice(comma + 1).trim() };
              }),
            },
            base,
          )
        }
      />
      <AutosaveTextArea label={t('advicesUi.cc')} value={ccText(advice)} version={advice.updatedAt} onSave={(cc, base) => saveText(letterField(ccText), { cc: linesOf(cc) }, base)} />
      </details>
    </section>
  );
}
