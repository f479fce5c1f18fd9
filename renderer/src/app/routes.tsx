import type { ComponentType } from 'react';
import type { MethodName } from '../../../shared/api/contract';
import type { MessageKey } from '../../../shared/i18n';
import { AdvicesPage } from '../features/advices/AdvicesPage';
import { CouncilOwnPage } from '../features/councilOwn/CouncilOwnPage';
import { InbrengPage } from '../features/findings/InbrengPage';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { MonitoringPage } from '../features/monitoring/MonitoringPage';
import { OverdueBadge } from '../features/responses/OverdueBadge';
import { ResponsesPage } from '../features/responses/ResponsesPage';
import { PrivacyPage } from '../features/privacy/PrivacyPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StartPage } from '../features/start/StartPage';

export interface AppRoute {
  path: string;
  label: MessageKey;
  component: ComponentType<{ title: string }>;
  /** Shown beside the link in the navigation, e.g. a count of overdue items. */
  badge?: ComponentType;
  /**
   * The changes this screen is for: a role allowed none of them reads the screen only, and is told so
   * at its top (ReadOnlyNote), with who may change it.
   */
  writes?: readonly MethodName[];
}

/** The main navigation, in order. Each feature replaces its placeholder when it lands. */
export const ROUTES: AppRoute[] = [
  { path: '/', label: 'nav.start', component: StartPage },
  { path: '/bijeenkomsten', label: 'nav.meetings', component: MeetingsPage, writes: ['meetings.create', 'findings.create'] },
  { path: '/inbreng', label: 'nav.findings', component: InbrengPage, writes: ['findings.create', 'signals.create'] },
  { path: '/adviezen', label: 'nav.advices', component: AdvicesPage, writes: ['advices.updateItem', 'advices.create'] },
  { path: '/reacties', label: 'nav.responses', component: ResponsesPage, badge: OverdueBadge, writes: ['responses.record'] },
  { path: '/wijkteams', label: 'nav.wijkteams', component: MonitoringPage, writes: ['assessments.save', 'wijkteams.create'] },
  { path: '/raad', label: 'nav.council', component: CouncilOwnPage, writes: ['councilMeetings.create', 'members.create'] },
  { path: '/instellingen', label: 'nav.settings', component: SettingsPage, writes: ['council.update', 'wijken.create', 'backups.create'] },
  { path: '/privacy', label: 'privacy.nav', component: PrivacyPage, writes: ['privacy.update'] },
];

/** The route for a path: exact match, or the longest prefix ("/adviezen/123" -> "/adviezen"). */
export function matchRoute(path: string): AppRoute {
  const exact = ROUTES.find((route) => route.path === path);
  if (exact) return exact;
  const prefixed = ROUTES.filter((route) => route.path !== '/' && path.startsWith(`${route.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  );
  return prefixed[0] ?? ROUTES[0]!;
}
