import './responses.css';
import { POSITIONS, type Position } from '../../../../shared/api/responses';
import { useHashPath } from '../../app/router';
import { Dashboard, PositionsList } from './Dashboard';
import { ResponsePage } from './ResponsePage';

/** '/reacties': the chair's dashboard; '/reacties/<adviceId>': one advice's response; '/reacties/jaar/<year>[/<position>]': the records behind a figure. */
export function ResponsesPage({ title }: { title: string }) {
  const path = useHashPath();
  const advice = /^\/reacties\/([0-9a-f-]{36})$/.exec(path);
  if (advice) return <ResponsePage key={advice[1]} adviceId={advice[1]!} />;
  const year = /^\/reacties\/jaar\/(\d{4})(?:\/([a-z_]+))?$/.exec(path);
  if (year) {
    const position = POSITIONS.includes(year[2] as Position) ? (year[2] as Position) : undefined;
    return <PositionsList year={Number(year[1])} position={position} />;
  }
  return <Dashboard title={title} />;
}
