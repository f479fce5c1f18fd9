import './councilOwn.css';
import { useHashPath } from '../../app/router';
import { ActionsPage } from './ActionsPage';
import { CouncilExchange } from './CouncilExchange';
import { CouncilMeetingPage } from './CouncilMeetingPage';
import { CouncilMeetingsPage } from './CouncilMeetingsPage';
import { MembersPage } from './MembersPage';
import { PlanningPage } from './PlanningPage';

/** '/raad' the register, '/raad/vergaderingen[/<id>]', '/raad/acties', '/raad/planning'. */
export function CouncilOwnPage(_props: { title: string }) {
  const path = useHashPath();
  const meeting = /^\/raad\/vergaderingen\/([0-9a-f-]{36})$/.exec(path);
  if (meeting) return <CouncilMeetingPage key={meeting[1]} id={meeting[1]!} />;
  if (path === '/raad/vergaderingen') return <CouncilMeetingsPage />;
  if (path === '/raad/acties') return <ActionsPage />;
  if (path === '/raad/planning') return <PlanningPage />;
  return (
    <>
      <MembersPage />
      <CouncilExchange />
    </>
  );
}
