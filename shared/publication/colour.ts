import { z } from 'zod';
import { t } from '../i18n';

/**
 * The site's main colour: links and headings are drawn in it on white, so it must reach the WCAG 2.1
 * AA contrast for text (4.5:1, success criterion 1.4.3). The ratio is WCAG's own formula on sRGB.
 */
export const DEFAULT_SITE_COLOUR = '#1d4f91';
export const MIN_TEXT_CONTRAST = 4.5;

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A #rrggbb colour readable as text on white; refused with a Dutch message at the field otherwise. */
export const siteColour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: () => t('publication.colourInvalid') })
  .transform((value) => value.toLowerCase())
  .refine((value) => contrastRatio(value, '#ffffff') >= MIN_TEXT_CONTRAST, {
    error: (issue) =>
      t('publication.colourContrast', {
        ratio: contrastRatio(String(issue.input), '#ffffff')
          .toFixed(1)
          .replace('.', ','),
      }),
  });
