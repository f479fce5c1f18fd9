import { t } from '../../../../shared/i18n';
import { Heading, Paragraph } from '../../ui/Heading';

export function NotYetAvailablePage({ title }: { title: string }) {
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph>{t('app.notAvailableYet')}</Paragraph>
    </>
  );
}
