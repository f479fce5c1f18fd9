import { Heading } from '../../ui/Heading';
import { WijkenSection } from '../wijken/WijkenSection';
import { BackupsSection } from './BackupsSection';
import { CouncilForm } from './CouncilForm';
import { PublicationSection } from './PublicationSection';
import { SystemSection } from './SystemSection';
import { TrashSection } from './TrashSection';

export function SettingsPage({ title }: { title: string }) {
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <CouncilForm />
      <WijkenSection />
      <SystemSection />
      <PublicationSection />
      <BackupsSection />
      <TrashSection />
    </>
  );
}
