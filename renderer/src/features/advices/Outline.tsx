import {
  closestCenter,
  DndContext,
  type CollisionDetection,
  KeyboardSensor,
  pointerWithin,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState, type ReactNode } from 'react';
import type { AdviceDetail, AdviceItem, AdviceSection, ItemKind } from '../../../../shared/api/advices';
import type { NumberingStyle } from '../../../../shared/advices/numbering';
import { t } from '../../../../shared/i18n';
import { apiWrite } from '../../data/queries';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Heading, Paragraph } from '../../ui/Heading';
import { AutosaveTextArea, AutosaveTextField, type FieldBase, type SaveOutcome } from './Autosave';
import { itemField, sectionField, sectionWithItemsVersion, type FieldReader } from './advice-fields';
import { EvidencePicker } from './EvidencePicker';
import { itemLabel } from './item-label';
import { TracePanel } from './TracePanel';

export interface OutlineActions {
  /** Runs one change after the others; resolves true when it was saved, false when refused or failed (then said on screen). */
  run(method: () => Promise<AdviceDetail>): Promise<boolean>;
  /**
   * Saves a text field typed on `base` (in turn, as `run`): `write` gets the version to send, the newest
   * one known when the field's text is still `base`, else the base's own. Someone else's change of the
   * field comes back as its conflict, for the field to show.
   */
  saveField(read: FieldReader, base: FieldBase, write: (expectedUpdatedAt: string | undefined) => Promise<AdviceDetail>): Promise<SaveOutcome>;
  /**
   * Saves a choice (a select, a checkbox) made on the value `shown`, with the version as `saveField` does.
   * Someone else's change of it since is not saved over: the editor says who and when and shows theirs.
   */
  change(read: FieldReader, shown: string, write: (expectedUpdatedAt: string | undefined) => Promise<AdviceDetail>): Promise<boolean>;
  select(itemId: string): void;
  /** An item was deleted: offer to undo it. */
  deleted(itemId: string, label: string): void;
}

/**
 * Items land on items (or on an empty section), sections on sections: without this filter the large
 * section boxes win the collision test and an item dropped on another item lands in the wrong place.
 */
const collisionByType: CollisionDetection = (args) => {
  const type = args.active.data.current?.type;
  const candidates = args.droppableContainers.filter((container) => {
    const data = container.data.current;
    return data?.type === type || (type === 'item' && data?.type === 'section' && data.empty === true);
  });
  // What is under the pointer wins; the tall item cards make centre distances misleading.
  const underPointer = pointerWithin({ ...args, droppableContainers: candidates });
  return underPointer.length > 0 ? underPointer : closestCenter({ ...args, droppableContainers: candidates });
};


function Sortable({ id, data, children }: { id: string; data: Record<string, unknown>; children(handle: ReactNode): ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, data });
  const label = String(data.label);
  const handle = (
    <button type="button" className="aw-drag-handle" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={label} title={label}>
      ⠿
    </button>
  );
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition }} className={isDragging ? 'aw-dragging' : undefined}>
      {children(handle)}
    </li>
  );
}

interface ItemCardProps {
  advice: AdviceDetail;
  section: AdviceSection;
  item: AdviceItem;
  index: number;
  handle: ReactNode;
  selected: boolean;
  actions: OutlineActions;
}

