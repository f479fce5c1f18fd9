import { describe, expect, it } from 'vitest';
import { describeUses, formatDateLong, formatDateShort, formatDateTime, formatInteger, interpolate, recordKind, t, tableLabel } from '../../../shared/i18n';

describe('formatDateLong', () => {
  it('writes a calendar date the Dutch way', () => {
    expect(formatDateLong('2014-09-25')).toBe('25 september 2014');
    expect(formatDateLong('2026-01-01')).toBe('1 januari 2026');
  });

  it('does not shift a calendar date by the time zone (late on the last day of the year)', () => {
    expect(formatDateLong('2025-12-31')).toBe('31 december 2025');
  });
});

describe('formatDateShort', () => {
  it('writes day-month-year with leading zeros', () => {
    expect(formatDateShort('2014-09-25')).toBe('25-09-2014');
    expect(formatDateShort('2026-03-01')).toBe('01-03-2026');
  });
});

describe('formatDateTime', () => {
  it('shows winter time in Amsterdam as UTC+1', () => {
    expect(formatDateTime('2026-01-15T20:34:00Z')).toBe('15 januari 2026 om 21:34');
  });

  it('shows summer time in Amsterdam as UTC+2', () => {
    expect(formatDateTime('2026-07-01T19:34:00Z')).toBe('1 juli 2026 om 21:34');
  });

  it('follows the switch to summer time on the last Sunday of March', () => {
    // 29 March 2026: clocks go from 02:00 to 03:00 local time (01:00 UTC).
    expect(formatDateTime('2026-03-29T00:59:00Z')).toBe('29 maart 2026 om 01:59');
    expect(formatDateTime('2026-03-29T01:00:00Z')).toBe('29 maart 2026 om 03:00');
  });

  it('moves to the next day when UTC evening is after midnight in Amsterdam', () => {
    expect(formatDateTime('2026-11-25T23:30:00Z')).toBe('26 november 2026 om 00:30');
  });
});

describe('formatInteger', () => {
  it('groups thousands with a dot', () => {
    expect(formatInteger(1234567)).toBe('1.234.567');
  });
});

describe('t()', () => {
  it('looks up a message by its dotted key', () => {
    expect(t('common.save')).toBe('Opslaan');
  });

  it('fills placeholders', () => {
    expect(t('errors.textTooLong', { max: 200 })).toBe('Is te lang (max. 200 tekens).');
    expect(t('wijken.inUse', { name: 'Noord', uses: '3 bijeenkomsten' })).toBe(
      'Wijk "Noord" kan niet worden verwijderd, want deze is in gebruik bij: 3 bijeenkomsten.',
    );
  });

  it('accepts zero as a value', () => {
    expect(t('wijken.count', { count: 0 })).toBe('0 wijken');
  });

  it('leaves placeholders without a value alone', () => {
    expect(t('council.kenmerkPatternHint', { jaar: 2026 })).toBe(
      'Gebruik {jaar} en {volgnummer}, bijvoorbeeld "WMO-{jaar}-{volgnummer}".'.replace(/\{jaar\}/g, '2026'),
    );
    expect(t('wijken.nameTaken')).toBe('Er is al een wijk met de naam "{name}".');
  });

  it('does not interpret replacement patterns in values', () => {
    expect(t('wijken.nameTaken', { name: '$& en $1' })).toBe('Er is al een wijk met de naam "$& en $1".');
  });

  it('leaves placeholders alone when given an empty set of values', () => {
    expect(t('wijken.nameTaken', {})).toBe('Er is al een wijk met de naam "{name}".');
  });

  it('falls back to the key for a key that is not in the catalogue', () => {
    expect(t('common.bestaatNiet' as Parameters<typeof t>[0])).toBe('common.bestaatNiet');
  });
});

describe('tableLabel', () => {
  it('gives the Dutch plural of a known table and the table name otherwise', () => {
    expect(tableLabel('meetings')).toBe('bijeenkomsten');
    expect(tableLabel('onbekende_tabel')).toBe('onbekende_tabel');
  });
});

describe('describeUses and recordKind: Dutch counts and kinds', () => {
  it('counts with the singular for one and the plural otherwise, never "1 signalen" or "2 inbreng"', () => {
    expect(describeUses([{ table: 'findings', count: 1 }, { table: 'signals', count: 1 }])).toBe('1 punt inbreng, 1 signaal');
    expect(describeUses([{ table: 'findings', count: 2 }, { table: 'signals', count: 0 }])).toBe('2 punten inbreng, 0 signalen');
    expect(describeUses([{ table: 'onbekende_tabel', count: 3 }])).toBe('3 onbekende_tabel');
  });

  it('names one record as a kind, not as a plural table', () => {
    expect(recordKind('advices')).toBe('Advies');
    expect(recordKind('findings')).toBe('Inbreng');
    expect(recordKind('onbekende_tabel')).toBe('onbekende_tabel');
  });

  it('links on an advice item in proper Dutch', () => {
    expect(t('advicesUi.linkedEvidence', { findings: 0, signals: 1 })).toBe('Gekoppeld: 0 punten inbreng, 1 signaal');
    expect(t('advicesUi.linkedEvidence', { findings: 1, signals: 2 })).toBe('Gekoppeld: 1 punt inbreng, 2 signalen');
  });
});

describe('interpolate: numbers with the right word', () => {
  it('chooses the singular for exactly one and the plural otherwise, by Dutch rules', () => {
    const template = '{count} {count|item|items} definitief verwijderd.';
    expect(interpolate(template, { count: 1 })).toBe('1 item definitief verwijderd.');
    expect(interpolate(template, { count: 0 })).toBe('0 items definitief verwijderd.');
    expect(interpolate(template, { count: 2 })).toBe('2 items definitief verwijderd.');
    expect(interpolate(template, { count: '1' })).toBe('1 item definitief verwijderd.');
    expect(interpolate('{count|is|zijn} {n|x|y}', { count: 5 })).toBe('zijn {n|x|y}');
  });

  it('gives catalogue messages correct Dutch for one and for many', () => {
    expect(t('trash.kept', { count: 1 })).toBe('1 item is in de prullenbak gebleven, omdat er nog naar verwezen wordt:');
    expect(t('trash.kept', { count: 3 })).toBe('3 items zijn in de prullenbak gebleven, omdat er nog naar verwezen wordt:');
    expect(t('signals.mentioned', { count: 1, total: 1 })).toBe('genoemd op 1 van 1 bijeenkomst');
  });
});
