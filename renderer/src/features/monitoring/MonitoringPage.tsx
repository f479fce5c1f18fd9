import { useCallback, useEffect } from 'react';
import { t, type MessageKey } from '../../../../shared/i18n';
import { hrefFor, useHashPath } from '../../app/router';
import { useApiQuery } from '../../data/queries';
import { QueryError } from '../../ui/QueryState';
import { Heading, Paragraph } from '../../ui/Heading';
import { FrameworksView } from './FrameworksView';
import { MatrixView } from './MatrixView';
import { TeamPage } from './TeamPage';
import { TeamsView } from './TeamsView';
import { TrendView } from './TrendView';
import './monitoring.css';

const BASE = '/wijkteams';
const SECTIONS: { path: string; label: MessageKey; title: MessageKey }[] = [
  { path: BASE, label: 'monitoring.navMatrix', title: 'monitoring.matrixTitle' },
  { path: `${BASE}/ontwikkeling`, label: 'monitoring.navTrend', title: 'monitoring.trendTitle' },
  { path: `${BASE}/teams`, label: 'monitoring.navTeams', title: 'monitoring.teamsTitle' },
  { path: `${BASE}/criteria`, label: 'monitoring.navFrameworks', title: 'monitoring.frameworksTitle' },
];

/** Monitoring of the sociale wijkteams; its own sub-routes under #/wijkteams. */
export function MonitoringPage({ title }: { title: string }) {
  const path = useHashPath();
  const frameworksQuery = useApiQuery('frameworks.list');
  const teamsQuery = useApiQuery('wijkteams.list');
  const frameworks = frameworksQuery.data ?? null;
  const teams = teamsQuery.data ?? null;
  const { refetch: refetchFrameworks } = frameworksQuery;
  const { refetch: refetchTeams } = teamsQuery;
  const load = useCallback(async () => {
    await Promise.all([refetchFrameworks(), refetchTeams()]);
  }, [refetchFrameworks, refetchTeams]);
  const failed = frameworksQuery.error ?? teamsQuery.error;

  const teamMatch = /^\/wijkteams\/teams\/([0-9a-f-]{36})$/.exec(path);
  const section = SECTIONS.find((item) => item.path === path) ?? SECTIONS[0]!;
  useEffect(() => {
    document.title = `${title}: ${t(section.title)} – ${t('app.name')}`;
  }, [title, section]);

  const nav = (
    <nav aria-label={t('monitoring.subnav')} className="aw-subnav">
      <ul>
        {SECTIONS.map((item) => (
          <li key={item.path}>
            <a href={hrefFor(item.path)} aria-current={!teamMatch && item === section ? 'page' : undefined}>
              {t(item.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );

  if (teamMatch) {
    return (
      <>
        {nav}
        <TeamPage teamId={teamMatch[1]!} />
      </>
    );
  }
  return (
    <>
      <Heading level={1}>
        {title}: {t(section.title).toLocaleLowerCase('nl-NL')}
      </Heading>
      {nav}
      {section === SECTIONS[0] && <Paragraph className="aw-muted">{t('monitoring.intro')}</Paragraph>}
      {failed && (!frameworks || !teams) ? (
        <QueryError error={failed} retry={() => void load()} />
      ) : !frameworks || !teams ? (
        <Paragraph>{t('app.loading')}</Paragraph>
      ) : section.path === BASE ? (
        <MatrixView frameworks={frameworks} />
      ) : section.path === `${BASE}/ontwikkeling` ? (
        <TrendView frameworks={frameworks} teams={teams} />
      ) : section.path === `${BASE}/teams` ? (
        <TeamsView teams={teams} onChanged={load} />
      ) : (
        <FrameworksView frameworks={frameworks} onChanged={load} />
      )}
    </>
  );
}
