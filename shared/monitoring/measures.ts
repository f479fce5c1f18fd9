import { t } from '../i18n';

export const MEASURE_TYPES = ['score', 'traffic_light', 'count', 'percentage'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const DIRECTIONS = ['higher_better', 'lower_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Traffic lights are stored as numbers so they trend like scores: 1 red, 2 orange, 3 green. */
export const TRAFFIC_LIGHT_VALUES = { rood: 1, oranje: 2, groen: 3 } as const;

export const MAX_COUNT = 1_000_000;

/** Why a value does not fit a measure type (Dutch), or null when it does. */
export function valueProblem(measure: MeasureType, value: number): string | null {
  if (!Number.isFinite(value)) return t('monitoring.valueNotANumber');
  switch (measure) {
    case 'score':
      return Number.isInteger(value) && value >= 1 && value <= 5 ? null : t('monitoring.valueScore');
    case 'traffic_light':
      return Number.isInteger(value) && value >= 1 && value <= 3 ? null : t('monitoring.valueTrafficLight');
    case 'count':
      return Number.isInteger(value) && value >= 0 && value <= MAX_COUNT ? null : t('monitoring.valueCount', { max: MAX_COUNT });
    case 'percentage':
      return value >= 0 && value <= 100 && Math.round(value * 10) === value * 10 ? null : t('monitoring.valuePercentage');
  }
}

/** Traffic lights always read green-is-good, whatever the stored direction says. */
export function effectiveDirection(measure: MeasureType, direction: Direction): Direction {
  return measure === 'traffic_light' ? 'higher_better' : direction;
}

const decimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

export function trafficLightName(value: number): string {
  if (value === 3) return t('monitoring.lightGreen');
  if (value === 2) return t('monitoring.lightOrange');
  return t('monitoring.lightRed');
}

/** A value as people read it: "4 van 5", "Groen", "12", "45,5%". */
export function formatValue(measure: MeasureType, value: number): string {
  switch (measure) {
    case 'score':
      return t('monitoring.scoreOf', { value: decimal.format(value) });
    case 'traffic_light':
      return trafficLightName(value);
    case 'count':
      return decimal.format(value);
    case 'percentage':
      return `${decimal.format(value)}%`;
  }
}

/** A change between two values in the unit of the measure: "+1", "−2,5 procentpunt". */
export function formatDelta(measure: MeasureType, delta: number): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const amount = decimal.format(Math.abs(delta));
  return measure === 'percentage' ? `${sign}${amount} ${t('monitoring.percentagePoints')}` : `${sign}${amount}`;
}

export type Status = 'good' | 'fair' | 'poor' | 'neutral';

export interface StatusCriterion {
  measureType: MeasureType;
  direction: Direction;
  target: number | null;
}

function meets(direction: Direction, value: number, target: number): boolean {
  return direction === 'higher_better' ? value >= target : value <= target;
}

/**
 * How good a value is, for the colour and symbol of a matrix cell. With a target: reached is
 * good, within a tenth of it (a point on a score) is fair. Without one, scores and lights speak
 * for themselves and counts and percentages are neutral.
 */
export function valueStatus(criterion: StatusCriterion, value: number): Status {
  const direction = effectiveDirection(criterion.measureType, criterion.direction);
  if (criterion.measureType === 'traffic_light') return value >= 3 ? 'good' : value === 2 ? 'fair' : 'poor';
  if (criterion.target !== null) {
    if (meets(direction, value, criterion.target)) return 'good';
    const margin = criterion.measureType === 'score' ? 1 : Math.max(Math.abs(criterion.target) * 0.1, 1);
    return Math.abs(value - criterion.target) <= margin ? 'fair' : 'poor';
  }
  if (criterion.measureType === 'score') {
    const good = direction === 'higher_better' ? value >= 4 : value <= 2;
    const poor = direction === 'higher_better' ? value <= 2 : value >= 4;
    return good ? 'good' : poor ? 'poor' : 'fair';
  }
  return 'neutral';
}

/** Symbols that carry the status without colour. */
export const STATUS_SYMBOL: Record<Status | 'missing', string> = {
  good: '✔',
  fair: '!',
  poor: '✖',
  neutral: '•',
  missing: '?',
};

export function statusLabel(status: Status | 'missing'): string {
  return t(`monitoring.status.${status}`);
}
