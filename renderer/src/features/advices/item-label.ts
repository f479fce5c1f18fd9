import type { AdviceItem } from '../../../../shared/api/advices';
import { t } from '../../../../shared/i18n';

/** "Punt 2.1", or "Punt zonder nummer" in an unnumbered section. */
export function itemLabel(item: Pick<AdviceItem, 'number'>): string {
  return item.number ? t('advicesUi.item', { number: item.number }) : t('advicesUi.itemUnnumbered');
}
