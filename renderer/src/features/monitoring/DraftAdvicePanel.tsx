import { useEffect, useState } from 'react';
import type { DraftedAdvice, MonitoringMatrix } from '../../../../shared/api/monitoring';
import { t } from '../../../../shared/i18n';
import { formatValue } from '../../../../shared/monitoring/measures';
import { periodLabel } from '../../../../shared/monitoring/periods';
import { hrefFor } from '../../app/router';
import { apiWrite } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { useApiErrors } from './shared';

/** "Advies opstellen": choose assessments of the period and start a draft advice from them. */
export function DraftAdvicePanel({ matrix }: { matrix: MonitoringMatrix }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [betreft, setBetreft] = useState(t('monitoring.draftBetreftDefault', { period: periodLabel(matrix.periodKey) }));
  const [drafted, setDrafted] = useState<DraftedAdvice | null>(null);
  const { errors, capture, clear, field } = useApiErrors();
  useEffect(() => {
    setChosen([]);
    setDrafted(null);
    setBetreft(t('monitoring.draftBetreftDefault', { period: periodLabel(matrix.periodKey) }));
  }, [matrix.periodKey]);

  const options = matrix.rows.flatMap((row) =>
    row.cells.flatMap((cell, index) => {
      if (!cell.assessment) return [];
      const criterion = matrix.criteria[index]!;
      return [{ id: cell.assessment.id, label: `${row.team.name} – ${criterion.name}: ${formatValue(criterion.measureType, cell.assessment.value)}` }];
    }),
  );

  const submit = async () => {
    clear();
    try {
      setDrafted(await apiWrite('monitoring.draftAdvice', { assessmentIds: chosen, betreft }));
      setChosen([]);
    } catch (error) {
      capture(error);
    }
  };

  return (
    <section className="aw-card aw-screen-only" aria-labelledby="advies-opstellen-titel">
      <Heading level={2} id="advies-opstellen-titel">
        {t('monitoring.draftTitle')}
      </Heading>
      <Paragraph className="aw-muted">{t('monitoring.draftIntro')}</Paragraph>
      {options.length === 0 ? (
        <Paragraph>{t('monitoring.draftNoAssessments')}</Paragraph>
      ) : (
        <>
          <fieldset className="utrecht-form-fieldset aw-choice">
            <legend className="utrecht-form-fieldset__legend utrecht-form-label">{t('monitoring.draftChoose')}</legend>
            {field('assessmentIds') && <div className="utrecht-form-field-error-message">{field('assessmentIds')}</div>}
            <ul className="aw-finding-list">
              {options.map((option) => (
                <li key={option.id}>
                  <label className="aw-choice__option">
                    <input
                      type="checkbox"
                      checked={chosen.includes(option.id)}
                      onChange={(event) => setChosen((ids) => (event.target.checked ? [...ids, option.id] : ids.filter((id) => id !== option.id)))}
                    />{' '}
                    {option.label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <TextField label={t('monitoring.draftBetreft')} value={betreft} onChange={(event) => setBetreft(event.target.value)} error={field('betreft')} />
          <div className="aw-button-row">
            <Button appearance="primary" onClick={() => void submit()}>
              {t('monitoring.draftStart')}
            </Button>
          </div>
        </>
      )}
      {errors && <Alert kind="error">{errors.message}</Alert>}
      {drafted && (
        <Alert kind="ok">
          {t('monitoring.draftCreated', { kenmerk: drafted.kenmerk, count: drafted.itemCount })}{' '}
          <a href={hrefFor(`/adviezen/${drafted.adviceId}`)}>{t('monitoring.draftOpen')}</a>
        </Alert>
      )}
    </section>
  );
}