function ItemCard({ advice, section, item, index, handle, selected, actions }: ItemCardProps) {
  const label = itemLabel(item);
  const sectionIndex = advice.sections.findIndex((candidate) => candidate.id === section.id);
  const others = advice.sections.flatMap((candidate) => candidate.items).filter((candidate) => candidate.id !== item.id && candidate.number);
  const hasEvidence = item.findingIds.length + item.signalIds.length > 0;
  const moveWithin = (to: number) => actions.run(() => apiWrite('advices.moveItem', { id: item.id, sectionId: section.id, index: to }));
  const remove = async () => {
    // Made on the version shown: an edit someone made since is not deleted unseen (CONFLICT, said on screen).
    if (await actions.run(() => apiWrite('advices.deleteItem', { id: item.id, expectedUpdatedAt: item.updatedAt }))) actions.deleted(item.id, label);
  };
  return (
    // Focus anywhere in an item selects it: its controls, links and trace appear there, the letter scrolls to it.
    <article
      className={`aw-item${selected ? ' aw-item--selected' : ''}`}
      aria-label={label}
      data-testid="advice-item"
      data-item-id={item.id}
      onFocus={(event) => {
        // Not from the drag handle: growing the item at the start of a drag would move the drop targets.
        if (!selected && !(event.target as HTMLElement).closest('.aw-drag-handle')) actions.select(item.id);
      }}
    >
      <div className="aw-item__bar">
        {handle}
        <span className="aw-item__number" data-testid="item-number">
          {item.number || '–'}
        </span>
        {selected ? (
          <select
            aria-label={`${t('advicesUi.itemKind')}: ${label}`}
            className="utrecht-select aw-select-small aw-select-kind"
            value={item.kind}
            onChange={(event) => {
              const kind = event.target.value as ItemKind;
              void actions.change(itemField(item.id, (shown) => shown.kind), item.kind, (expectedUpdatedAt) => apiWrite('advices.updateItem', { id: item.id, kind, expectedUpdatedAt }));
            }}
          >
            {(['bevinding', 'conclusie', 'aanbeveling', 'overig'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(`advicesUi.itemKind_${kind}`)}
              </option>
            ))}
          </select>
        ) : (
          <span className="aw-muted aw-small">{t(`advicesUi.itemKind_${item.kind}`)}</span>
        )}
        <span className="aw-spacer" />
        {selected && (
          <span className="aw-item__move">
            <Button appearance="subtle" aria-label={t('advicesUi.moveItemUp', { item: label })} disabled={index === 0} onClick={() => void moveWithin(index - 1)}>
              ↑ {t('advicesUi.moveUp')}
            </Button>
            <Button
              appearance="subtle"
              aria-label={t('advicesUi.moveItemDown', { item: label })}
              disabled={index === section.items.length - 1}
              onClick={() => void moveWithin(index + 1)}
            >
              ↓ {t('advicesUi.moveDown')}
            </Button>
            <select
              aria-label={t('advicesUi.moveToSection', { item: label })}
              className="utrecht-select aw-select-small"
              value={section.id}
              onChange={(event) => {
                // Read now: saves are queued, and by then React has reset the controlled select.
                const sectionId = event.target.value;
                void actions.run(() => apiWrite('advices.moveItem', { id: item.id, sectionId, index: 100_000 }));
              }}
            >
              {advice.sections.map((candidate, candidateIndex) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.number ? `${candidate.number}. ` : ''}
                  {candidate.title}
                  {candidateIndex === sectionIndex ? ' ✓' : ''}
                </option>
              ))}
            </select>
          </span>
        )}
      </div>
      <AutosaveTextArea
        label={t('advicesUi.itemText', { item: label })}
        value={item.text}
        version={item.updatedAt}
        rows={2}
        grow
        onSave={(text, base) => actions.saveField(itemField(item.id, (shown) => shown.text), base, (expectedUpdatedAt) => apiWrite('advices.updateItem', { id: item.id, text, expectedUpdatedAt }))}
      />
      {!selected && (item.crossReference || hasEvidence) && (
        <p className="aw-muted aw-small aw-item__summary">
          {[item.crossReference, hasEvidence ? t('advicesUi.linkedEvidence', { findings: item.findingIds.length, signals: item.signalIds.length }) : ''].filter(Boolean).join(' · ')}
        </p>
      )}
      {selected && (
        <div className="aw-item__tools">
          <details>
            <summary>
              {t('advicesUi.relatedItems')}
              {item.relatedItemIds.length > 0 ? `: ${item.crossReference}` : ''}
            </summary>
            <fieldset className="aw-related">
              <legend className="aw-visually-hidden">{t('advicesUi.relatedItems')}</legend>
              {others.map((other) => (
                <label key={other.id} className="aw-checkbox">
                  <input
                    type="checkbox"
                    checked={item.relatedItemIds.includes(other.id)}
                    onChange={(event) => {
                      const next = event.target.checked ? [...item.relatedItemIds, other.id] : item.relatedItemIds.filter((id) => id !== other.id);
                      void actions.change(itemField(item.id, (shown) => shown.relatedItemIds), JSON.stringify(item.relatedItemIds), (expectedUpdatedAt) =>
                        apiWrite('advices.updateItem', { id: item.id, relatedItemIds: next, expectedUpdatedAt }),
                      );
                    }}
                  />{' '}
                  {other.number} {other.text.slice(0, 60)}
                </label>
              ))}
            </fieldset>
          </details>
          <EvidencePicker item={item} actions={actions} />
          <div className="aw-item__foot">
            {hasEvidence && (
              <label className="aw-checkbox">
                <input
                  type="checkbox"
                  checked={item.showMentions}
                  onChange={(event) => {
                    const showMentions = event.target.checked;
                    void actions.change(itemField(item.id, (shown) => shown.showMentions), JSON.stringify(item.showMentions), (expectedUpdatedAt) =>
                      apiWrite('advices.updateItem', { id: item.id, showMentions, expectedUpdatedAt }),
                    );
                  }}
                />{' '}
                {t('advicesUi.showMentions')}
              </label>
            )}
            <span className="aw-spacer" />
            <Button appearance="subtle" aria-label={t('advicesUi.deleteItem', { item: label })} onClick={() => void remove()}>
              {t('common.delete')}
            </Button>
          </div>
          <TracePanel advice={advice} itemId={item.id} />
        </div>
      )}
    </article>
  );
}

