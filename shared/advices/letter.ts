import type { AdviceDetail, AdviceRequest } from '../api/advices';
import { formatDateLong } from '../i18n/format';
import { parseTextBlocks, type TextBlock } from './text';

/**
 * The letter as a list of parts, the same for the live preview (HTML) and the .docx, so the
 * numbers, cross-references and wording in the app and in the letter always agree.
 */
export interface LetterItem {
  id: string;
  number: string;
  blocks: TextBlock[];
  /** "(zie 2.1; genoemd op 7 van 12 bijeenkomsten)" or "". */
  note: string;
}

export interface LetterSection {
  id: string;
  heading: string;
  items: LetterItem[];
}

export interface LetterModel {
  councilName: string;
  councilAddress: string[];
  logoDataUrl: string;
  placeAndDate: string;
  kenmerk: string;
  betreft: string;
  addressee: string[];
  salutation: string;
  opening: TextBlock[];
  sections: LetterSection[];
  closing: TextBlock[];
  greeting: string;
  signatories: { name: string; role: string }[];
  cc: string[];
}

export interface LetterCouncil {
  name: string;
  municipality: string;
  postalAddress: string;
  logoDataUrl: string;
}

function lines(text: string): string[] {
  return text
    .split(/\n|,\s*(?=\d{4}\s?[A-Z]{2}\b)/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function joinDutch(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]!}`;
}

/** "In vervolg op ons advies van 10 februari 2014 (kenmerk WMO-2014-003) ..." from the references. */
export function referenceSentence(advice: Pick<AdviceDetail, 'references'>): string {
  if (advice.references.length === 0) return '';
  const dated = advice.references.map((reference) => `${formatDateLong(reference.sentOn ?? reference.adviceDate)} (kenmerk ${reference.kenmerk})`);
  const subjects = advice.references.map((reference) => `‘${reference.betreft}’`);
  return advice.references.length === 1
    ? `In vervolg op ons advies van ${dated[0]!} over ${subjects[0]!} brengen wij u hierbij het volgende advies uit.`
    : `In vervolg op onze adviezen van ${joinDutch(dated)} over ${joinDutch(subjects)} brengen wij u hierbij het volgende advies uit.`;
}

/** "Bij brief van 1 september 2014 (uw kenmerk ...) vroeg u ons advies over ..." for a gevraagd advies. */
export function requestSentence(request: Pick<AdviceRequest, 'receivedOn' | 'kenmerk' | 'subject'> | null): string {
  if (!request) return '';
  const kenmerk = request.kenmerk ? ` (uw kenmerk ${request.kenmerk})` : '';
  return `Bij brief van ${formatDateLong(request.receivedOn)}${kenmerk} vroeg u ons advies over ‘${request.subject}’.`;
}

export function buildLetterModel(
  advice: AdviceDetail,
  council: LetterCouncil,
  request: Pick<AdviceRequest, 'receivedOn' | 'kenmerk' | 'subject'> | null = null,
): LetterModel {
  const opening: TextBlock[] = [];
  const requestText = requestSentence(request);
  if (requestText) opening.push({ kind: 'paragraph', text: requestText });
  const referenceText = referenceSentence(advice);
  if (referenceText) opening.push({ kind: 'paragraph', text: referenceText });
  opening.push(...parseTextBlocks(advice.openingText));
  const place = council.municipality ? `${council.municipality}, ` : '';
  return {
    councilName: council.name,
    councilAddress: lines(council.postalAddress),
    logoDataUrl: council.logoDataUrl,
    placeAndDate: `${place}${formatDateLong(advice.adviceDate)}`,
    kenmerk: advice.kenmerk,
    betreft: advice.betreft,
    addressee: lines(advice.addressee),
    salutation: 'Geacht college,',
    opening,
    sections: advice.sections.map((section) => ({
      id: section.id,
      heading: section.number ? `${section.number}. ${section.title}` : section.title,
      items: section.items.map((item) => {
        const notes = [item.crossReference, item.showMentions ? item.mentions : ''].filter((note) => note !== '');
        return {
          id: item.id,
          number: item.number,
          blocks: parseTextBlocks(item.text),
          note: notes.length > 0 ? `(${notes.join('; ')})` : '',
        };
      }),
    })),
    closing: parseTextBlocks(advice.closingText),
    greeting: 'Met vriendelijke groet,',
    signatories: advice.signatories,
    cc: advice.cc,
  };
}
