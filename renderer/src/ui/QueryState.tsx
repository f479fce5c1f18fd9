import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { t } from '../../../shared/i18n';
import { Alert } from './Alert';
import { Button } from './Button';
import { Paragraph } from './Heading';

/**
 * The one way a page shows a read that is not there yet: "Bezig met laden…" while it loads, the
 * Dutch error with "Opnieuw proberen" when it failed, otherwise the children with the data.
 */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isError && query.data === undefined) return <QueryError error={query.error} retry={() => void query.refetch()} />;
  if (query.data === undefined) return <Paragraph role="status">{t('app.loading')}</Paragraph>;
  return <>{children(query.data)}</>;
}

export function QueryError({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <Alert kind="error">
      <Paragraph>{t('app.loadFailed', { details: error.message })}</Paragraph>
      {retry && (
        <Button onClick={retry}>{t('app.retry')}</Button>
      )}
    </Alert>
  );
}
