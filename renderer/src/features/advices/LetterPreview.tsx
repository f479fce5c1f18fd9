import type { LetterModel } from '../../../../shared/advices/letter';
import type { TextBlock } from '../../../../shared/advices/text';
import { t } from '../../../../shared/i18n';
import { Heading } from '../../ui/Heading';

function Blocks({ blocks, note }: { blocks: TextBlock[]; note?: string }) {
  return (
    <>
      {blocks.map((block, index) => {
        const last = index === blocks.length - 1;
        const noteText = last && note ? <em> {note}</em> : null;
        return block.kind === 'paragraph' ? (
          <p key={index}>
            {block.text}
            {noteText}
          </p>
        ) : (
          <ul key={index}>
            {block.items.map((bullet, bulletIndex) => (
              <li key={bulletIndex}>
                {bullet}
                {bulletIndex === block.items.length - 1 ? noteText : null}
              </li>
            ))}
          </ul>
        );
      })}
      {blocks.length === 0 && note ? (
        <p>
          <em>{note}</em>
        </p>
      ) : null}
    </>
  );
}

/** The letter as it will print: the same model and derived numbers as the .docx export. */
export function LetterPreview({ model, currentItemId = null }: { model: LetterModel; currentItemId?: string | null }) {
  return (
    <section className="aw-card aw-preview-wrap" aria-labelledby="voorbeeld-titel">
      <Heading level={2} id="voorbeeld-titel">
        {t('advicesUi.preview')}
      </Heading>
      <article className="aw-letter" aria-label={t('advicesUi.preview')} data-testid="letter-preview">
        {model.logoDataUrl && <img src={model.logoDataUrl} alt="" className="aw-letter__logo" />}
        <p className="aw-letter__council">{model.councilName}</p>
        {model.councilAddress.map((line) => (
          <p key={line} className="aw-letter__address">
            {line}
          </p>
        ))}
        <div className="aw-letter__addressee">
          {model.addressee.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        <dl className="aw-letter__meta">
          <dt>Datum</dt>
          <dd>{model.placeAndDate}</dd>
          <dt>Kenmerk</dt>
          <dd>{model.kenmerk}</dd>
          <dt>Betreft</dt>
          <dd>
            <strong>{model.betreft}</strong>
          </dd>
        </dl>
        <p>{model.salutation}</p>
        <Blocks blocks={model.opening} />
        {model.sections.map((section) => (
          <div key={section.id} className="aw-letter__section">
            <p className="aw-letter__heading">{section.heading}</p>
            {section.items.map((item) => (
              <div
                key={item.id}
                className={`aw-letter__item${item.id === currentItemId ? ' aw-letter__item--current' : ''}`}
                data-number={item.number}
                data-item-id={item.id}
              >
                <span className="aw-letter__number">{item.number}</span>
                <div>
                  <Blocks blocks={item.blocks} note={item.note} />
                </div>
              </div>
            ))}
          </div>
        ))}
        <Blocks blocks={model.closing} />
        <p>{model.greeting}</p>
        <p>{model.councilName}</p>
        <div className="aw-letter__signatures">
          {model.signatories.map((signatory) => (
            <div key={`${signatory.name}-${signatory.role}`}>
              <strong>{signatory.name}</strong>
              <br />
              {signatory.role}
            </div>
          ))}
        </div>
        {model.cc.length > 0 && (
          <div className="aw-letter__cc">
            <p>Afschrift aan:</p>
            {model.cc.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        )}
      </article>
    </section>
  );
}
