import './advices.css';
import { useHashPath } from '../../app/router';
import { AdviceEditor } from './AdviceEditor';
import { AdvicesListPage } from './AdvicesListPage';

/** '/adviezen' is the list; '/adviezen/<id>' the editor of one advice. */
export function AdvicesPage({ title }: { title: string }) {
  const path = useHashPath();
  const match = /^\/adviezen\/([0-9a-f-]{36})$/.exec(path);
  return match ? <AdviceEditor key={match[1]} id={match[1]!} /> : <AdvicesListPage title={title} />;
}
