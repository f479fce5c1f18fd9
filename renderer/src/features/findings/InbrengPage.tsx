import { t, type MessageKey } from '../../../../shared/i18n';
import { hrefFor, useHashPath } from '../../app/router';
import { Heading, Paragraph } from '../../ui/Heading';
import '../meetings/meetings.css';
import { FindingsOverview } from './FindingsOverview';
import { ImportSection } from './ImportSection';
import { PrioritiseView } from './PrioritiseView';
import { SignalDetail } from './SignalDetail';
import { SignalsView } from './SignalsView';

const TABS: { path: string; label: MessageKey }[] = [
  { path: '/inbreng', label: 'inbrengTabs.overview' },
  { path: '/inbreng/signalen', label: 'inbrengTabs.signals' },
  { path: '/inbreng/prioriteren', label: 'inbrengTabs.prioritise' },
  { path: '/inbreng/importeren', label: 'inbrengTabs.import' },
];

/** Routes under /inbreng: the overview, signalen, prioriteren and importeren. */
export function InbrengPage({ title }: { title: string }) {
  const path = useHashPath();
  // /inbreng/signalen/<id>: one signal (the findings table links there), under the Signalen tab.
  const signalId = /^\/inbreng\/signalen\/([^/]+)$/.exec(path)?.[1];
  const current = TABS.find((tab) => tab.path === (signalId ? '/inbreng/signalen' : path)) ?? TABS[0]!;
  const heading = current.path === '/inbreng' ? title : `${title}: ${t(current.label)}`;
  return (
    <>
      <Heading level={1}>{heading}</Heading>
      <nav aria-label={t('inbrengTabs.label')} className="aw-subnav">
        <ul>
          {TABS.map((tab) => (
            <li key={tab.path}>
              <a href={hrefFor(tab.path)} aria-current={tab === current ? 'page' : undefined}>
                {t(tab.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {current.path === '/inbreng' && (
        <>
          <Paragraph className="aw-muted">{t('findings.intro')}</Paragraph>
          <FindingsOverview />
        </>
      )}
      {current.path === '/inbreng/signalen' && (signalId ? <SignalDetail key={signalId} id={decodeURIComponent(signalId)} /> : <SignalsView />)}
      {current.path === '/inbreng/prioriteren' && <PrioritiseView />}
      {current.path === '/inbreng/importeren' && <ImportSection />}
    </>
  );
}
