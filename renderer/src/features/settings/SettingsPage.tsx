import { Heading } from '../../ui/Heading';
import { AccountsSection } from '../accounts/AccountsSection';
import { WijkenSection } from '../wijken/WijkenSection';
import { BackupsSection } from './BackupsSection';
import { CouncilForm } from './CouncilForm';
import { PublicationSection } from './PublicationSection';
import { RelocationSections } from './RelocationSections';
import { SystemSection } from './SystemSection';
import { TrashSection } from './TrashSection';

export function SettingsPage({ title }: { title: string }) {
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <CouncilForm />
      <AccountsSection />
      <WijkenSection />
      <SystemSection />
      <PublicationSection />
      <BackupsSection />
      <RelocationSections />
      <TrashSection />
    </>
  );
}
