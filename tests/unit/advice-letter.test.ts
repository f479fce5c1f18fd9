import { describe, expect, it } from 'vitest';
import { referenceSentence, requestSentence } from '../../shared/advices/letter';

const reference = (kenmerk: string, betreft: string, adviceDate: string, sentOn: string | null = null) => ({ id: kenmerk, kenmerk, betreft, adviceDate, sentOn });

describe('opening sentences of the letter', () => {
  it('refers to one earlier advice by its date in Dutch and its kenmerk', () => {
    expect(referenceSentence({ references: [reference('WMO-2014-003', 'Mantelzorg', '2014-02-10')] })).toBe(
      'In vervolg op ons advies van 10 februari 2014 (kenmerk WMO-2014-003) over ‘Mantelzorg’ brengen wij u hierbij het volgende advies uit.',
    );
  });

  it('names several earlier advices, using the date sent when there is one', () => {
    expect(
      referenceSentence({
        references: [reference('A-1', 'Mantelzorg', '2014-02-01', '2014-02-10'), reference('A-2', 'Vervoer', '2014-05-03'), reference('A-3', 'Jeugd', '2014-06-30')],
      }),
    ).toBe(
      'In vervolg op onze adviezen van 10 februari 2014 (kenmerk A-1), 3 mei 2014 (kenmerk A-2) en 30 juni 2014 (kenmerk A-3) over ‘Mantelzorg’, ‘Vervoer’ en ‘Jeugd’ brengen wij u hierbij het volgende advies uit.',
    );
    expect(referenceSentence({ references: [] })).toBe('');
  });

  it('answers a request for advice', () => {
    expect(requestSentence({ receivedOn: '2014-09-01', kenmerk: 'Z/14/123', subject: 'Beleidsplan sociaal domein' })).toBe(
      'Bij brief van 1 september 2014 (uw kenmerk Z/14/123) vroeg u ons advies over ‘Beleidsplan sociaal domein’.',
    );
    expect(requestSentence(null)).toBe('');
  });
});
