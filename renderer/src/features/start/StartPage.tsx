import { useEffect, useState } from 'react';
import type { CouncilSettings } from '../../../../shared/api/council';
import { t } from '../../../../shared/i18n';
import { api } from '../../api';
import { Heading, Paragraph } from '../../ui/Heading';
import { OpenRequests } from '../advices/OpenRequests';

export function StartPage(_props: { title: string }) {
  const [council, setCouncil] = useState<CouncilSettings | null>(null);
  useEffect(() => {
    void api.call('council.get').then(setCouncil);
  }, []);
  return (
    <>
      <Heading level={1}>{council?.name || t('app.name')}</Heading>
      <Paragraph>{t('app.tagline')}</Paragraph>
      {council && !council.name && (
        <Paragraph>
          <a className="utrecht-link" href="#/instellingen">
            {t('start.fillSettings')}
          </a>
        </Paragraph>
      )}
      <OpenRequests />
    </>
  );
}
