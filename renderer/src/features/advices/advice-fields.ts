import type { AdviceDetail, AdviceItem, AdviceSection } from '../../../../shared/api/advices';

/**
 * One field of an advice as the editor shows it (a choice or a list as text: JSON), with the version
 * (`updatedAt`) of the record that holds it: what an update is made on (edit conflicts).
 */
export type FieldReader = (advice: AdviceDetail) => { value: string; version: string } | undefined;

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One field of an item, with the item's version. */
export function itemField(itemId: string, field: (item: AdviceItem) => unknown): FieldReader {
  return (advice) => {
    const item = advice.sections.flatMap((section) => section.items).find((candidate) => candidate.id === itemId);
    return item && { value: asText(field(item)), version: item.updatedAt };
  };
}

/** One field of a section (its title or numbering), with the section's version. */
export function sectionField(sectionId: string, field: (section: AdviceSection) => unknown): FieldReader {
  return (advice) => {
    const section = advice.sections.find((candidate) => candidate.id === sectionId);
    return section && { value: asText(field(section)), version: section.updatedAt };
  };
}

/** The newest version among a section and its items: what deleting it is made on (edit conflicts). */
export function sectionWithItemsVersion(section: AdviceSection): string {
  return section.items.reduce((newest, item) => (item.updatedAt > newest ? item.updatedAt : newest), section.updatedAt);
}

/** One field of the letter itself, with the advice's version. */
export function letterField(field: (advice: AdviceDetail) => unknown): FieldReader {
  return (advice) => ({ value: asText(field(advice)), version: advice.updatedAt });
}