interface OutlineProps {
  advice: AdviceDetail;
  selectedItemId: string | null;
  actions: OutlineActions;
}

export function Outline({ advice, selectedItemId, actions }: OutlineProps) {
  const [toDelete, setToDelete] = useState<AdviceSection | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [newNumbering, setNewNumbering] = useState<NumberingStyle>('decimaal');
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const sectionOf = (itemId: string) => advice.sections.find((section) => section.items.some((item) => item.id === itemId));

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const activeId = String(active.id);
    const overId = String(over.id);
    if (active.data.current?.type === 'section') {
      const targetSection = advice.sections.find((section) => section.id === overId) ?? sectionOf(overId);
      if (!targetSection) return;
      const index = advice.sections.findIndex((section) => section.id === targetSection.id);
      void actions.run(() => apiWrite('advices.moveSection', { id: activeId, index }));
      return;
    }
    const overSection = advice.sections.find((section) => section.id === overId);
    if (overSection) {
      void actions.run(() => apiWrite('advices.moveItem', { id: activeId, sectionId: overSection.id, index: overSection.items.length }));
      return;
    }
    const target = sectionOf(overId);
    if (!target) return;
    const index = target.items.findIndex((item) => item.id === overId);
    void actions.run(() => apiWrite('advices.moveItem', { id: activeId, sectionId: target.id, index }));
  };

  return (
    <section className="aw-card" aria-labelledby="opbouw-titel">
      <Heading level={2} id="opbouw-titel" tabIndex={-1}>
        {t('advicesUi.outline')}
      </Heading>
      <Paragraph className="aw-muted">{t('advicesUi.outlineHint')}</Paragraph>
      {advice.sections.length === 0 && <Paragraph>{t('advicesUi.outlineEmpty')}</Paragraph>}
      <DndContext sensors={sensors} collisionDetection={collisionByType} onDragEnd={onDragEnd}>
        <SortableContext items={advice.sections.map((section) => section.id)} strategy={verticalListSortingStrategy}>
          <ol className="aw-outline">
            {advice.sections.map((section, sectionIndex) => (
              <Sortable key={section.id} id={section.id} data={{ type: 'section', empty: section.items.length === 0, label: t('advicesUi.dragSection', { title: section.title }) }}>
                {(handle) => (
                  <section className="aw-section" aria-label={section.title} data-testid="advice-section">
                    <div className="aw-section__bar">
                      {handle}
                      <span className="aw-section__number">{section.number ? `${section.number}.` : ''}</span>
                      <div className="aw-section__title">
                        <AutosaveTextField
                          label={t('advicesUi.sectionTitleOf', { number: section.number || String(sectionIndex + 1) })}
                          value={section.title}
                          version={section.updatedAt}
                          onSave={(title, base) =>
                            actions.saveField(sectionField(section.id, (shown) => shown.title), base, (expectedUpdatedAt) =>
                              apiWrite('advices.updateSection', { id: section.id, title, expectedUpdatedAt }),
                            )
                          }
                        />
                      </div>
                      <select
                        aria-label={`${t('advicesUi.numbering')}: ${section.title}`}
                        className="utrecht-select aw-select-small"
                        value={section.numbering}
                        onChange={(event) => {
                          const numbering = event.target.value as NumberingStyle;
                          void actions.change(sectionField(section.id, (shown) => shown.numbering), section.numbering, (expectedUpdatedAt) =>
                            apiWrite('advices.updateSection', { id: section.id, numbering, expectedUpdatedAt }),
                          );
                        }}
                      >
                        {(['decimaal', 'romeins', 'geen'] as const).map((style) => (
                          <option key={style} value={style}>
                            {t(`advicesUi.numbering_${style}`)}
                          </option>
                        ))}
                      </select>
                      <Button
                        appearance="subtle"
                        aria-label={t('advicesUi.moveSectionUp', { title: section.title })}
                        disabled={sectionIndex === 0}
                        onClick={() => void actions.run(() => apiWrite('advices.moveSection', { id: section.id, index: sectionIndex - 1 }))}
                      >
                        ↑
                      </Button>
                      <Button
                        appearance="subtle"
                        aria-label={t('advicesUi.moveSectionDown', { title: section.title })}
                        disabled={sectionIndex === advice.sections.length - 1}
                        onClick={() => void actions.run(() => apiWrite('advices.moveSection', { id: section.id, index: sectionIndex + 1 }))}
                      >
                        ↓
                      </Button>
                      <Button appearance="subtle" aria-label={t('advicesUi.deleteSection', { title: section.title })} onClick={() => setToDelete(section)}>
                        {t('common.delete')}
                      </Button>
                    </div>
                    <SortableContext items={section.items.map((item) => item.id)} strategy={verticalListSortingStrategy}>
                      <ol className="aw-items">
                        {section.items.map((item, index) => (
                          <Sortable key={item.id} id={item.id} data={{ type: 'item', sectionId: section.id, label: t('advicesUi.dragItem', { item: itemLabel(item) }) }}>
                            {(handle) => (
                              <ItemCard advice={advice} section={section} item={item} index={index} handle={handle} selected={selectedItemId === item.id} actions={actions} />
                            )}
                          </Sortable>
                        ))}
                      </ol>
                    </SortableContext>
                    {section.items.length === 0 && <Paragraph className="aw-muted">{t('advicesUi.sectionNoItems')}</Paragraph>}
                    <Button
                      onClick={() =>
                        void actions.run(() =>
                          apiWrite('advices.addItem', {
                            sectionId: section.id,
                            kind: /aanbeveling/i.test(section.title) ? 'aanbeveling' : /conclusie/i.test(section.title) ? 'conclusie' : section.numbering === 'romeins' ? 'bevinding' : 'overig',
                            text: '',
                          }),
                        )
                      }
                    >
                      + {t('advicesUi.addItem', { title: section.title })}
                    </Button>
                  </section>
                )}
              </Sortable>
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <form
        className="aw-field-row aw-add-section"
        onSubmit={(event) => {
          event.preventDefault();
          if (!newTitle.trim()) return;
          void actions.run(() => apiWrite('advices.addSection', { adviceId: advice.id, title: newTitle, numbering: newNumbering })).then(() => setNewTitle(''));
        }}
      >
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="nieuw-onderdeel">
            {t('advicesUi.sectionTitle')}
          </label>
          <input id="nieuw-onderdeel" className="utrecht-textbox utrecht-textbox--html-input" value={newTitle} onChange={(event) => setNewTitle(event.target.value)} />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="nieuw-onderdeel-nummering">
            {t('advicesUi.numbering')}
          </label>
          <select id="nieuw-onderdeel-nummering" className="utrecht-select" value={newNumbering} onChange={(event) => setNewNumbering(event.target.value as NumberingStyle)}>
            {(['decimaal', 'romeins', 'geen'] as const).map((style) => (
              <option key={style} value={style}>
                {t(`advicesUi.numbering_${style}`)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">{t('advicesUi.addSection')}</Button>
      </form>
      <ConfirmDialog
        open={toDelete !== null}
        title={toDelete ? t('advicesUi.deleteSection', { title: toDelete.title }) : ''}
        message={toDelete ? t('advicesUi.confirmDeleteSection', { title: toDelete.title, count: toDelete.items.length }) : ''}
        confirmLabel={t('common.delete')}
        onConfirm={() => {
          const section = toDelete;
          setToDelete(null);
          if (section) void actions.run(() => apiWrite('advices.deleteSection', { id: section.id, expectedUpdatedAt: sectionWithItemsVersion(section) }));
        }}
        onCancel={() => setToDelete(null)}
      />
    </section>
  );
}
