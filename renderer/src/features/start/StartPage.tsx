import { useEffect, useState } from 'react';
import type { CouncilSettings } from '../../../../shared/api/council';
import type { OverdueBadge } from '../../../../shared/api/responses';
import { t } from '../../../../shared/i18n';
import { api } from '../../api';
import { Heading, Paragraph } from '../../ui/Heading';
import { OpenRequests } from '../advices/OpenRequests';
import { CouncilAttention } from '../councilOwn/CouncilAttention';

export function StartPage(_props: { title: string }) {
  const [council, setCouncil] = useState<CouncilSettings | null>(null);
  const [overdue, setOverdue] = useState<OverdueBadge | null>(null);
  useEffect(() => {
    void api.call('council.get').then(setCouncil);
    void api.call('dashboard.badge').then(setOverdue);
  }, []);
  return (
    <>
      <Heading level={1}>{council?.name || t('app.name')}</Heading>
      <Paragraph>{t('app.tagline')}</Paragraph>
      {overdue && overdue.total > 0 && (
        <Paragraph>
          <a className="utrecht-link" href="#/reacties">
            {t('responsesUi.startOverdue', { advices: overdue.advices, commitments: overdue.commitments })}
          </a>
        </Paragraph>
      )}
      {council && !council.name && (
        <Paragraph>
          <a className="utrecht-link" href="#/instellingen">
            {t('start.fillSettings')}
          </a>
        </Paragraph>
      )}
      <OpenRequests />
      <CouncilAttention />
    </>
  );
}
