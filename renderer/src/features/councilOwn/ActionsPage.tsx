import { t } from '../../../../shared/i18n';
import { Alert } from '../../ui/Alert';
import { Heading } from '../../ui/Heading';
import { ActionList } from './CouncilMeetingPage';
import { CouncilTabs, useLoaded } from './shared';

export function ActionsPage() {
  const { value: actions, error, run } = useLoaded('councilActions.list', {});
  return (
    <>
      <Heading level={1}>{t('councilOwn.actionsTitle')}</Heading>
      <CouncilTabs />
      {error && <Alert kind="error">{error}</Alert>}
      <section className="aw-card" aria-labelledby="acties-lijst">
        <Heading level={2} id="acties-lijst">
          {t('councilOwn.actionsTitle')}
        </Heading>
        {actions && <ActionList actions={actions} run={run} showMeeting />}
      </section>
    </>
  );
}
