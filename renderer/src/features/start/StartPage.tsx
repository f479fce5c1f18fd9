import { t } from '../../../../shared/i18n';
import { useApiQuery } from '../../data/queries';
import { Heading, Paragraph } from '../../ui/Heading';
import { OpenRequests } from '../advices/OpenRequests';
import { CouncilAttention } from '../councilOwn/CouncilAttention';

export function StartPage(_props: { title: string }) {
  const council = useApiQuery('council.get').data;
  const overdue = useApiQuery('dashboard.badge').data;
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
